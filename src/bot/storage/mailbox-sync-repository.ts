import { z } from 'zod';
import type { RecordStorePort } from '../graph/record-store.js';
import type { MailboxSync, MailboxSyncRepository } from '../ports.js';
import { jsonItems } from './json-items.js';

export const MAILBOX_SYNC_LIST = 'MailboxSync';

const syncSchema = z.object({
  mailbox: z.string().min(1),
  subscriptionId: z.string().min(1).optional(),
  clientState: z.string().min(1).optional(),
  subscriptionExpiresAt: z.string().optional(),
  deltaLink: z.string().min(1).optional(),
  deltaWindowEnd: z.string().optional(),
  lastSyncAt: z.string().optional(),
}) as unknown as z.ZodType<MailboxSync>;

/** One item per mailbox, keyed by the mailbox (IdempotencyKey is unique): of two servers creating it at once, one wins. */
export function createMailboxSyncRepository(store: RecordStorePort): MailboxSyncRepository {
  const items = jsonItems(store, MAILBOX_SYNC_LIST, syncSchema, (m: MailboxSync) => ({ Title: m.mailbox, Mailbox: m.mailbox, SubscriptionId: m.subscriptionId ?? null }));
  const keyOf = (mailbox: string) => `mailbox:${mailbox.toLowerCase()}`;
  return {
    get: (mailbox) => items.byKey(keyOf(mailbox)),
    create: (m) => items.create(keyOf(m.mailbox), m),
    update: (base, next) => items.update(base, next),
    list: () => items.where({}),
  };
}
