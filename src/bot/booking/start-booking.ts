import { randomUUID } from 'node:crypto';
import type { Caller } from '../../shared/access/app-roles.js';
import { canManageSchedule } from '../../shared/access/authorise.js';
import type { BookingJob } from '../../shared/booking/booking-job.js';
import { audited } from '../audit/audited.js';
import type { AppPorts } from '../ports.js';
import { done, invalid, refuse, type Outcome } from '../use-case.js';
import { loadBookingPlan, type LoadedPlan } from './load-booking-plan.js';
import { previewOf, type BookingRequest } from './preview-booking.js';

/** Background work the server runs after answering (the job runner), given the plan already worked out. */
export type RunInBackground = (jobId: string, plan?: LoadedPlan) => void;

/**
 * Checks the booking as the preview did (moves included) and starts it as a background job. The
 * caller follows it with getBookingJob.
 */
export async function startBooking(
  deps: Pick<AppPorts, 'arrangements' | 'sessions' | 'schoolCalendar' | 'calendar' | 'clock' | 'settings' | 'bookingJobs' | 'audit'> & { runInBackground: RunInBackground },
  input: { caller: Caller; request: BookingRequest },
): Promise<Outcome<BookingJob>> {
  const { caller, request } = input;
  const allowed = canManageSchedule(caller);
  if (!allowed.ok) return audited(deps.audit, caller, 'booking.start', request.academicYear, refuse('forbidden', 'forbidden', allowed.reason));
  const loaded = await loadBookingPlan(deps, request);
  if (!loaded.ok) return audited(deps.audit, caller, 'booking.start', request.academicYear, invalid(loaded.issues));
  const preview = previewOf(loaded.loaded);
  if (preview.refusedMoves.length > 0) {
    return audited(
      deps.audit,
      caller,
      'booking.start',
      request.academicYear,
      invalid(
        preview.refusedMoves.map((r) => ({
          field: `moves[${(request.moves ?? []).findIndex((m) => m.arrangementId === r.arrangementId && m.windowId === r.windowId)}].start`,
          message: r.message,
        })),
      ),
    );
  }
  const { totals } = preview;
  const job: BookingJob = {
    id: randomUUID(),
    academicYear: request.academicYear,
    arrangementIds: preview.arrangements.map((a) => a.arrangementId),
    moves: request.moves ?? [],
    requestedById: caller.id,
    createdAt: deps.clock.now(),
    state: 'running',
    total: totals.toBook + totals.alreadyBooked,
    booked: 0,
    alreadyBooked: totals.alreadyBooked,
    failed: [],
  };
  const stored = await deps.bookingJobs.create(job);
  deps.runInBackground(job.id, loaded.loaded);
  return audited(deps.audit, caller, 'booking.start', job.id, done(stored.value), (j) => `${j.academicYear}: ${j.total} sessions, ${j.alreadyBooked} already booked`);
}
