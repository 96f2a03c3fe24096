import { errorSummary } from '../errors.js';
import type { Logger } from '../logger.js';
import type { CalendarSync } from './calendar-sync.js';

/** Runs the calendar sweep soon after start and then every `intervalMinutes`; runs never overlap. */
export function startCalendarSyncScheduler(sync: Pick<CalendarSync, 'sweep'>, log: Logger, intervalMinutes: number): { stop(): Promise<void> } {
  let current: Promise<void> | undefined;
  const tick = () => {
    if (current) return;
    current = sync
      .sweep()
      .then((r) => {
        const changed = r.synced.reduce((n, s) => n + s.changed, 0);
        if (changed || r.failed || r.subscriptions.created || r.subscriptions.failed) log.info({ ...r.subscriptions, changed, failed: r.failed }, 'calendar sweep');
      })
      .catch((err: unknown) => log.error({ err: errorSummary(err) }, 'calendar sweep failed'))
      .finally(() => (current = undefined));
  };
  const first = setTimeout(tick, 10_000);
  const timer = setInterval(tick, intervalMinutes * 60_000);
  first.unref();
  timer.unref();
  return {
    stop: async () => {
      clearTimeout(first);
      clearInterval(timer);
      await current;
    },
  };
}
