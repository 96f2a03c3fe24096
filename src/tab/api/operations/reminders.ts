// Reminders and who the bot can reach: runReminders, listUnreachablePeople.
import * as z from 'zod/mini';
import type { Api } from '../authorised.js';

const reminderRunSchema = z.object({ due: z.number(), sent: z.number(), alreadySent: z.number(), unreachable: z.array(z.string()), failed: z.number() });
export type ReminderRun = z.infer<typeof reminderRunSchema>;

const unreachableSchema = z.object({ people: z.array(z.object({ id: z.string(), displayName: z.string() })) });

export const runReminders = (api: Api) => api.send('POST', '/api/reminders/run', undefined, reminderRunSchema);

export const listUnreachablePeople = async (api: Api, signal?: AbortSignal) => (await api.get('/api/people/unreachable', unreachableSchema, signal)).people;
