import { randomBytes } from 'node:crypto';
import { addMinutes, instantMs, type IsoInstant } from '../../shared/calendar/london-time.js';
import type { AppPorts, MailboxSync, Stored } from '../ports.js';
import { servedMailboxes, syncItemOf } from './sync-mailbox.js';

type Deps = Pick<AppPorts, 'calendarChanges' | 'mailboxSync' | 'compliance' | 'clock' | 'links' | 'audit'>;

// Graph keeps a subscription to Outlook events for at most 4,230 minutes (just under three days; Learn,
// "subscription resource type"). Ours last two days and are renewed once less than a day is left: the
// sweep runs many times in that day, so one failed renewal is tried again long before the subscription lapses.
export const SUBSCRIPTION_MINUTES = 2 * 24 * 60;
export const RENEW_WHEN_LESS_THAN_MINUTES = 24 * 60;

export const NOTIFICATION_PATH = '/api/graph/notifications';
export const LIFECYCLE_PATH = '/api/graph/lifecycle';

export interface SubscriptionRun {
  created: number;
  renewed: number;
  failed: number;
}

/** A new secret for a subscription's clientState: Graph echoes it on every notification, nobody else knows it. */
const newClientState = () => randomBytes(32).toString('base64url');

/**
 * Makes sure every mailbox with sessions to come has a live change-notification subscription: creates one
 * where there is none (or Graph removed it), renews one that is due. A mailbox that fails is tried again
 * next time; the sweep's delta sync covers it meanwhile.
 */
export async function keepSubscriptions(deps: Deps): Promise<SubscriptionRun> {
  const run: SubscriptionRun = { created: 0, renewed: 0, failed: 0 };
  for (const mailbox of await servedMailboxes(deps)) {
    try {
      const outcome = await keepSubscription(deps, await syncItemOf(deps, mailbox));
      if (outcome !== 'current') run[outcome] += 1;
    } catch {
      run.failed += 1;
    }
  }
  return run;
}

/** One mailbox: renewed when due, made again when Graph no longer has it, left alone when current. */
export async function keepSubscription(deps: Deps, item: Stored<MailboxSync>, force: 'renew' | 'recreate' | undefined = undefined): Promise<'created' | 'renewed' | 'current'> {
  const now = deps.clock.now();
  const expiresAt = addMinutes(now, SUBSCRIPTION_MINUTES);
  const { subscriptionId, subscriptionExpiresAt } = item.value;
  if (subscriptionId && force !== 'recreate') {
    const due = force === 'renew' || !subscriptionExpiresAt || instantMs(subscriptionExpiresAt) - instantMs(now) < RENEW_WHEN_LESS_THAN_MINUTES * 60_000;
    if (!due) return 'current';
    const renewed = await deps.calendarChanges.renew(subscriptionId, expiresAt);
    if (renewed) {
      await deps.mailboxSync.update(item, { ...item.value, subscriptionExpiresAt: renewed.expiresAt as IsoInstant });
      return 'renewed';
    }
  }
  const clientState = newClientState();
  // The secret is saved before Graph is asked, so the first notification (which may come at once) is recognised.
  const pending = await deps.mailboxSync.update(item, { ...item.value, clientState, subscriptionId: undefined, subscriptionExpiresAt: undefined });
  const made = await deps.calendarChanges.subscribe({
    mailbox: item.value.mailbox,
    notificationUrl: deps.links.page(NOTIFICATION_PATH),
    lifecycleNotificationUrl: deps.links.page(LIFECYCLE_PATH),
    clientState,
    expiresAt,
  });
  await deps.mailboxSync.update(pending, { ...pending.value, subscriptionId: made.id, subscriptionExpiresAt: made.expiresAt as IsoInstant });
  if (subscriptionId && subscriptionId !== made.id) await deps.calendarChanges.unsubscribe(subscriptionId).catch(() => undefined);
  await deps.audit.append({ actorId: 'system:calendar-sync', action: 'calendar.subscribe', targetId: item.value.mailbox, outcome: 'done', detail: `expires ${made.expiresAt}` });
  return 'created';
}
