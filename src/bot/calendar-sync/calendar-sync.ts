import { errorSummary } from '../errors.js';
import type { Logger } from '../logger.js';
import { keepSubscription, keepSubscriptions, type SubscriptionRun } from './keep-subscriptions.js';
import { createNotificationCheck } from './receive-notifications.js';
import { servedMailboxes, syncItemOf, syncMailbox, type SyncDeps, type SyncResult } from './sync-mailbox.js';

export interface SweepResult {
  subscriptions: SubscriptionRun;
  synced: SyncResult[];
  failed: number;
}

/**
 * Changes made in Outlook reach the app three ways, all ending in the same delta sync of the organiser's
 * mailbox: a change notification (checked, answered at once, synced shortly after so the app's own
 * changes have landed first), a lifecycle notification (renew, re-create, or sync after missed
 * notifications), and the periodic sweep (renews subscriptions and syncs every served mailbox: the safety
 * net for anything dropped). Notifications for one mailbox are coalesced into one queued sync in this
 * process; the sweep is not queued with them, nor are other processes: two syncs of one mailbox may run
 * together, which is safe because the delta link and each session are saved eTag-checked and acting on a
 * change twice does nothing.
 */
export function createCalendarSync(deps: SyncDeps & Pick<import('../ports.js').AppPorts, 'calendarChanges' | 'mailboxSync'>, log: Logger, opts: { delayMs: number }) {
  const check = createNotificationCheck(deps);
  const queued = new Set<string>();
  const syncSoon = (mailbox: string) => {
    const key = mailbox.toLowerCase();
    if (queued.has(key)) return;
    queued.add(key);
    deps.afterwards.run(`calendar:${key}`, async () => {
      if (opts.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, opts.delayMs));
      queued.delete(key);
      const result = await syncMailbox(deps, { mailbox });
      if (result.changed || result.resynced || result.restarted)
        log.info({ seen: result.seen, changed: result.changed, resynced: result.resynced, restarted: result.restarted }, 'calendar sync');
    });
  };
  const refused = async (count: number, what: string) => {
    if (count === 0) return;
    // Nothing from the body is logged: a forged notification could carry anything.
    log.warn({ count }, `${what} refused: clientState or subscription did not match`);
    await deps.audit.append({ actorId: 'graph:notification', action: `calendar.${what}`, targetId: '-', outcome: 'refused', detail: `${count} not matching` });
  };

  return {
    /** A change-notification POST (after the handshake): checked and queued; nothing waits for the sync. */
    notified: (body: unknown): void => {
      deps.afterwards.run('calendar:notifications', async () => {
        const batch = await check.changes(body);
        for (const mailbox of batch.mailboxes) syncSoon(mailbox);
        await refused(batch.refused, 'notification');
      });
    },
    /** A lifecycle-notification POST. */
    lifecycle: (body: unknown): void => {
      deps.afterwards.run('calendar:lifecycle', async () => {
        const batch = await check.lifecycle(body);
        for (const n of batch.lifecycle) {
          try {
            const item = await syncItemOf(deps, n.mailbox);
            if (n.event === 'reauthorizationRequired') await keepSubscription(deps, item, 'renew');
            if (n.event === 'subscriptionRemoved') await keepSubscription(deps, item, 'recreate');
            check.forget();
            // Missed notifications, or a gap while the subscription was gone: read what changed.
            if (n.event !== 'reauthorizationRequired') syncSoon(n.mailbox);
          } catch (err) {
            log.warn({ err: errorSummary(err), event: n.event }, 'lifecycle notification not handled; the sweep tries again');
          }
        }
        await refused(batch.refused, 'lifecycle');
      });
    },
    /** The sweep: subscriptions kept, every served mailbox synced. */
    sweep: async (): Promise<SweepResult> => {
      const subscriptions = await keepSubscriptions(deps);
      if (subscriptions.created) check.forget();
      const synced: SyncResult[] = [];
      let failed = 0;
      for (const mailbox of await servedMailboxes(deps)) {
        try {
          synced.push(await syncMailbox(deps, { mailbox }));
        } catch (err) {
          failed += 1;
          log.warn({ err: errorSummary(err) }, 'calendar sync of a mailbox failed; the next sweep tries again');
        }
      }
      return { subscriptions, synced, failed };
    },
  };
}
export type CalendarSync = ReturnType<typeof createCalendarSync>;
