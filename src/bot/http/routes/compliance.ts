import { z } from 'zod';
import { operation, type Operation } from '../api/operation.js';
import { complianceDashboardResponse, mySuperviseesStatusResponse, ROW_STATUSES } from '../api/compliance-schemas.js';
import { reply } from './reply.js';

const id = z.string().min(1).max(300);

export const complianceOperations: Operation[] = [
  operation({
    operationId: 'getComplianceDashboard',
    method: 'get',
    path: '/compliance/dashboard',
    summary:
      'Where every supervisee stands against their supervision policy (frequency, records, contract, actions, decisions), overdue first, and sessions held against due per half term. Served from the read model: a change made through the app shows on the next request.',
    access: 'The safeguarding admin, a designated safeguarding lead, oversight. Every call is audited.',
    query: z
      .object({
        status: z.enum(ROW_STATUSES).optional(),
        supervisorId: id.optional(),
        role: id.optional().meta({ description: "The supervisee's role, e.g. teaching-assistant." }),
        schoolId: id.optional(),
      })
      .strict(),
    success: { status: 200, description: 'The dashboard.', schema: complianceDashboardResponse },
    handle: async ({ caller, query, useCases }) => reply(await useCases.getComplianceDashboard({ caller, filter: query })),
  }),
  operation({
    operationId: 'listMySuperviseesStatus',
    method: 'get',
    path: '/compliance/my-supervisees',
    summary: "The dashboard's rows for the people you supervise (none if you supervise no one).",
    access: 'Anyone; only your own supervisees. Every call is audited.',
    success: { status: 200, description: 'Your supervisees’ rows.', schema: mySuperviseesStatusResponse },
    handle: async ({ caller, useCases }) => reply(await useCases.listMySuperviseesStatus({ caller }), (rows) => ({ body: { rows } })),
  }),
];
