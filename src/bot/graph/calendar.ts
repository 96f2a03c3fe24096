import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { createBatchRunner, GRAPH_BATCH_LIMIT, type BatchResponse, type BatchRunner, type BatchRunnerOptions } from './batch.js';
import { GraphAdapterError, graphStatus, isNotFound } from './graph-errors.js';
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
  /** Adds a Teams meeting link (isOnlineMeeting with the teamsForBusiness provider). */
  teamsMeeting?: boolean;
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
  /** Many free/busy questions (each of its own mailbox and period) in shared `$batch` calls; answers in input order. */
  getManySchedules(asks: readonly ScheduleQuestion[]): Promise<FreeBusy[][]>;
}

export interface ScheduleQuestion {
  requesterId: string;
  addresses: readonly string[];
  startUtc: string;
  endUtc: string;
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
    attendees: (e.attendees ?? []).map((a) => ({
      address: a.emailAddress.address ?? '',
      name: a.emailAddress.name ?? '',
      type: a.type ?? 'required',
      response: a.status?.response ?? 'none',
    })),
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

/**
 * Exchange refuses a create whose transactionId was used before: 400 ErrorDuplicateTransactionId,
 * usually with `@event.existingEventId` (some clients report 409). Returns the existing id ('' when
 * not given), or undefined when this is not that error.
 */
export function duplicateTransaction(status: number, errorBody: unknown): string | undefined {
  if (status !== 400 && status !== 409) return undefined;
  const parsed = duplicateError.safeParse(errorBody);
  if (!parsed.success) return undefined;
  const e = 'error' in parsed.data ? parsed.data.error : parsed.data;
  return e.code === 'ErrorDuplicateTransactionId' ? (e['@event.existingEventId'] ?? '') : undefined;
}
const duplicateErrorInner = z.object({ code: z.string(), '@event.existingEventId': z.string().optional() });
const duplicateError = z.union([z.object({ error: duplicateErrorInner }), duplicateErrorInner]);

/** Mailbox requests one mailbox may have in flight per app (https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits). */
export const MAILBOX_CONCURRENCY = 4;

export function createGraphCalendar(client: Client, batchOptions: BatchRunnerOptions = {}): CalendarPort {
  const batch: BatchRunner = createBatchRunner(client, { maxInFlightPerKey: MAILBOX_CONCURRENCY, ...batchOptions });

  const createBody = (e: NewCalendarEvent) => ({
    ...eventBody(e),
    transactionId: e.transactionId,
    showAs: 'busy',
    responseRequested: true,
    ...(e.teamsMeeting ? { isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' } : {}),
  });
  const eventPath = (mailboxId: string, eventId: string) => `${userPath(mailboxId)}/events/${encodeURIComponent(eventId)}`;
  const windowPath = (e: NewCalendarEvent) =>
    `${userPath(e.organizerId)}/calendarView?startDateTime=${encodeURIComponent(e.startUtc)}&endDateTime=${encodeURIComponent(e.endUtc)}&$top=100`;

  /** The event created with `e.transactionId`, found in its own time window (Graph returns transactionId on events). */
  const findByTransactionId = async (e: NewCalendarEvent): Promise<CalendarEvent | undefined> =>
    (await calendar.calendarView(e.organizerId, e.startUtc, e.endUtc)).find((x) => x.transactionId === e.transactionId && x.isOrganizer);

  /** Looks up, through $batch, events whose create was refused as a duplicate or whose outcome is unknown. */
  const resolveMany = async (wanted: { e: NewCalendarEvent; existingId: string }[]): Promise<(CalendarEvent | undefined)[]> => {
    const responses = await batch.run(
      wanted.map(({ e, existingId }) => ({
        method: 'GET',
        url: existingId ? eventPath(e.organizerId, existingId) : windowPath(e),
        headers: PREFER_UTC,
        idempotent: true,
        key: e.organizerId,
      })),
    );
    return Promise.all(
      responses.map(async (r, i) => {
        const { e, existingId } = wanted[i] as { e: NewCalendarEvent; existingId: string };
        // Not found, or the lookup failed too: the caller reports this create as failed, not the whole run.
        if (r.status !== 200) return undefined;
        if (existingId) return toEvent(e.organizerId, r.body);
        const page = z.object({ value: z.array(z.unknown()), '@odata.nextLink': z.string().optional() }).parse(r.body);
        const rest = page['@odata.nextLink'] ? await collectAllPages(client, page['@odata.nextLink'], z.unknown(), PREFER_UTC) : [];
        return [...page.value, ...rest].map((raw) => toEvent(e.organizerId, raw)).find((x) => x.transactionId === e.transactionId && x.isOrganizer);
      }),
    );
  };

  // Schedules are asked for 20 at a time, each group one request inside a $batch; every question's
  // groups share the same $batch calls.
  const manySchedules = async (asks: readonly ScheduleQuestion[], intervalMinutes: number): Promise<FreeBusy[][]> => {
    const groups: { ask: number; schedules: string[]; q: ScheduleQuestion }[] = [];
    asks.forEach((q, ask) => {
      for (let i = 0; i < q.addresses.length; i += GRAPH_BATCH_LIMIT) groups.push({ ask, schedules: q.addresses.slice(i, i + GRAPH_BATCH_LIMIT), q });
    });
    const responses = await batch.run(
      groups.map(({ schedules, q }) => ({
        method: 'POST',
        url: `${userPath(q.requesterId)}/calendar/getSchedule`,
        // A read, though sent as POST.
        idempotent: true,
        key: q.requesterId,
        headers: PREFER_UTC,
        body: { schedules, startTime: toGraphTime(q.startUtc), endTime: toGraphTime(q.endUtc), availabilityViewInterval: intervalMinutes },
      })),
    );
    const out: FreeBusy[][] = asks.map(() => []);
    responses.forEach((r, i) => {
      if (r.status !== 200) throw new GraphAdapterError(r.status, `getSchedule failed: ${GraphAdapterError.messageOf(r.body)}`);
      const answers = z
        .object({ value: z.array(scheduleInformation) })
        .parse(r.body)
        .value.map((s): FreeBusy => ({
          address: s.scheduleId,
          availabilityView: s.availabilityView ?? '',
          busy: (s.scheduleItems ?? []).map((i) => ({ startUtc: toUtc(i.start), endUtc: toUtc(i.end), status: i.status })),
          ...(s.error ? { error: s.error.responseCode ?? s.error.message ?? 'error' } : {}),
        }));
      out[(groups[i] as { ask: number }).ask]?.push(...answers);
    });
    return out;
  };

  const calendar: CalendarPort = {
    createEvent: async (e) => {
      try {
        return toEvent(
          e.organizerId,
          await client
            .api(`${userPath(e.organizerId)}/events`)
            .headers(PREFER_UTC)
            .post(createBody(e)),
        );
      } catch (error) {
        const status = graphStatus(error);
        if (status === undefined) throw error;
        const existingId = duplicateTransaction(status, errorBody(error));
        // The SDK resent the create after a lost response (504), or an earlier run created it.
        if (existingId) {
          const found = await calendar.getEvent(e.organizerId, existingId);
          if (found) return found;
        }
        if (existingId !== undefined || status === 504) {
          const found = await findByTransactionId(e);
          if (found) return found;
        }
        throw error;
      }
    },

    createEvents: async (events) => {
      const responses = await batch.run(
        events.map((e) => ({ method: 'POST', url: `${userPath(e.organizerId)}/events`, body: createBody(e), headers: PREFER_UTC, idempotent: true, key: e.organizerId })),
      );
      const results: (CreateResult | undefined)[] = new Array(events.length);
      const doubts: { index: number; e: NewCalendarEvent; existingId: string }[] = [];
      responses.forEach((r, i) => {
        const e = events[i] as NewCalendarEvent;
        const existingId = duplicateTransaction(r.status, r.body);
        if (r.status === 201 || r.status === 200) results[i] = { ok: true, transactionId: e.transactionId, event: toEvent(e.organizerId, r.body) };
        else if (existingId !== undefined || r.outcomeUnknown) doubts.push({ index: i, e, existingId: existingId ?? '' });
        else results[i] = { ok: false, transactionId: e.transactionId, status: r.status, message: GraphAdapterError.messageOf(r.body) };
      });
      if (doubts.length > 0) {
        let found = await resolveMany(doubts);
        // An existingEventId that no longer resolves: fall back to the transactionId.
        const retry = doubts.filter((d, i) => !found[i] && d.existingId);
        if (retry.length > 0) {
          const again = await resolveMany(retry.map((d) => ({ ...d, existingId: '' })));
          found = found.map((f, i) => f ?? again[retry.findIndex((d) => d === doubts[i])]);
        }
        doubts.forEach((d, i) => {
          const event = found[i];
          const r = responses[d.index] as BatchResponse;
          results[d.index] = event
            ? { ok: true, transactionId: d.e.transactionId, event }
            : { ok: false, transactionId: d.e.transactionId, status: r.status, message: GraphAdapterError.messageOf(r.body) };
        });
      }
      return results as CreateResult[];
    },

    getEvent: async (mailboxId, eventId) => {
      try {
        return toEvent(
          mailboxId,
          await client
            .api(`${userPath(mailboxId)}/events/${encodeURIComponent(eventId)}`)
            .headers(PREFER_UTC)
            .get(),
        );
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    updateEvent: async (mailboxId, eventId, changes) =>
      toEvent(
        mailboxId,
        await client
          .api(`${userPath(mailboxId)}/events/${encodeURIComponent(eventId)}`)
          .headers(PREFER_UTC)
          .patch(eventBody(changes)),
      ),

    // event: cancel (https://learn.microsoft.com/graph/api/event-cancel): organizer only, 202; it
    // moves the event to Deleted Items, so its id no longer resolves. The SDK resends the POST after
    // a 504, and if the first one went through that resend gets 404: the meeting is cancelled.
    cancelEvent: async (mailboxId, eventId, comment) => {
      try {
        await client.api(`${eventPath(mailboxId, eventId)}/cancel`).post({ comment });
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },

    calendarView: async (mailboxId, startUtc, endUtc) => {
      const query = `startDateTime=${encodeURIComponent(startUtc)}&endDateTime=${encodeURIComponent(endUtc)}&$top=100`;
      const raw = await collectAllPages(client, `${userPath(mailboxId)}/calendarView?${query}`, z.unknown(), PREFER_UTC);
      return raw.map((r) => toEvent(mailboxId, r));
    },

    getSchedules: async (requesterId, addresses, startUtc, endUtc, intervalMinutes = 30) =>
      (await manySchedules([{ requesterId, addresses, startUtc, endUtc }], intervalMinutes))[0] ?? [],

    getManySchedules: (asks) => manySchedules(asks, 30),
  };
  return calendar;
}

/** The error object of a GraphError (the SDK keeps it as JSON text in `body`). */
function errorBody(error: unknown): unknown {
  const body = error instanceof GraphError ? error.body : undefined;
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}
