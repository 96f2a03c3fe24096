// Shapes and small helpers shared by the booking and sessions integration tests.

import { callApi, type ApiReply } from '../../support/api.js';

export interface ProposedSession {
  sessionId: string;
  windowId: string;
  windowLabel: string;
  status: 'proposed' | 'moved' | 'already-booked' | 'no-slot' | 'past';
  start?: string;
  end?: string;
  reason: string;
  setAside: string[];
}

export interface BookingPreview {
  academicYear: string;
  arrangements: { arrangementId: string; title: string; format: string; durationMinutes: number; sessions: ProposedSession[] }[];
  refusedMoves: { arrangementId: string; windowId: string; message: string }[];
  totals: { toBook: number; alreadyBooked: number; noSlot: number };
}

export interface BookingJob {
  id: string;
  academicYear: string;
  arrangementIds: string[];
  state: 'running' | 'done' | 'failed';
  total: number;
  booked: number;
  alreadyBooked: number;
  failed: { sessionId: string; reason: string }[];
  error?: string;
}

export interface Party {
  id: string;
  displayName: string;
  mail: string;
}

export interface Arrangement {
  id: string;
  supervisor: Party & { role: string };
  supervisees: (Party & { role: string })[];
  format: 'individual' | 'group';
  durationMinutes: number;
  organiser: string;
  location?: string;
}

export interface Session {
  id: string;
  arrangementId: string;
  academicYear: string;
  windowId: string;
  windowLabel: string;
  start: string;
  end: string;
  status: 'booked' | 'cancelled' | 'held';
  organiserMailbox: string;
  eventId: string;
  iCalUId: string;
  postponements: { fromStart: string; fromEnd: string; toStart: string; toEnd: string; reason: string; note?: string; byId: string; at: string }[];
  cancellation?: { reason: string; byId: string; at: string };
}

export interface SessionView {
  session: Session;
  arrangement: { id: string; format: string; durationMinutes: number; supervisor: { id: string; displayName: string }; supervisees: { id: string; displayName: string }[] };
  myPart: 'supervisor' | 'supervisee' | 'oversight';
  canPostpone: boolean;
  canCancel: boolean;
}

type Target = { serverUrl: string };

/** Follows a booking job (its Location) until `until` holds; fails with the last state after the timeout. */
export async function pollJob(
  stack: Target,
  token: string,
  location: string,
  until: (job: BookingJob) => boolean = (j) => j.state !== 'running',
  timeoutMs = 45_000,
  everyMs = 100,
): Promise<BookingJob> {
  const deadline = Date.now() + timeoutMs;
  let last: ApiReply<BookingJob> | undefined;
  for (;;) {
    last = await callApi<BookingJob>(stack as never, token, 'GET', location).catch(() => undefined);
    if (last?.status === 200 && until(last.body)) return last.body;
    if (Date.now() > deadline)
      throw new Error(`booking job at ${location} did not get there in ${timeoutMs / 1000} s; last: ${last ? `${last.status} ${JSON.stringify(last.body)}` : 'no answer'}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Starts a booking and follows it to the end. */
export async function bookAndWait(
  stack: Target,
  token: string,
  body: Record<string, unknown> = { academicYear: '2026/27' },
): Promise<{ started: ApiReply<BookingJob>; job: BookingJob }> {
  const started = await callApi<BookingJob>(stack as never, token, 'POST', '/api/booking/jobs', body);
  if (started.status !== 202) throw new Error(`booking did not start: ${started.status} ${JSON.stringify(started.body)}`);
  const location = started.headers.get('location');
  if (!location) throw new Error('booking answered 202 without a Location');
  return { started, job: await pollJob(stack, token, location) };
}

export const overlaps = (a: { start: string; end: string }, b: { start: string; end: string }): boolean =>
  Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end);

/** The first pair of intervals, per person, that overlap (undefined when nobody is double-booked). */
export function doubleBooked<T extends { start: string; end: string }>(perPerson: ReadonlyMap<string, readonly T[]>): { person: string; a: T; b: T } | undefined {
  for (const [person, list] of perPerson) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i] as T;
        const b = list[j] as T;
        if (overlaps(a, b)) return { person, a, b };
      }
    }
  }
  return undefined;
}

/** The whole invitation body: two neutral sentences and one link to the session, nothing else. */
export const NEUTRAL_BODY =
  /^<p>Safeguarding supervision\.<\/p><p>Agenda, records and changes: <a href="([^"<>']*)">open the session in the Safeguarding Supervision app<\/a>\.<\/p>$/;

/** A year's span for calendarView: everything the 2026/27 booking could touch. */
export const YEAR_FROM = '2026-09-01T00:00:00Z';
export const YEAR_TO = '2027-09-01T00:00:00Z';
