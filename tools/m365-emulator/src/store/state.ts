import { DEMO_APP_ROLES, DEMO_USERS } from '../seed/demo-school.js';
import { DEMO_SITES } from '../seed/demo-sites.js';
import { DurableCollection } from './durable-collection.js';
import type { EventRecord, ListRecord, MailboxSyncRecord, SiteRecord, SubscriptionRecord } from './records.js';
import type { UserRecord } from './user-record.js';

export type { UserRecord } from './user-record.js';

export type { EventRecord, ListRecord, SiteRecord, ColumnRecord, ItemRecord, SubscriptionRecord, MailboxSyncRecord } from './records.js';

export interface EmulatorState {
  users: DurableCollection<UserRecord>;
  events: DurableCollection<EventRecord>;
  sites: DurableCollection<SiteRecord>;
  /** One entry per list, items included: a list is the unit of change. */
  lists: DurableCollection<ListRecord>;
  /** Change-notification subscriptions. */
  subscriptions: DurableCollection<SubscriptionRecord>;
  /** Per-mailbox change counters and deleted-event tombstones, for calendar delta. */
  mailboxSync: DurableCollection<MailboxSyncRecord>;
  flush(): Promise<void>;
}

/** `persist: false`: nothing is written back to disk (benches with lists too large to rewrite on every change). */
export async function openState(dataDir: string, persist = true): Promise<EmulatorState> {
  const users = await DurableCollection.open<UserRecord>(
    dataDir,
    'users',
    () =>
      DEMO_USERS.map((u): [string, UserRecord] => {
        const { role, ...record } = u;
        return [u.id, { ...record, appRoles: [...DEMO_APP_ROLES[role]] }];
      }),
    persist,
  );
  const events = await DurableCollection.open<EventRecord>(dataDir, 'events', () => [], persist);
  const sites = await DurableCollection.open<SiteRecord>(
    dataDir,
    'sites',
    () => DEMO_SITES.map((s): [string, SiteRecord] => [s.id, { ...s, grants: s.grants.map((g) => ({ ...g, roles: [...g.roles] })), createdDateTime: '2026-09-01T08:00:00Z' }]),
    persist,
  );
  const lists = await DurableCollection.open<ListRecord>(dataDir, 'lists', () => [], persist);
  const subscriptions = await DurableCollection.open<SubscriptionRecord>(dataDir, 'subscriptions', () => [], persist);
  const mailboxSync = await DurableCollection.open<MailboxSyncRecord>(dataDir, 'mailbox-sync', () => [], persist);
  const all = [users, events, sites, lists, subscriptions, mailboxSync];
  return {
    users,
    events,
    sites,
    lists,
    subscriptions,
    mailboxSync,
    flush: async () => {
      await Promise.all(all.map((c) => c.flush()));
    },
  };
}
