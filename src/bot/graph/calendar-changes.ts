import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { graphStatus, isNotFound } from './graph-errors.js';
import { MAX_PAGES } from './paging.js';

/**
 * One event as a calendar delta reports it: `removed` (gone from the delta's view: deleted, or changed or moved
 * outside its window; Graph does not say which, so read the event to know), or as it is now (times in UTC).
 */
export type EventDelta =
  | { id: string; removed: true }
  | {
      id: string;
      removed: false;
      startUtc: string;
      endUtc: string;
      isCancelled: boolean;
      attendees: { address: string; response: string }[];
    };

export interface MailboxSubscription {
  id: string;
  expiresAt: string;
}

export interface NewSubscription {
  mailbox: string;
  notificationUrl: string;
  lifecycleNotificationUrl: string;
  clientState: string;
  expiresAt: string;
}

/** Graph's change notifications and calendar delta for the mailboxes sessions are booked in. */
export interface CalendarChangesPort {
  /** Subscribes to created, updated and deleted events in the mailbox (Graph validates the URLs first). */
  subscribe(s: NewSubscription): Promise<MailboxSubscription>;
  /** Moves the expiry on; undefined when Graph no longer has the subscription (it must be made again). */
  renew(subscriptionId: string, expiresAt: string): Promise<MailboxSubscription | undefined>;
  unsubscribe(subscriptionId: string): Promise<void>;
  /**
   * The mailbox's events changed since `deltaLink` (all events in [fromUtc, toUtc] without one), and the
   * link to ask with next time. The link keeps the window it started with. Throws DeltaExpiredError when
   * Graph has forgotten the link (410).
   */
  delta(mailbox: string, deltaLink: string | undefined, fromUtc: string, toUtc: string): Promise<{ events: EventDelta[]; deltaLink: string }>;
}

/** Graph answered 410 Gone to a delta link: the sync state is lost and the mailbox must be read again in full. */
export class DeltaExpiredError extends Error {
  constructor(readonly mailbox: string) {
    super('The calendar delta link has expired; the mailbox is read again in full.');
    this.name = 'DeltaExpiredError';
  }
}

const subscription = z.object({ id: z.string(), expirationDateTime: z.string() });
const dateTimeTimeZone = z.object({ dateTime: z.string() });
const deltaEvent = z.object({
  id: z.string(),
  '@removed': z.object({ reason: z.string().optional() }).optional(),
  start: dateTimeTimeZone.nullish(),
  end: dateTimeTimeZone.nullish(),
  isCancelled: z.boolean().nullish(),
  attendees: z.array(z.object({ emailAddress: z.object({ address: z.string().nullish() }).nullish(), status: z.object({ response: z.string().nullish() }).nullish() })).nullish(),
});
const deltaPage = z.object({ value: z.array(z.unknown()), '@odata.nextLink': z.string().optional(), '@odata.deltaLink': z.string().optional() });

// We ask for UTC (`Prefer: outlook.timezone`), so every dateTime read is a UTC wall time.
const PREFER = { Prefer: 'outlook.timezone="UTC", odata.maxpagesize=100' };
const toUtc = (v: { dateTime: string }) => `${v.dateTime.slice(0, 19)}Z`;

function toDelta(raw: unknown): EventDelta | undefined {
  const e = deltaEvent.parse(raw);
  if (e['@removed']) return { id: e.id, removed: true };
  // Delta may send an event with only some properties; without its times it tells us nothing to act on.
  if (!e.start || !e.end) return undefined;
  return {
    id: e.id,
    removed: false,
    startUtc: toUtc(e.start),
    endUtc: toUtc(e.end),
    isCancelled: e.isCancelled ?? false,
    attendees: (e.attendees ?? []).map((a) => ({ address: a.emailAddress?.address ?? '', response: a.status?.response ?? 'none' })),
  };
}

export function createCalendarChanges(client: Client): CalendarChangesPort {
  return {
    // subscription: create (https://learn.microsoft.com/graph/api/subscription-post-subscriptions): Graph
    // first POSTs a validationToken to both URLs and creates nothing unless each echoes it within 10 s.
    subscribe: async (s) => {
      const made = subscription.parse(
        await client.api('/subscriptions').post({
          changeType: 'created,updated,deleted',
          notificationUrl: s.notificationUrl,
          lifecycleNotificationUrl: s.lifecycleNotificationUrl,
          resource: `users/${encodeURIComponent(s.mailbox)}/events`,
          expirationDateTime: s.expiresAt,
          clientState: s.clientState,
        }),
      );
      return { id: made.id, expiresAt: made.expirationDateTime };
    },

    renew: async (id, expiresAt) => {
      try {
        const renewed = subscription.parse(await client.api(`/subscriptions/${encodeURIComponent(id)}`).patch({ expirationDateTime: expiresAt }));
        return { id: renewed.id, expiresAt: renewed.expirationDateTime };
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    unsubscribe: async (id) => {
      try {
        await client.api(`/subscriptions/${encodeURIComponent(id)}`).delete();
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },

    // event: delta (https://learn.microsoft.com/graph/api/event-delta): follow nextLinks to the deltaLink;
    // a later call with the deltaLink returns only what changed, deletions as `@removed`.
    delta: async (mailbox, link, fromUtc, toUtc) => {
      const first = link ?? `/users/${encodeURIComponent(mailbox)}/calendarView/delta?startDateTime=${encodeURIComponent(fromUtc)}&endDateTime=${encodeURIComponent(toUtc)}`;
      const events: EventDelta[] = [];
      let next: string | undefined = first;
      for (let pages = 0; next; pages++) {
        if (pages >= MAX_PAGES) throw new Error(`Calendar delta stopped after ${MAX_PAGES} pages; it did not end.`);
        let raw: unknown;
        try {
          raw = await client.api(next).headers(PREFER).get();
        } catch (error) {
          if (graphStatus(error) === 410) throw new DeltaExpiredError(mailbox);
          throw error;
        }
        const page = deltaPage.parse(raw);
        for (const item of page.value) {
          const change = toDelta(item);
          if (change) events.push(change);
        }
        if (page['@odata.deltaLink']) return { events, deltaLink: page['@odata.deltaLink'] };
        next = page['@odata.nextLink'];
      }
      throw new Error('Calendar delta ended without a deltaLink.');
    },
  };
}
