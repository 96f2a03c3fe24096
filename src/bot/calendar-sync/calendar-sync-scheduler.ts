import { errorSummary } from '../errors.js';
import type { Logger } from '../logger.js';
import { startRecurring } from '../recurring.js';
import type { CalendarSync } from './calendar-sync.js';

/** Runs the calendar sweep soon after start and then every `intervalMinutes`; runs never overlap. */
export function startCalendarSyncScheduler(sync: Pick<CalendarSync, 'sweep'>, log: Logger, intervalMinutes: number): { stop(): Promise<void> } {
  return startRecurring(
    () =>
      sync
        .sweep()
        .then((r) => {
          const changed = r.synced.reduce((n, s) => n + s.changed, 0);
          const { created, renewed, failed: subscriptionsFailed } = r.subscriptions;
          if (changed || r.failed || created || subscriptionsFailed) log.info({ created, renewed, subscriptionsFailed, changed, mailboxesFailed: r.failed }, 'calendar sweep');
        })
        .catch((err: unknown) => log.error({ err: errorSummary(err) }, 'calendar sweep failed')),
    { firstAfterMs: 10_000, intervalMinutes },
  );
}
