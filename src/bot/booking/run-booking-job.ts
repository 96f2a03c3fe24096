import { MAX_FAILURES_KEPT, type BookingJob, type FailedBooking } from '../../shared/booking/booking-job.js';
import { sessionsToBook } from '../../shared/booking/plan-booking.js';
import type { Logger } from '../logger.js';
import type { AppPorts, Stored } from '../ports.js';
import { bookSessions, type BookedOutcome, type SessionToBook } from './book-sessions.js';
import { NOT_BOOKABLE, stillPlanned, whyNotBookable } from '../../shared/booking/still-bookable.js';
import { schedulingSettings } from '../../shared/scheduling/scheduling-settings.js';
import { currentCalendar } from '../school-year/school-calendar.js';
import { loadBookingPlan, type LoadedPlan } from './load-booking-plan.js';
import { errorSummary } from '../errors.js';

/** Sessions booked between two saves of the job's progress: about a tenth of the job, 10 to 1,000 (two chunks fill a $batch). */
const chunkFor = (total: number) => Math.min(1000, Math.max(10, Math.ceil(total / 10)));

type Deps = Pick<AppPorts, 'arrangements' | 'sessions' | 'schoolCalendar' | 'calendar' | 'clock' | 'settings' | 'bookingJobs' | 'links' | 'audit'>;

/**
 * Runs (or resumes) a booking job to the end. The plan is worked out again from what is stored, so
 * after a restart the sessions already booked count as booked and only the rest are created; every
 * write is idempotent, so a session whose meeting was created just before a crash is not duplicated.
 */
export async function runBookingJob(deps: Deps, log: Logger, jobId: string, planned?: LoadedPlan): Promise<void> {
  let stored = await deps.bookingJobs.get(jobId);
  if (!stored || stored.value.state !== 'running') return;
  const save = async (next: BookingJob): Promise<Stored<BookingJob>> => {
    try {
      return (stored = await deps.bookingJobs.update(stored as Stored<BookingJob>, next));
    } catch (error) {
      // Once more from the job as stored now: the failed write may have landed (its answer lost), leaving a newer version.
      const fresh = await deps.bookingJobs.get(jobId);
      if (fresh?.value.state !== 'running') throw error;
      return (stored = await deps.bookingJobs.update(fresh, next));
    }
  };
  const job = stored.value;
  try {
    // Straight after starting, the plan the admin confirmed is at hand; after a restart it is worked out again.
    // After a restart an arrangement may have ended (or gone) since the job started: the others are still booked.
    let dropped: string[] = [];
    let arrangementIds = job.arrangementIds;
    if (!planned) {
      const now = new Map((await deps.arrangements.list()).map((a) => [a.value.id, a.value]));
      dropped = job.arrangementIds.filter((id) => !stillPlanned(now.get(id)));
      if (dropped.length < job.arrangementIds.length) arrangementIds = job.arrangementIds.filter((id) => !dropped.includes(id));
      else dropped = [];
    }
    const loaded = planned
      ? { ok: true as const, loaded: planned }
      : await loadBookingPlan(deps, { academicYear: job.academicYear, arrangementIds, moves: job.moves.filter((m) => arrangementIds.includes(m.arrangementId)) });
    if (!loaded.ok) {
      await save({ ...job, state: 'failed', error: loaded.issues.map((i) => i.message).join(' '), finishedAt: deps.clock.now() });
      return;
    }
    const { plan, arrangements } = loaded.loaded;
    const byId = new Map(arrangements.map((a) => [a.id, a]));
    const already = plan.arrangements.flatMap((a) => a.sessions).filter((s) => s.status === 'already-booked').length;
    const todo: SessionToBook[] = sessionsToBook(plan).map((t) => ({
      arrangement: byId.get(t.arrangementId) as SessionToBook['arrangement'],
      academicYear: plan.academicYear,
      proposal: t.session,
    }));
    // Every failure, not only the ones the job keeps to show; an arrangement ended before a resumed job got to it is one.
    let failedAll: FailedBooking[] = dropped.map((id) => ({ sessionId: id, arrangementId: id, windowLabel: 'The rest of the year', reason: NOT_BOOKABLE.ended, retry: false }));
    let current: BookingJob = {
      ...job,
      ...(dropped.length ? { total: already + todo.length + dropped.length } : {}),
      // What this job booked before a restart is now 'already booked': count it as booked by the job.
      booked: Math.max(0, already - job.alreadyBooked),
      failed: failedAll.slice(0, MAX_FAILURES_KEPT),
    };
    const chunk = chunkFor(todo.length);
    const inChunks = (list: SessionToBook[]) => Array.from({ length: Math.ceil(list.length / chunk) }, (_, i) => list.slice(i * chunk, (i + 1) * chunk));
    const chunks = inChunks(todo);
    // Two chunks at a time: while one waits out a throttled request's Retry-After, the next one's
    // meetings fill the $batch calls its retries join. Progress is saved once per chunk, in turn.
    let saving: Promise<unknown> = Promise.resolve();
    const book = async (part: SessionToBook[]) => {
      // Each chunk checks its plan against the world as it is now (the clock, the school year, the arrangements,
      // each list read once a chunk, about ten times a job): a time gone by, a day closed, or an arrangement ended
      // or changed since is not booked.
      const [{ working }, arrangementsNow] = await Promise.all([
        currentCalendar(deps.schoolCalendar),
        deps.arrangements.list().then((all) => new Map(all.map((a) => [a.value.id, a.value]))),
      ]);
      const at = deps.clock.now();
      const { allowInsetDays } = schedulingSettings(deps.settings.scheduling);
      const verdicts = part.map((t) =>
        whyNotBookable({ academicYear: t.academicYear, start: t.proposal.start }, t.arrangement, {
          at,
          calendar: working,
          allowInsetDays,
          arrangement: arrangementsNow.get(t.arrangement.id),
        }),
      );
      const results: BookedOutcome[] = new Array(part.length);
      const go: number[] = [];
      verdicts.forEach((reason, i) => {
        const t = part[i] as SessionToBook;
        if (reason === undefined) go.push(i);
        else results[i] = { ok: false, sessionId: t.proposal.sessionId, arrangementId: t.arrangement.id, windowLabel: t.proposal.windowLabel, reason };
      });
      const made = go.length
        ? await bookSessions(
            deps,
            go.map((i) => part[i] as SessionToBook),
          )
        : [];
      made.forEach((r, k) => (results[go[k] as number] = r));
      const failed: FailedBooking[] = results.flatMap((r) =>
        r.ok
          ? []
          : [
              {
                sessionId: r.sessionId,
                arrangementId: r.arrangementId,
                windowLabel: r.windowLabel,
                reason: r.reason,
                ...(r.reason === NOT_BOOKABLE.ended ? { retry: false } : {}),
              },
            ],
      );
      // A session tried again leaves the failures for this attempt's outcome.
      const tried = new Set(part.map((t) => t.proposal.sessionId));
      failedAll = [...failedAll.filter((f) => !tried.has(f.sessionId)), ...failed];
      current = { ...current, booked: current.booked + results.filter((r) => r.ok).length, failed: failedAll.slice(0, MAX_FAILURES_KEPT) };
      const snapshot = current;
      // Progress is only for the progress bar: a save that fails does not stop the booking (the next save, or the last, catches up).
      saving = saving.then(() => save(snapshot)).catch((err: unknown) => log.warn({ err: errorSummary(err), jobId }, 'booking progress not saved'));
      await saving;
    };
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) await book(chunks[next++] as SessionToBook[]);
    };
    await Promise.all([worker(), worker()]);
    // One more pass over what failed (throttling that outlasted every retry): each write is idempotent, so
    // a meeting already made is found, not made again.
    const again = new Set(failedAll.map((f) => f.sessionId));
    const retry = todo.filter((t) => again.has(t.proposal.sessionId));
    for (const part of inChunks(retry)) await book(part);
    const finished: BookingJob = { ...current, state: 'done', finishedAt: deps.clock.now() };
    await save(finished);
    await deps.audit.append({
      actorId: job.requestedById,
      action: 'booking.finish',
      targetId: job.id,
      outcome: failedAll.length ? 'failed' : 'done',
      detail: `booked ${finished.booked}, already ${finished.alreadyBooked}, failed ${failedAll.length}`,
    });
  } catch (err) {
    // Stopped by something outside the job (Graph unavailable…): keep it running, so the next start resumes it.
    log.error({ err: errorSummary(err), jobId }, 'booking job stopped; it resumes when the server next starts');
  }
}

/** Starts again every job a previous server process left running. */
export async function resumeBookingJobs(deps: Pick<AppPorts, 'bookingJobs'> & { runJob: (jobId: string) => void }, log: Logger): Promise<void> {
  const unfinished = await deps.bookingJobs.listUnfinished();
  if (unfinished.length) log.info({ jobs: unfinished.length }, 'resuming booking jobs');
  for (const j of unfinished) deps.runJob(j.value.id);
}
