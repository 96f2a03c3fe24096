import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { createBatchRunner, GRAPH_BATCH_LIMIT, type BatchRunner, type BatchRunnerOptions } from './batch.js';
import { GraphAdapterError, isNotFound } from './graph-errors.js';
import { collectAllPages } from './paging.js';

export interface CalendarAttendee {
  address: string;
  name?: string;
  type?: 'required' | 'optional';
}

export interface NewCalendarEvent {
  /** Mailbox the event is booked in (the supervisor's, or a shared safeguarding mailbox). */
  organizerId: string;
  /** Makes the create idempotent: Graph drops a repeated POST with the same transactionId. */
  transactionId: string;
  /** Never case detail: calendars are widely delegated. */
  subject: string;
  startUtc: string;
  endUtc: string;
  location?: string;
  bodyHtml?: string;
  attendees: CalendarAttendee[];
}

export interface CalendarEvent {
  id: string;
  iCalUId: string;
  organizerId: string;
  subject: string;
  startUtc: string;
  endUtc: string;
  location: string;
  isCancelled: boolean;
  isOrganizer: boolean;
  transactionId?: string;
  attendees: { address: string; name: string; type: string; response: string }[];
}

export interface EventChanges {
  subject?: string;
  startUtc?: string;
  endUtc?: string;
  location?: string;
  bodyHtml?: string;
  attendees?: CalendarAttendee[];
}

export type CreateResult = { ok: true; transactionId: string; event: CalendarEvent } | { ok: false; transactionId: string; status: number; message: string };

export interface FreeBusy {
  address: string;
  /** One digit per interval: 0 free, 1 tentative, 2 busy, 3 out of office. */
  availabilityView: string;
  busy: { startUtc: string; endUtc: string; status: string }[];
  error?: string;
}

export interface CalendarPort {
  createEvent(event: NewCalendarEvent): Promise<CalendarEvent>;
  /** Many creates through `$batch` (20 per call, bounded concurrency); results in input order. */
  createEvents(events: readonly NewCalendarEvent[]): Promise<CreateResult[]>;
  getEvent(mailboxId: string, eventId: string): Promise<CalendarEvent | undefined>;
  updateEvent(mailboxId: string, eventId: string, changes: EventChanges): Promise<CalendarEvent>;
  /** Sends attendees a cancellation with `comment` (no case detail). */
  cancelEvent(mailboxId: string, eventId: string, comment: string): Promise<void>;
  calendarView(mailboxId: string, startUtc: string, endUtc: string): Promise<CalendarEvent[]>;
  getSchedules(requesterId: string, addresses: readonly string[], startUtc: string, endUtc: string, intervalMinutes?: number): Promise<FreeBusy[]>;
}

const dateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string().optional() });
const graphEvent = z.object({
  id: z.string(),
  iCalUId: z.string().nullish(),
  subject: z.string().nullish(),
  start: dateTimeTimeZone,
  end: dateTimeTimeZone,
  location: z.object({ displayName: z.string().nullish() }).nullish(),
  isCancelled: z.boolean().nullish(),
  isOrganizer: z.boolean().nullish(),
  transactionId: z.string().nullish(),
  attendees: z
    .array(
      z.object({
        emailAddress: z.object({ address: z.string().nullish(), name: z.string().nullish() }),
        type: z.string().nullish(),
        status: z.object({ response: z.string().nullish() }).nullish(),
      }),
    )
    .nullish(),
});

const scheduleInformation = z.object({
  scheduleId: z.string(),
  availabilityView: z.string().nullish(),
  scheduleItems: z.array(z.object({ status: z.string(), start: dateTimeTimeZone, end: dateTimeTimeZone })).nullish(),
  error: z.object({ message: z.string().nullish(), responseCode: z.string().nullish() }).nullish(),
});

// We ask for UTC (`Prefer: outlook.timezone`), so every dateTime we read is a UTC wall time.
const PREFER_UTC = { Prefer: 'outlook.timezone="UTC"' };
const toUtc = (v: { dateTime: string }) => `${v.dateTime.slice(0, 19)}Z`;
const toGraphTime = (iso: string) => ({ dateTime: new Date(iso).toISOString().slice(0, 19), timeZone: 'UTC' });
const userPath = (id: string) => `/users/${encodeURIComponent(id)}`;

function toEvent(mailboxId: string, raw: unknown): CalendarEvent {
  const e = graphEvent.parse(raw);
  return {
    id: e.id,
    iCalUId: e.iCalUId ?? '',
    organizerId: mailboxId,
    subject: e.subject ?? '',
    startUtc: toUtc(e.start),
    endUtc: toUtc(e.end),
    location: e.location?.displayName ?? '',
    isCancelled: e.isCancelled ?? false,
    isOrganizer: e.isOrganizer ?? false,
    ...(e.transactionId ? { transactionId: e.transactionId } : {}),
    attendees: (e.attendees ?? []).map((a) => ({ address: a.emailAddress.address ?? '', name: a.emailAddress.name ?? '', type: a.type ?? 'required', response: a.status?.response ?? 'none' })),
  };
}

function eventBody(e: Partial<NewCalendarEvent>): Record<string, unknown> {
  return {
    ...(e.subject !== undefined ? { subject: e.subject } : {}),
    ...(e.bodyHtml !== undefined ? { body: { contentType: 'html', content: e.bodyHtml } } : {}),
    ...(e.startUtc !== undefined ? { start: toGraphTime(e.startUtc) } : {}),
    ...(e.endUtc !== undefined ? { end: toGraphTime(e.endUtc) } : {}),
    ...(e.location !== undefined ? { location: { displayName: e.location } } : {}),
    ...(e.attendees !== undefined
      ? { attendees: e.attendees.map((a) => ({ emailAddress: { address: a.address, ...(a.name ? { name: a.name } : {}) }, type: a.type ?? 'required' })) }
      : {}),
  };
}

export function createGraphCalendar(client: Client, batchOptions: BatchRunnerOptions = {}): CalendarPort {
  const batch: BatchRunner = createBatchRunner(client, batchOptions);

  const createBody = (e: NewCalendarEvent) => ({ ...eventBody(e), transactionId: e.transactionId, showAs: 'busy', responseRequested: true });

  return {
    createEvent: async (e) => toEvent(e.organizerId, await client.api(`${userPath(e.organizerId)}/events`).headers(PREFER_UTC).post(createBody(e))),

    createEvents: async (events) => {
      const responses = await batch.run(events.map((e) => ({ method: 'POST', url: `${userPath(e.organizerId)}/events`, body: createBody(e), headers: PREFER_UTC })));
      return responses.map((r, i): CreateResult => {
        const e = events[i] as NewCalendarEvent;
        if (r.status === 201 || r.status === 200) return { ok: true, transactionId: e.transactionId, event: toEvent(e.organizerId, r.body) };
        return { ok: false, transactionId: e.transactionId, status: r.status, message: GraphAdapterError.messageOf(r.body) };
      });
    },

    getEvent: async (mailboxId, eventId) => {
      try {
        return toEvent(mailboxId, await client.api(`${userPath(mailboxId)}/events/${encodeURIComponent(eventId)}`).headers(PREFER_UTC).get());
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    updateEvent: async (mailboxId, eventId, changes) =>
      toEvent(mailboxId, await client.api(`${userPath(mailboxId)}/events/${encodeURIComponent(eventId)}`).headers(PREFER_UTC).patch(eventBody(changes))),

    // event: cancel (https://learn.microsoft.com/graph/api/event-cancel): organizer only, 202.
    cancelEvent: async (mailboxId, eventId, comment) => {
      await client.api(`${userPath(mailboxId)}/events/${encodeURIComponent(eventId)}/cancel`).post({ comment });
    },

    calendarView: async (mailboxId, startUtc, endUtc) => {
      const query = `startDateTime=${encodeURIComponent(startUtc)}&endDateTime=${encodeURIComponent(endUtc)}&$top=100`;
      const raw = await collectAllPages(client, `${userPath(mailboxId)}/calendarView?${query}`, z.unknown(), PREFER_UTC);
      return raw.map((r) => toEvent(mailboxId, r));
    },

    getSchedules: async (requesterId, addresses, startUtc, endUtc, intervalMinutes = 30) => {
      // Schedules are asked for 20 at a time, each group one request inside a $batch.
      const groups: string[][] = [];
      for (let i = 0; i < addresses.length; i += GRAPH_BATCH_LIMIT) groups.push(addresses.slice(i, i + GRAPH_BATCH_LIMIT));
      const responses = await batch.run(
        groups.map((schedules) => ({
          method: 'POST',
          url: `${userPath(requesterId)}/calendar/getSchedule`,
          headers: PREFER_UTC,
          body: { schedules, startTime: toGraphTime(startUtc), endTime: toGraphTime(endUtc), availabilityViewInterval: intervalMinutes },
        })),
      );
      return responses.flatMap((r) => {
        if (r.status !== 200) throw new GraphAdapterError(r.status, `getSchedule failed: ${GraphAdapterError.messageOf(r.body)}`);
        return z
          .object({ value: z.array(scheduleInformation) })
          .parse(r.body)
          .value.map((s): FreeBusy => ({
            address: s.scheduleId,
            availabilityView: s.availabilityView ?? '',
            busy: (s.scheduleItems ?? []).map((i) => ({ startUtc: toUtc(i.start), endUtc: toUtc(i.end), status: i.status })),
            ...(s.error ? { error: s.error.responseCode ?? s.error.message ?? 'error' } : {}),
          }));
      });
    },
  };
}
