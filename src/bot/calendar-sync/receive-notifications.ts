import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { AppPorts } from '../ports.js';

// change notifications (https://learn.microsoft.com/graph/change-notifications-delivery-webhooks): a
// batch in `value`; each carries the subscription's id and the clientState given when it was made.
const changeNotification = z.object({
  subscriptionId: z.string().min(1).max(200),
  clientState: z.string().max(256).optional(),
  changeType: z.string().max(50).optional(),
  resource: z.string().max(1000).optional(),
});
const lifecycleNotification = z.object({
  subscriptionId: z.string().min(1).max(200),
  clientState: z.string().max(256).optional(),
  lifecycleEvent: z.enum(['reauthorizationRequired', 'missed', 'subscriptionRemoved']),
});
export const notificationBatchSchema = z.object({ value: z.array(z.unknown()).max(1000) });

export type LifecycleEvent = z.infer<typeof lifecycleNotification>['lifecycleEvent'];

export interface Verified {
  mailbox: string;
  subscriptionId: string;
}
export interface ReceivedBatch {
  /** Mailboxes with a genuine notification (each once). */
  mailboxes: string[];
  /** Lifecycle events, genuine only. */
  lifecycle: (Verified & { event: LifecycleEvent })[];
  /** Notifications whose clientState did not match or whose subscription is not ours: nothing is done for them. */
  refused: number;
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Checks each notification's clientState against the secret kept for its subscription. The subscriptions
 * are few (one per organiser mailbox) and held in memory; an unknown id reloads them once (a subscription
 * made by another server, or moments ago).
 */
export function createNotificationCheck(deps: Pick<AppPorts, 'mailboxSync'>) {
  let known = new Map<string, { mailbox: string; clientState: string }>();
  let loadedAt = 0;
  const reload = async () => {
    const next = new Map<string, { mailbox: string; clientState: string }>();
    for (const item of await deps.mailboxSync.list())
      if (item.value.subscriptionId && item.value.clientState) next.set(item.value.subscriptionId, { mailbox: item.value.mailbox, clientState: item.value.clientState });
    known = next;
    loadedAt = Date.now();
  };
  const verify = async (subscriptionId: string, clientState: string | undefined): Promise<string | undefined> => {
    // At most one reload a second: a flood of forged ids cannot turn into a flood of list reads.
    if (!known.has(subscriptionId) && Date.now() - loadedAt > 1000) await reload();
    const sub = known.get(subscriptionId);
    return sub && clientState !== undefined && same(sub.clientState, clientState) ? sub.mailbox : undefined;
  };
  return {
    /** Change notifications: which mailboxes to sync. */
    changes: async (body: unknown): Promise<ReceivedBatch> => {
      const batch: ReceivedBatch = { mailboxes: [], lifecycle: [], refused: 0 };
      const parsed = notificationBatchSchema.safeParse(body);
      if (!parsed.success) return { ...batch, refused: 1 };
      const mailboxes = new Set<string>();
      for (const raw of parsed.data.value) {
        const n = changeNotification.safeParse(raw);
        const mailbox = n.success ? await verify(n.data.subscriptionId, n.data.clientState) : undefined;
        if (mailbox) mailboxes.add(mailbox);
        else batch.refused += 1;
      }
      return { ...batch, mailboxes: [...mailboxes] };
    },
    /** Lifecycle notifications: what to do about each subscription. */
    lifecycle: async (body: unknown): Promise<ReceivedBatch> => {
      const batch: ReceivedBatch = { mailboxes: [], lifecycle: [], refused: 0 };
      const parsed = notificationBatchSchema.safeParse(body);
      if (!parsed.success) return { ...batch, refused: 1 };
      for (const raw of parsed.data.value) {
        const n = lifecycleNotification.safeParse(raw);
        const mailbox = n.success ? await verify(n.data.subscriptionId, n.data.clientState) : undefined;
        if (n.success && mailbox) batch.lifecycle.push({ mailbox, subscriptionId: n.data.subscriptionId, event: n.data.lifecycleEvent });
        else batch.refused += 1;
      }
      return batch;
    },
    forget: () => {
      known = new Map();
      loadedAt = 0;
    },
  };
}
export type NotificationCheck = ReturnType<typeof createNotificationCheck>;
