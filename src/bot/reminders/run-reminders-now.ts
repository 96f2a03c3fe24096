import type { Caller } from '../../shared/access/app-roles.js';
import { canManageSchedule } from '../../shared/access/authorise.js';
import { auditedIfRefused } from '../audit/audited.js';
import type { AppPorts } from '../ports.js';
import { done, refuse, type Outcome } from '../use-case.js';
import type { ReminderRun } from './run-reminders.js';

/** The admin runs the reminder job now (it also runs on its own): exactly once still holds. */
export async function runRemindersNow(
  deps: Pick<AppPorts, 'audit'> & { runReminders: (input: { caller: Caller }) => Promise<ReminderRun> },
  input: { caller: Caller },
): Promise<Outcome<ReminderRun>> {
  const allowed = canManageSchedule(input.caller);
  if (!allowed.ok) return auditedIfRefused(deps.audit, input.caller, 'reminders.run', '-', refuse('forbidden', 'forbidden', allowed.reason));
  return done(await deps.runReminders(input));
}
