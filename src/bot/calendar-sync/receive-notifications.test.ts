import { describe, expect, it } from 'vitest';
import type { MailboxSync, MailboxSyncRepository, Stored } from '../ports.js';
import { createNotificationCheck } from './receive-notifications.js';

function repoOf(items: MailboxSync[]): MailboxSyncRepository & { lists: number } {
  const stored = (m: MailboxSync): Stored<MailboxSync> => ({ value: m, version: '1' });
  const repo = {
    lists: 0,
    get: async (mailbox: string) => items.map(stored).find((s) => s.value.mailbox === mailbox),
    create: async (m: MailboxSync) => stored(m),
    update: async (_b: Stored<MailboxSync>, next: MailboxSync) => stored(next),
    list: async () => {
      repo.lists += 1;
      return items.map(stored);
    },
  };
  return repo;
}

const grace: MailboxSync = { mailbox: 'grace', subscriptionId: 'sub-1', clientState: 'secret-one' };
const note = (subscriptionId: string, clientState?: string) => ({
  subscriptionId,
  ...(clientState !== undefined ? { clientState } : {}),
  changeType: 'updated',
  resource: 'Users/x/Events/y',
});

describe('createNotificationCheck', () => {
  it('names the mailbox of a notification carrying its subscription’s clientState, once however many arrive', async () => {
    const check = createNotificationCheck({ mailboxSync: repoOf([grace]) });
    expect(await check.changes({ value: [note('sub-1', 'secret-one'), note('sub-1', 'secret-one')] })).toEqual({ mailboxes: ['grace'], lifecycle: [], refused: 0 });
  });

  it('refuses a wrong or missing clientState, an unknown subscription and a malformed body, naming no mailbox', async () => {
    const check = createNotificationCheck({ mailboxSync: repoOf([grace]) });
    expect(await check.changes({ value: [note('sub-1', 'secret-two'), note('sub-1'), note('sub-9', 'secret-one'), { nothing: true }] })).toEqual({
      mailboxes: [],
      lifecycle: [],
      refused: 4,
    });
    expect(await check.changes({ value: 'not a list' })).toMatchObject({ mailboxes: [], refused: 1 });
    expect(await check.changes(undefined)).toMatchObject({ mailboxes: [], refused: 1 });
  });

  it('reads the subscriptions again at most once a second for unknown ids, so forged ids cannot flood the list', async () => {
    const repo = repoOf([grace]);
    const check = createNotificationCheck({ mailboxSync: repo });
    for (let i = 0; i < 20; i++) await check.changes({ value: [note(`forged-${i}`, 'x')] });
    expect(repo.lists).toBe(1);
  });

  it('passes on the three lifecycle events for a genuine subscription and refuses any other', async () => {
    const check = createNotificationCheck({ mailboxSync: repoOf([grace]) });
    const batch = await check.lifecycle({
      value: [
        { subscriptionId: 'sub-1', clientState: 'secret-one', lifecycleEvent: 'missed' },
        { subscriptionId: 'sub-1', clientState: 'secret-one', lifecycleEvent: 'somethingElse' },
        { subscriptionId: 'sub-1', clientState: 'wrong', lifecycleEvent: 'subscriptionRemoved' },
      ],
    });
    expect(batch.lifecycle).toEqual([{ mailbox: 'grace', subscriptionId: 'sub-1', event: 'missed' }]);
    expect(batch.refused).toBe(2);
  });
});
