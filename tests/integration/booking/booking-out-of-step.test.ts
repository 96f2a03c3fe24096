// Booking the year while things change around it: an arrangement ended or changed after the booking
// was started (the job books from the plan the admin confirmed), and a job resumed after a restart when
// one of its arrangements has ended since. The job is run here through the real adapters against the
// emulator, so each change lands at the same point every time.

import { beforeAll, describe, expect, it } from 'vitest';
import type { Arrangement } from '../../../src/shared/arrangements/arrangement.js';
import { applyArrangementChanges, type ArrangementChanges } from '../../../src/shared/arrangements/new-arrangement.js';
import { instantToLondon } from '../../../src/shared/calendar/london-time.js';
import { defaultEnglandCalendar } from '../../../src/shared/calendar/default-england.js';
import { validateSchoolCalendar } from '../../../src/shared/calendar/validate-calendar.js';
import type { Session } from '../../../src/shared/sessions/session.js';
import { createGraphCalendar } from '../../../src/bot/graph/calendar.js';
import { createLogger } from '../../../src/bot/logger.js';
import type { AppPorts, Clock } from '../../../src/bot/ports.js';
import { runBookingJob } from '../../../src/bot/booking/run-booking-job.js';
import { startBooking } from '../../../src/bot/booking/start-booking.js';
import type { LoadedPlan } from '../../../src/bot/booking/load-booking-plan.js';
import { createArrangementRepository } from '../../../src/bot/storage/arrangement-repository.js';
import { createAuditLog } from '../../../src/bot/storage/audit-log.js';
import { createBookingJobRepository } from '../../../src/bot/storage/booking-job-repository.js';
import { createSchoolCalendarRepository } from '../../../src/bot/storage/school-calendar-repository.js';
import { createSessionRepository } from '../../../src/bot/storage/session-repository.js';
import type { GraphReader } from '../../support/graph-reader.js';
import type { RunningStack } from '../../support/start-stack.js';
import { freshStack } from './fresh-stack.js';
import { ADMIN } from '../bot/bot-test-kit.js';

const YEAR = '2026/27';

type JobDeps = Pick<AppPorts, 'arrangements' | 'sessions' | 'schoolCalendar' | 'calendar' | 'clock' | 'settings' | 'bookingJobs' | 'links' | 'audit'>;

/** A fresh stack, and the booking job's ports through the real adapters against its emulator. */
function jobKit(): { readonly stack: RunningStack; readonly reader: GraphReader; readonly ports: JobDeps } {
  const fresh = freshStack();
  let ports: JobDeps | undefined;
  beforeAll(() => {
    const { stack, reader } = fresh;
    const clock: Clock = { now: () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') };
    ports = {
      arrangements: createArrangementRepository(reader.store),
      sessions: createSessionRepository(reader.store),
      schoolCalendar: createSchoolCalendarRepository(reader.store),
      bookingJobs: createBookingJobRepository(reader.store),
      calendar: createGraphCalendar(reader.client),
      clock,
      settings: { safeguardingMailbox: stack.app.config.safeguardingMailbox, scheduling: {} },
      audit: createAuditLog(reader.store, clock),
      links: { session: (id) => `https://127.0.0.1/sessions/${id}`, record: (id) => `https://127.0.0.1/records/${id}`, page: (p) => `https://127.0.0.1${p}` },
    };
  });
  return {
    get stack() {
      return fresh.stack;
    },
    get reader() {
      return fresh.reader;
    },
    get ports() {
      return ports as JobDeps;
    },
  };
}

/** Starts a booking whose background run is held back: the job id and the plan the admin confirmed. */
async function startHeld(ports: JobDeps): Promise<{ jobId: string; plan: LoadedPlan | undefined }> {
  let held: { jobId: string; plan: LoadedPlan | undefined } | undefined;
  const started = await startBooking({ ...ports, runInBackground: (jobId, plan) => (held = { jobId, plan }) }, { caller: ADMIN, request: { academicYear: YEAR } });
  if (!started.ok || !held) throw new Error(`booking did not start: ${started.ok ? 'no run' : started.refusal.message}`);
  return held;
}

/** What updateArrangement saves, written through the job's own ports (as in the server: one repository, one cache). */
async function changeArrangement(ports: JobDeps, id: string, changes: ArrangementChanges): Promise<void> {
  const stored = await ports.arrangements.get(id);
  if (!stored) throw new Error(`no arrangement ${id}`);
  await ports.arrangements.update(stored, applyArrangementChanges(stored.value, changes, instantToLondon(ports.clock.now()).date));
}

const sessionsOf = async (ports: JobDeps, a: Arrangement): Promise<Session[]> => (await ports.sessions.listForArrangements([a.id])).map((s) => s.value);

const silent = createLogger('silent');

describe('an arrangement ended after its booking was started (a fresh stack)', () => {
  const kit = jobKit();

  it('books none of its sessions, says so, and books the other arrangements', async () => {
    const { ports } = kit;
    const { jobId, plan } = await startHeld(ports);
    const arrangements = (await ports.arrangements.list()).map((s) => s.value).sort((a, b) => (a.id < b.id ? -1 : 1));
    const ended = arrangements[0] as Arrangement;
    // The admin ends the arrangement while the job (started a moment ago) is under way.
    await changeArrangement(ports, ended.id, { status: 'ended' });
    await runBookingJob(ports, silent, jobId, plan);

    const job = (await ports.bookingJobs.get(jobId))?.value;
    expect(await sessionsOf(ports, ended)).toEqual([]);
    const meetings = (await kit.reader.emulatorEvents()).filter((e) => e.isOrganizer && e.transactionId?.startsWith(`ss-${ended.id}`));
    expect(meetings).toEqual([]);
    expect(job?.state).toBe('done');
    expect(job?.failed.filter((f) => f.arrangementId === ended.id).length).toBeGreaterThan(0);
    for (const f of job?.failed ?? []) expect(f).toMatchObject({ reason: expect.stringMatching(/ended/), retry: false });
    for (const a of arrangements.slice(1)) expect((await sessionsOf(ports, a)).length, a.id).toBeGreaterThan(0);
  });
});

describe('an arrangement whose length changed after its booking was started (a fresh stack)', () => {
  const kit = jobKit();

  it('does not book meetings of the old length', async () => {
    const { ports } = kit;
    const { jobId, plan } = await startHeld(ports);
    const arrangements = (await ports.arrangements.list()).map((s) => s.value).sort((a, b) => (a.id < b.id ? -1 : 1));
    const changed = arrangements[0] as Arrangement;
    const longer = changed.durationMinutes + 30;
    await changeArrangement(ports, changed.id, { durationMinutes: longer });
    await runBookingJob(ports, silent, jobId, plan);

    const job = (await ports.bookingJobs.get(jobId))?.value;
    // Every session booked for it lasts as long as the arrangement now says; any not booked is a failure with a reason.
    for (const s of await sessionsOf(ports, changed)) expect((Date.parse(s.end) - Date.parse(s.start)) / 60_000, s.id).toBe(longer);
    expect(job?.state).toBe('done');
    const notBooked = job?.failed.filter((f) => f.arrangementId === changed.id) ?? [];
    expect(notBooked.length + (await sessionsOf(ports, changed)).length).toBeGreaterThan(0);
    for (const f of notBooked) expect(f.reason).toMatch(/changed/);
  });
});

describe('a booking job resumed after a restart, one of its arrangements ended meanwhile (a fresh stack)', () => {
  const kit = jobKit();

  it('books the other arrangements instead of failing the whole job', async () => {
    const { ports } = kit;
    const { jobId } = await startHeld(ports);
    const arrangements = (await ports.arrangements.list()).map((s) => s.value).sort((a, b) => (a.id < b.id ? -1 : 1));
    const ended = arrangements[0] as Arrangement;
    await changeArrangement(ports, ended.id, { status: 'ended' });
    // The server stopped before the job ran; the next start resumes it (no plan at hand).
    await runBookingJob(ports, silent, jobId);

    const job = (await ports.bookingJobs.get(jobId))?.value;
    expect(job?.state, job?.error).toBe('done');
    expect(await sessionsOf(ports, ended)).toEqual([]);
    for (const a of arrangements.slice(1)) expect((await sessionsOf(ports, a)).length, a.id).toBeGreaterThan(0);
    expect(job?.booked).toBeGreaterThan(0);
  });
});

describe('a booking job whose progress could not be saved once (a fresh stack)', () => {
  const kit = jobKit();

  it('does not stay "running" for ever with nothing running it', async () => {
    const { ports } = kit;
    const { jobId, plan } = await startHeld(ports);
    // SharePoint answers 503 past every retry to the first save of the job's progress, then recovers.
    let calls = 0;
    const flaky: JobDeps = {
      ...ports,
      bookingJobs: {
        ...ports.bookingJobs,
        update: (base, next) => (++calls === 1 ? Promise.reject(new Error('SharePoint unavailable (503)')) : ports.bookingJobs.update(base, next)),
      },
    };
    await runBookingJob(flaky, silent, jobId, plan);
    // The run is over (this process runs it no more until a restart): the admin must not watch a progress bar for ever.
    const job = (await ports.bookingJobs.get(jobId))?.value;
    expect(job?.state).not.toBe('running');
    expect(job?.state === 'done' || /again/.test(job?.error ?? '')).toBe(true);
  });
});

describe('a booking job that reaches a session after its time has passed (a fresh stack)', () => {
  const kit = jobKit();

  it('books no session in the past', async () => {
    const { ports } = kit;
    const { jobId, plan } = await startHeld(ports);
    const proposed = (plan?.plan.arrangements ?? []).flatMap((a) => a.sessions).filter((s) => s.status === 'proposed' && s.start);
    // The job gets to work late (held up by throttling, a long queue): by then it is the day after the first Spring 1 session.
    const spring1 = proposed
      .filter((s) => s.windowLabel === 'Spring 1')
      .map((s) => s.start as string)
      .sort();
    expect(spring1.length).toBeGreaterThan(0);
    const later = new Date(Date.parse(spring1[0] as string) + 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await runBookingJob({ ...ports, clock: { now: () => later } }, silent, jobId, plan);

    const all = (await ports.sessions.listForArrangements((plan?.arrangements ?? []).map((a) => a.id))).map((s) => s.value);
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((s) => s.start < later).map((s) => `${s.id} ${s.start}`)).toEqual([]);
    const job = (await ports.bookingJobs.get(jobId))?.value;
    expect(job?.failed.some((f) => /passed/.test(f.reason))).toBe(true);
  });
});

describe('a closure day added on a planned date after the booking was started (a fresh stack)', () => {
  const kit = jobKit();

  it('books no session on the closure day', async () => {
    const { ports } = kit;
    const { jobId, plan } = await startHeld(ports);
    const proposed = (plan?.plan.arrangements ?? []).flatMap((a) => a.sessions).filter((s) => s.status === 'proposed' && s.start && s.windowLabel === 'Spring 2');
    const day = instantToLondon(proposed[0]?.start as string).date;
    // Another admin adds a closure day (a polling day) on that date while the job runs.
    const stored = await ports.schoolCalendar.get();
    const calendar = stored?.value ?? defaultEnglandCalendar();
    const next = { ...calendar, years: calendar.years.map((y) => (y.label === YEAR ? { ...y, closureDays: [...y.closureDays, { date: day, reason: 'Polling day' }] } : y)) };
    expect(validateSchoolCalendar(next).ok).toBe(true);
    await ports.schoolCalendar.save(next, stored);
    await runBookingJob(ports, silent, jobId, plan);

    const all = (await ports.sessions.listForArrangements((plan?.arrangements ?? []).map((a) => a.id))).map((s) => s.value);
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((s) => instantToLondon(s.start).date === day).map((s) => s.id)).toEqual([]);
  });
});
