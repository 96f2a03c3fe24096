import type { Caller } from '../../shared/access/app-roles.js';
import { canManageSchedule } from '../../shared/access/authorise.js';
import type { BookingJob } from '../../shared/booking/booking-job.js';
import { auditedIfRefused } from '../audit/audited.js';
import type { AppPorts } from '../ports.js';
import { done, refuse, type Outcome } from '../use-case.js';

export async function getBookingJob(deps: Pick<AppPorts, 'bookingJobs' | 'audit'>, input: { caller: Caller; jobId: string }): Promise<Outcome<BookingJob>> {
  const allowed = canManageSchedule(input.caller);
  if (!allowed.ok) return auditedIfRefused(deps.audit, input.caller, 'booking.read', input.jobId, refuse('forbidden', 'forbidden', allowed.reason));
  const stored = await deps.bookingJobs.get(input.jobId);
  if (!stored) return refuse('not-found', 'job_not_found', 'There is no booking job with that id.');
  return done(stored.value);
}
