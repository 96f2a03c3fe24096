// Reading (and occasionally writing) the emulator's Microsoft 365 state from a test, as the app would:
// calendars through Graph, the safeguarding lists through the record store, and the emulator's own
// test endpoints (faults, counters, every stored event) over its pinned certificate.

import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { createGraphClient } from '../../src/bot/graph/graph-client.js';
import { collectAllPages } from '../../src/bot/graph/paging.js';
import { createSharePointStore, type RecordStorePort } from '../../src/bot/graph/record-store.js';
import { createTrustedFetch, type FetchLike } from '../../src/bot/net/trusted-fetch.js';
import { SAFEGUARDING_LISTS } from '../../src/bot/storage/safeguarding-lists.js';
import { DEMO_USERS, SAFEGUARDING_SITE_ID, localAppConnection, type FaultConfig, type RunningEmulator } from '../../tools/m365-emulator/src/index.js';

/** A calendar event as Graph returns it (times in UTC: we send `Prefer: outlook.timezone="UTC"`). */
export interface GraphEvent {
  id: string;
  iCalUId: string;
  subject: string;
  body: { contentType: string; content: string };
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  isCancelled: boolean;
  isOrganizer: boolean;
  transactionId?: string;
  showAs?: string;
  attendees: { emailAddress: { address: string; name?: string }; type: string }[];
  organizer: { emailAddress: { address: string; name?: string } };
}

/** One stored event as the emulator's /_emulator/events lists it (every mailbox, cancelled copies too). */
export interface EmulatorEvent {
  id: string;
  mailboxId: string;
  iCalUId: string;
  isOrganizer: boolean;
  isCancelled: boolean;
  transactionId: string | null;
  subject: string;
  startUtc: string;
  endUtc: string;
  attendees: string[];
}

export interface EmulatorCounters {
  graphHttpRequests: number;
  identityHttpRequests: number;
  /** Change notifications: delivered, dropped by a fault, failed after retries. */
  notifications: { delivered: number; dropped: number; failed: number };
  injected: Record<string, number>;
  eventsCreated: number;
  eventsDeduplicated: number;
  itemsCreated: number;
  byStatus: Record<string, number>;
  graphRequestLog: { at: number; method: string; path: string }[];
}

export interface GraphReader {
  /** App-only Graph client against the emulator (the server's own code path). */
  client: Client;
  /** The safeguarding lists, read as the app (Sessions, AuditLog, BookingJobs…). */
  store: RecordStorePort;
  /** Every event in a mailbox overlapping [startUtc, endUtc), all pages, with bodies. */
  calendarView(userId: string, startUtc: string, endUtc: string): Promise<GraphEvent[]>;
  /** Puts a plain busy appointment in someone's calendar (no attendees). */
  addBusy(userId: string, startUtc: string, endUtc: string, subject?: string): Promise<GraphEvent>;
  emulatorEvents(mailboxId?: string): Promise<EmulatorEvent[]>;
  setFaults(config: Partial<FaultConfig>): Promise<void>;
  clearFaults(): Promise<void>;
  counters(): Promise<EmulatorCounters>;
  resetCounters(): Promise<void>;
  /** Makes Graph forget every calendar delta link of the mailbox (the next delta call gets 410). */
  expireDeltaLinks(mailbox: string): Promise<void>;
  /** POSTs to one of the emulator's own control endpoints (`/_emulator/...`). */
  emulatorPost(path: `/_emulator/${string}`, body: unknown): Promise<void>;
}

const graphEvent = z
  .object({
    id: z.string(),
    iCalUId: z.string(),
    subject: z.string(),
    body: z.object({ contentType: z.string(), content: z.string() }),
    start: z.object({ dateTime: z.string(), timeZone: z.string() }),
    end: z.object({ dateTime: z.string(), timeZone: z.string() }),
    isCancelled: z.boolean(),
    isOrganizer: z.boolean(),
    transactionId: z.string().optional(),
    showAs: z.string().optional(),
    attendees: z.array(z.object({ emailAddress: z.object({ address: z.string(), name: z.string().optional() }), type: z.string() })),
    organizer: z.object({ emailAddress: z.object({ address: z.string(), name: z.string().optional() }) }),
  })
  .passthrough();

const PREFER_UTC = { Prefer: 'outlook.timezone="UTC"' };

/** `2027-01-13T10:00:00.0000000` (UTC wall time) → `2027-01-13T10:00:00Z`. */
export const utc = (t: { dateTime: string }): string => `${t.dateTime.slice(0, 19)}Z`;

/** The demo school's people by id, for names and addresses in assertions. */
export const DEMO_BY_ID = new Map(DEMO_USERS.map((u) => [u.id, u]));
export const mailOf = (id: string): string => {
  const u = DEMO_BY_ID.get(id);
  if (!u) throw new Error(`no demo user ${id}`);
  return u.mail;
};

export function graphReader(emulator: RunningEmulator): GraphReader {
  const client = createGraphClient(localAppConnection(emulator));
  const store = createSharePointStore(client, { siteId: SAFEGUARDING_SITE_ID, lists: SAFEGUARDING_LISTS });
  const trusted: FetchLike = createTrustedFetch(emulator.caCertPem);
  const emu = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const res = await trusted(new URL(path, emulator.url).href, {
      method,
      ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
    return res;
  };
  return {
    client,
    store,
    calendarView: async (userId, startUtc, endUtc) => {
      const query = `startDateTime=${encodeURIComponent(startUtc)}&endDateTime=${encodeURIComponent(endUtc)}&$top=100`;
      return collectAllPages(client, `/users/${encodeURIComponent(userId)}/calendarView?${query}`, graphEvent, PREFER_UTC) as Promise<GraphEvent[]>;
    },
    addBusy: async (userId, startUtc, endUtc, subject = 'Busy') =>
      graphEvent.parse(
        await client
          .api(`/users/${encodeURIComponent(userId)}/events`)
          .headers(PREFER_UTC)
          .post({ subject, showAs: 'busy', start: { dateTime: startUtc.slice(0, 19), timeZone: 'UTC' }, end: { dateTime: endUtc.slice(0, 19), timeZone: 'UTC' } }),
      ) as GraphEvent,
    emulatorEvents: async (mailboxId) =>
      ((await (await emu('GET', `/_emulator/events${mailboxId ? `?mailbox=${encodeURIComponent(mailboxId)}` : ''}`)).json()) as { value: EmulatorEvent[] }).value,
    setFaults: async (config) => void (await emu('PUT', '/_emulator/faults', config)),
    clearFaults: async () => void (await emu('DELETE', '/_emulator/faults')),
    counters: async () => (await (await emu('GET', '/_emulator/stats')).json()) as EmulatorCounters,
    resetCounters: async () => void (await emu('POST', '/_emulator/stats/reset')),
    expireDeltaLinks: async (mailbox) => void (await emu('POST', `/_emulator/mailboxes/${encodeURIComponent(mailbox)}/delta/expire`)),
    emulatorPost: async (path, body) => void (await emu('POST', path, body)),
  };
}

/** Counts of `key(x)` over a list: how many times each value occurs. */
export function countBy<T>(items: readonly T[], key: (x: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const x of items) out.set(key(x), (out.get(key(x)) ?? 0) + 1);
  return out;
}
