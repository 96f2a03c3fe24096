import { randomUUID } from 'node:crypto';
import type { Client } from '@microsoft/microsoft-graph-client';
import { createGraphClient } from '../../../../src/bot/graph/graph-client.js';
import type { ContractTarget } from './target.js';

/** The parts of a Graph event these suites read. */
export interface GraphEvent {
  id: string;
  iCalUId: string;
  subject: string;
  isOrganizer: boolean;
  isCancelled: boolean;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  responseStatus: { response: string; time: string };
  attendees: { emailAddress: { address: string; name?: string }; type: string; status: { response: string; time: string } }[];
  '@odata.etag'?: string;
  '@removed'?: { reason: string };
}

export interface GraphFailure {
  statusCode?: number;
  code?: string;
  message?: string;
}

const UTC = { Prefer: 'outlook.timezone="UTC"' };
const enc = encodeURIComponent;
const dateTime = (utc: string) => ({ dateTime: utc.replace(/Z$/, ''), timeZone: 'UTC' });

/** Raw Graph calls through the production client (same for the emulator and a tenant). */
export function graphCalls(t: ContractTarget) {
  const client: Client = createGraphClient(t.connection);
  const calls = {
    client,
    createEvent: async (mailbox: string, e: { subject: string; startUtc: string; endUtc: string; attendees?: string[] }): Promise<GraphEvent> =>
      (await client
        .api(`/users/${enc(mailbox)}/events`)
        .headers(UTC)
        .post({
          subject: e.subject,
          transactionId: randomUUID(),
          start: dateTime(e.startUtc),
          end: dateTime(e.endUtc),
          attendees: (e.attendees ?? []).map((address) => ({ emailAddress: { address }, type: 'required' })),
        })) as GraphEvent,
    updateEvent: async (mailbox: string, id: string, changes: { subject?: string; startUtc?: string; endUtc?: string }): Promise<GraphEvent> =>
      (await client
        .api(`/users/${enc(mailbox)}/events/${enc(id)}`)
        .headers(UTC)
        .patch({
          ...(changes.subject !== undefined ? { subject: changes.subject } : {}),
          ...(changes.startUtc ? { start: dateTime(changes.startUtc) } : {}),
          ...(changes.endUtc ? { end: dateTime(changes.endUtc) } : {}),
        })) as GraphEvent,
    getEvent: async (mailbox: string, id: string): Promise<GraphEvent> =>
      (await client
        .api(`/users/${enc(mailbox)}/events/${enc(id)}`)
        .headers(UTC)
        .get()) as GraphEvent,
    cancelEvent: async (mailbox: string, id: string): Promise<void> => {
      await client.api(`/users/${enc(mailbox)}/events/${enc(id)}/cancel`).post({ comment: 'Contract test clean-up.' });
    },
    deleteEvent: async (mailbox: string, id: string): Promise<void> => {
      await client.api(`/users/${enc(mailbox)}/events/${enc(id)}`).delete();
    },
    calendarView: async (mailbox: string, fromUtc: string, toUtc: string): Promise<GraphEvent[]> => {
      const events: GraphEvent[] = [];
      let next: string | undefined = `/users/${enc(mailbox)}/calendarView?startDateTime=${enc(fromUtc)}&endDateTime=${enc(toUtc)}&$top=100`;
      while (next) {
        const page = (await client.api(next).headers(UTC).get()) as { value: GraphEvent[]; '@odata.nextLink'?: string };
        events.push(...page.value);
        next = page['@odata.nextLink'];
      }
      return events;
    },
    /** The attendee's copy of a meeting (found by iCalUId in their calendar). */
    copyOf: async (attendeeId: string, organizerEvent: GraphEvent): Promise<GraphEvent | undefined> => {
      const day = 86_400_000;
      const from = new Date(Date.parse(`${organizerEvent.start.dateTime.slice(0, 19)}Z`) - day).toISOString();
      const to = new Date(Date.parse(`${organizerEvent.end.dateTime.slice(0, 19)}Z`) + day).toISOString();
      return (await calls.calendarView(attendeeId, from, to)).find((e) => e.iCalUId === organizerEvent.iCalUId);
    },
  };
  return calls;
}

/** The error a Graph call failed with (GraphError carries statusCode and code), or undefined if it succeeded. */
export async function failure(call: Promise<unknown>): Promise<GraphFailure | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    return error as GraphFailure;
  }
}

/** Retries an assertion until it passes: Exchange applies some changes a moment later; the emulator at once. */
export async function eventually<T>(t: ContractTarget, check: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + (t.controls ? 5_000 : 60_000);
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, t.controls ? 20 : 2_000));
    }
  }
}

/** A one-hour slot on a day no other suite uses (a random day per run against a tenant). */
export function slotFactory(year: number) {
  const base = Date.UTC(year, 0, 5) + Math.floor(Math.random() * 300) * 86_400_000;
  return (dayOffset: number, hour: number) => {
    const start = base + dayOffset * 86_400_000 + hour * 3_600_000;
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');
    return { startUtc: iso(start), endUtc: iso(start + 3_600_000) };
  };
}
