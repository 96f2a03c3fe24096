import { z } from 'zod';
import { arrangementChangesSchema, arrangementInputSchema } from '../../../shared/arrangements/new-arrangement.js';
import { operation, type Operation } from '../api/operation.js';
import { arrangementResponse, personSchema } from '../api/schemas.js';
import { reply } from './reply.js';

const ADMIN_OR_LEAD = 'Safeguarding admin or designated safeguarding lead.';
const id = z.string().min(1).max(100);

export const arrangementOperations: Operation[] = [
  operation({
    operationId: 'listArrangements',
    method: 'get',
    path: '/arrangements',
    summary: 'Supervision arrangements: every one for the admin, the DSL and oversight; your own for everyone else.',
    access: 'Any signed-in member of staff (filtered to what they may see).',
    success: { status: 200, description: 'The arrangements.', schema: z.object({ arrangements: z.array(arrangementResponse) }) },
    handle: async ({ caller, useCases }) => reply(await useCases.listArrangements({ caller }), (arrangements) => ({ body: { arrangements } })),
  }),
  operation({
    operationId: 'createArrangement',
    method: 'post',
    path: '/arrangements',
    summary: "Makes a supervision arrangement (individual or group). A pairing the school's supervision grid does not allow is refused with the reason.",
    access: ADMIN_OR_LEAD,
    body: arrangementInputSchema,
    success: { status: 201, description: 'The new arrangement.', schema: arrangementResponse },
    handle: async ({ caller, body, useCases }) =>
      reply(await useCases.createArrangement({ caller, arrangement: body }), (a) => ({ headers: { Location: `/api/arrangements/${encodeURIComponent(a.id)}` } })),
  }),
  operation({
    operationId: 'updateArrangement',
    method: 'patch',
    path: '/arrangements/{arrangementId}',
    summary: 'Changes cadence, duration, maximum gap, organiser, Teams meeting, place or preferences, or ends the arrangement.',
    access: ADMIN_OR_LEAD,
    params: z.object({ arrangementId: id }),
    body: arrangementChangesSchema,
    success: { status: 200, description: 'The arrangement as changed.', schema: arrangementResponse },
    handle: async ({ caller, params, body, useCases }) => reply(await useCases.updateArrangement({ caller, arrangementId: params.arrangementId, changes: body })),
  }),
  operation({
    operationId: 'searchPeople',
    method: 'get',
    path: '/people',
    summary: 'Staff in the directory whose name or address starts with the text, to choose supervisors and supervisees.',
    access: ADMIN_OR_LEAD,
    query: z.object({ q: z.string().max(100).default('') }),
    success: { status: 200, description: 'Matching people.', schema: z.object({ people: z.array(personSchema) }) },
    handle: async ({ caller, query, useCases }) => reply(await useCases.searchPeople({ caller, query: query.q }), (people) => ({ body: { people } })),
  }),
];
