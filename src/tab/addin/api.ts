// The add-in's operations on top of the tab's API client: the session an Outlook meeting is for, its
// agenda, and adding an item (the same use case as the bot's `add`).
import * as z from 'zod/mini';
import type { Api } from '../api/authorised.js';
import { sessionViewSchema } from '../api/operations/sessions.js';

const itemSchema = z.object({ id: z.string(), sectionId: z.string(), text: z.string(), addedById: z.string(), addedByName: z.string(), addedAt: z.string() });

export const agendaViewSchema = z.object({
  sessionId: z.string(),
  start: z.string(),
  end: z.string(),
  windowLabel: z.string(),
  supervisorName: z.string(),
  superviseeNames: z.array(z.string()),
  sections: z.array(z.object({ section: z.object({ id: z.string(), title: z.string(), hint: z.optional(z.string()) }), items: z.array(itemSchema) })),
  openActions: z.array(z.object({ text: z.string(), ownerName: z.optional(z.string()) })),
});
export type AgendaView = z.infer<typeof agendaViewSchema>;

const addedSchema = z.object({ item: itemSchema, number: z.number(), namesAChild: z.boolean(), view: agendaViewSchema });
export type AddedItem = z.infer<typeof addedSchema>;

const sessionPath = (id: string) => `/api/sessions/${encodeURIComponent(id)}`;

export interface MeetingRef {
  readonly restId: string;
  readonly start?: string | undefined;
  readonly organizer?: string | undefined;
}

export const findSessionByEvent = (api: Api, meeting: MeetingRef, signal?: AbortSignal) => {
  const query = new URLSearchParams({ eventId: meeting.restId });
  if (meeting.start && meeting.organizer) {
    query.set('start', meeting.start);
    query.set('organizer', meeting.organizer);
  }
  return api.get(`/api/sessions/by-event?${query.toString()}`, sessionViewSchema, signal);
};

export const getSessionAgenda = (api: Api, sessionId: string, signal?: AbortSignal) => api.get(`${sessionPath(sessionId)}/agenda`, agendaViewSchema, signal);

export const addAgendaItem = (api: Api, sessionId: string, text: string) => api.send('POST', `${sessionPath(sessionId)}/agenda/items`, { text }, addedSchema);
