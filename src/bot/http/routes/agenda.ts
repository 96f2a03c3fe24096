// A session's agenda over REST (the Outlook add-in's panes): the same use cases as the bot's `agenda`
// and `add` commands, so the rules (parties only, booked and not over, the item's text checks) are one.
import { z } from 'zod';
import { AGENDA_ITEM_MAX_LENGTH, agendaItemSchema } from '../../../shared/agenda/agenda.js';
import { refuse } from '../../use-case.js';
import { operation, type Operation } from '../api/operation.js';
import { reply } from './reply.js';

const sessionParams = z.object({ sessionId: z.string().min(1).max(200) });

export const agendaViewSchema = z
  .object({
    sessionId: z.string(),
    start: z.string(),
    end: z.string(),
    windowLabel: z.string(),
    supervisorName: z.string(),
    superviseeNames: z.array(z.string()),
    sections: z.array(z.object({ section: z.object({ id: z.string(), title: z.string(), hint: z.string().optional() }), items: z.array(agendaItemSchema) })),
    openActions: z.array(z.object({ text: z.string(), ownerName: z.string().optional() })),
    closed: z.string().optional().describe('Why the agenda can no longer be changed (the session is cancelled, or over); absent while it can.'),
  })
  .meta({ id: 'AgendaView' });

export const agendaOperations: Operation[] = [
  operation({
    operationId: 'getSessionAgenda',
    method: 'get',
    path: '/sessions/{sessionId}/agenda',
    summary: "The session's agenda: the school's sections, each with its items (who added each), and the actions still open from last time.",
    access: 'Its supervisor and supervisees; the admin, the DSL and oversight (as getSession).',
    params: sessionParams,
    success: { status: 200, description: 'The agenda.', schema: agendaViewSchema },
    handle: async ({ caller, params, useCases }) => reply(await useCases.getAgenda({ caller, sessionId: params.sessionId })),
  }),
  operation({
    operationId: 'addSessionAgendaItem',
    method: 'post',
    path: '/sessions/{sessionId}/agenda/items',
    summary:
      "Adds an item to the session's agenda, as the bot's `add` does; every agenda card already posted is updated. `namesAChild` says the text may name a child (use initials or a case reference).",
    access: 'Its supervisor and supervisees only, while the session is booked and not over.',
    params: sessionParams,
    body: z
      .object({
        text: z.string().max(AGENDA_ITEM_MAX_LENGTH, `at most ${AGENDA_ITEM_MAX_LENGTH} characters`),
        sectionId: z.string().min(1).max(100).optional(),
      })
      .strict(),
    success: {
      status: 201,
      description: 'The item, its number on the agenda, and the agenda now.',
      schema: z.object({ item: agendaItemSchema, number: z.number(), namesAChild: z.boolean(), view: agendaViewSchema }).meta({ id: 'AddedAgendaItem' }),
    },
    handle: async ({ caller, params, body, useCases }) => {
      const added = await useCases.addAgendaItem({ caller, sessionId: params.sessionId, text: body.text, sectionId: body.sectionId });
      if (!added.ok) return added;
      // With a session id the use case never asks which session; this keeps the types honest.
      if (added.value.kind !== 'added') return refuse('conflict', 'choose_session', 'Choose a session to add the item to.');
      const { item, number, namesAChild, view } = added.value;
      return { ok: true, value: { body: { item, number, namesAChild, view } } };
    },
  }),
];
