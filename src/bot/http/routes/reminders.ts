import { z } from 'zod';
import { operation, type Operation } from '../api/operation.js';
import { reply } from './reply.js';

const reminderRunResponse = z
  .object({
    due: z.number().int(),
    sent: z.number().int(),
    alreadySent: z.number().int(),
    unreachable: z.array(z.string()),
    failed: z.number().int(),
    decisionReminders: z.number().int().meta({ description: "Reminders sent to confirm a decision is on the child's case record." }),
  })
  .meta({ id: 'ReminderRun' });

const unreachablePeopleResponse = z.object({ people: z.array(z.object({ id: z.string(), displayName: z.string() })) }).meta({ id: 'UnreachablePeople' });

export const reminderOperations: Operation[] = [
  operation({
    operationId: 'runReminders',
    method: 'post',
    path: '/reminders/run',
    summary: 'Send every reminder card that is due now (the job also runs on its own). Each participant gets one per session, however often it runs.',
    access: 'Safeguarding admin or designated safeguarding lead.',
    success: { status: 200, description: 'What the run did.', schema: reminderRunResponse },
    handle: async ({ caller, useCases }) => reply(await useCases.runRemindersNow({ caller })),
  }),
  operation({
    operationId: 'listUnreachablePeople',
    method: 'get',
    path: '/people/unreachable',
    summary: 'People in active arrangements the bot cannot reach yet (the app is not installed for them), so they get no reminders or agenda cards.',
    access: 'Safeguarding admin or designated safeguarding lead.',
    success: { status: 200, description: 'The people, by name.', schema: unreachablePeopleResponse },
    handle: async ({ caller, useCases }) => reply(await useCases.listUnreachablePeople({ caller }), (people) => ({ body: { people } })),
  }),
];
