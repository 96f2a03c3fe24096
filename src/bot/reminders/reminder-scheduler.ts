import type { Logger } from '../logger.js';
import { errorSummary } from '../errors.js';
import { startRecurring } from '../recurring.js';
import type { UseCases } from '../use-cases.js';

/** The reminder job's own identity in the audit log. */
export const REMINDER_JOB: { id: string; roles: [] } = { id: 'system:reminders', roles: [] };

/**
 * Runs the reminder job (then escalations and the weekly digest) now and then every `intervalMinutes`. Runs never overlap in one process;
 * across processes the claims make each reminder go out once.
 */
export function startReminderScheduler(useCases: Pick<UseCases, 'runReminders' | 'runComplianceJob'>, log: Logger, intervalMinutes: number): { stop(): Promise<void> } {
  return startRecurring(
    () =>
      useCases
        .runReminders({ caller: REMINDER_JOB })
        .then((run) => {
          if (run.due) log.info({ due: run.due, sent: run.sent, alreadySent: run.alreadySent, unreachable: run.unreachable.length, failed: run.failed }, 'reminder run');
        })
        // Escalations and the weekly digest come from the compliance read model, after the reminders.
        .then(() => useCases.runComplianceJob())
        .then((job) => {
          if (job.escalationsFailed) log.warn(job, 'escalations not sent; tried again next run');
          else if (job.escalated || job.digests) log.info(job, 'compliance job');
        })
        .catch((err: unknown) => log.error({ err: errorSummary(err) }, 'reminder run failed')),
    { firstAfterMs: 5_000, intervalMinutes },
  );
}
