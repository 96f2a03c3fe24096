// The reminder job for a trust: ~2,000 arrangements whose session falls in the next working days (so
// every reminder is due now, by the real clock), every participant reachable through a loopback Bot
// Connector. Reminders sent, wall time, Graph and Bot Connector requests per reminder; a second run
// must send none.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack } from '../scripts/local-stack.js';
import type { Caller } from '../src/shared/access/app-roles.js';
import type { Move } from '../src/shared/booking/check-move.js';
import { addDays } from '../src/shared/calendar/dates.js';
import { instantMs, instantToLondon, londonToInstant, timeFromMinutes, toIsoInstant } from '../src/shared/calendar/london-time.js';
import { validateSchoolCalendar } from '../src/shared/calendar/validate-calendar.js';
import { isPlannableDay, makeWorkingCalendar, type WorkingCalendar } from '../src/shared/calendar/working-calendar.js';
import { isReminderDue } from '../src/shared/reminders/reminders.js';
import { targetWindows } from '../src/shared/scheduling/target-windows.js';
import { ADMIN_ID } from '../tools/m365-emulator/src/seed/demo-school.js';
import { personalActivity, postActivity, startBenchConnector } from './bot-latency.js';
import { probe } from './emulator-probe.js';
import { buildTrust, superviseeRole } from './trust.js';

/**
 * Schools x 50 supervisees; each school's DSL and two deputies supervise them. npm run bench runs 20
 * schools (1,000 arrangements, 2,000 reminders: about 1.5 minutes); 40 schools (2,000 supervisees)
 * takes about 5, as the emulator's list scans grow with the lists.
 */
const PER_SCHOOL = 50;
/** Short sessions, so each supervisor's ~17 fit in the working days whose reminders are due today. */
const DURATION_MINUTES = 30;
/** Sessions start at least this far ahead, so they are still upcoming when the job runs. */
const LEAD_MINUTES = 45;
const WORKDAY = { from: '08:30', to: '17:00' };

const admin: Caller = { id: ADMIN_ID, roles: ['Safeguarding.Admin'] };
const system: Caller = { id: 'system:reminders', roles: [] };

/** Whether the job sends this session's reminders now (false outside the school calendar, as the job does). */
function dueNow(sessionStartUtc: string, now: string, workingCalendar: WorkingCalendar, workingDaysBefore: number): boolean {
  try {
    return isReminderDue({ sessionStartUtc, now, workingCalendar, workingDaysBefore });
  } catch {
    return false;
  }
}

interface Slot {
  start: string;
  academicYear: string;
  windowId: string;
}

/**
 * The session starts whose reminder is due now: school days (not INSET) from today on, in working hours,
 * on the half-hour, at least LEAD_MINUTES ahead, all in the first half term that has one (one window per
 * arrangement, so no other proposed session can clash with a moved one).
 */
function dueSlots(working: WorkingCalendar, workingDaysBefore: number): Slot[] {
  const nowMs = Date.now();
  const now = toIsoInstant(nowMs);
  const today = instantToLondon(now).date;
  const slots: Slot[] = [];
  for (let d = today; d <= addDays(today, 21); d = addDays(d, 1)) {
    if (!isPlannableDay(working, d, false)) continue;
    const year = working.calendar.years.find((y) => (y.halfTerms[0]?.start ?? '') <= d && d <= (y.halfTerms[5]?.end ?? ''));
    const window = year ? targetWindows(working, year.label, { kind: 'half-termly' }).find((w) => w.start <= d && d <= w.end) : undefined;
    if (!year || !window) continue;
    if (slots[0] && slots[0].windowId !== window.id) break;
    const [fromH, fromM] = WORKDAY.from.split(':').map(Number) as [number, number];
    const [toH, toM] = WORKDAY.to.split(':').map(Number) as [number, number];
    for (let m = fromH * 60 + fromM; m + DURATION_MINUTES <= toH * 60 + toM; m += DURATION_MINUTES) {
      const start = londonToInstant(d, timeFromMinutes(m));
      if (instantMs(start) < nowMs + LEAD_MINUTES * 60_000) continue;
      if (dueNow(start, now, working, workingDaysBefore)) slots.push({ start, academicYear: year.label, windowId: window.id });
    }
  }
  return slots;
}

async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

/** npm run bench: the reminder job for a trust's sessions due in the next working days. */
export async function measureReminderJob(schools = 40): Promise<boolean> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-reminders-'));
  const stack = await startLocalStack({ dataDir, demoArrangements: false, logLevel: 'silent', reminderIntervalMinutes: 0, calendarSyncMinutes: 0 });
  const emu = probe(stack.emulator);
  const connector = await startBenchConnector();
  try {
    const year = await stack.app.useCases.getSchoolYear({ caller: admin });
    if (!year.ok) throw new Error(year.refusal.message);
    const checked = validateSchoolCalendar(year.value.calendar);
    if (!checked.ok) throw new Error('the school calendar is not valid');
    const working = makeWorkingCalendar(checked.value);
    const workingDaysBefore = stack.app.config.reminders.workingDaysBefore;
    const slots = dueSlots(working, workingDaysBefore);
    const first = slots[0];
    if (!first) throw new Error('no school day ahead whose reminders are due today (is today past the end of the school calendar?)');

    // Each supervisor takes one slot per supervisee: a school can have as many as its 3 supervisors have slots.
    const trust = buildTrust(schools);
    await emu.seedUsers(trust.users);
    const perSchool = Math.min(PER_SCHOOL, 3 * slots.length);
    const planned = trust.schools.flatMap((school) =>
      school.supervisees.slice(0, perSchool).map((s, k) => {
        const supervisor = school.supervisors[k % 3];
        if (!supervisor) throw new Error('a school without supervisors');
        return {
          slot: slots[Math.floor(k / 3)] as Slot,
          input: {
            supervisorId: supervisor.id,
            supervisorRole: k % 3 === 0 ? ('dsl' as const) : ('deputy-dsl' as const),
            supervisees: [{ id: s.id, role: superviseeRole(s.jobTitle) }],
            durationMinutes: DURATION_MINUTES,
            organiser: 'supervisor' as const,
            teamsMeeting: false,
            preferences: {},
          },
        };
      }),
    );
    let t = performance.now();
    const moves: Move[] = [];
    await mapLimit(planned, 8, async ({ slot, input }) => {
      const made = await stack.app.useCases.createArrangement({ caller: admin, arrangement: input });
      if (!made.ok) throw new Error(`arrangement refused: ${made.refusal.message}`);
      moves.push({ arrangementId: made.value.id, windowId: slot.windowId, start: slot.start });
    });
    const setupArrangementsMs = performance.now() - t;

    // The year's sessions, each arrangement's session in this half term moved into the due days.
    t = performance.now();
    const request = { academicYear: first.academicYear, moves };
    const preview = await stack.app.useCases.previewBooking({ caller: admin, request });
    if (!preview.ok) throw new Error(preview.refusal.message);
    if (preview.value.refusedMoves.length > 0) throw new Error(`move refused: ${preview.value.refusedMoves[0]?.message ?? ''}`);
    const started = await stack.app.useCases.startBooking({ caller: admin, request });
    if (!started.ok) throw new Error(started.refusal.message);
    await stack.app.idle();
    const job = await stack.app.useCases.getBookingJob({ caller: admin, jobId: started.value.id });
    if (!job.ok || job.value.state !== 'done' || job.value.failed.length > 0) throw new Error('the booking job did not book every session');
    const bookingMs = performance.now() - t;

    // Reminders the job should send: every participant of every booked session that is due now.
    const nowAt = toIsoInstant(Date.now());
    const dueSessions = preview.value.arrangements.flatMap((a) =>
      a.sessions.filter((s) => {
        return (s.status === 'moved' || s.status === 'proposed') && s.start !== undefined && dueNow(s.start, nowAt, working, workingDaysBefore);
      }),
    ).length;
    const participants = dueSessions * 2;

    // Everyone installs the app: the bot saves their personal conversation (serviceUrl = the fake connector).
    t = performance.now();
    const people = [...new Map(trust.schools.flatMap((school) => [...school.supervisors, ...school.supervisees.slice(0, perSchool)]).map((u) => [u.id, u])).values()];
    let installFailures = 0;
    await mapLimit(people, 16, async (u) => {
      const status = await postActivity(stack.serverUrl, personalActivity(connector.url, u.id, u.displayName, `personal-${u.id}`, { type: 'installationUpdate', action: 'add' }));
      if (status >= 300) installFailures += 1;
    });
    const installMs = performance.now() - t;

    const before = await emu.stats();
    const callsBefore = connector.calls.length;
    t = performance.now();
    const run1 = await stack.app.useCases.runReminders({ caller: system });
    const run1Ms = performance.now() - t;
    const mid = await emu.stats();
    const callsMid = connector.calls.length;
    t = performance.now();
    const run2 = await stack.app.useCases.runReminders({ caller: system });
    const run2Ms = performance.now() - t;
    const after = await emu.stats();

    const graph1 = mid.graphHttpRequests - before.graphHttpRequests;
    const graph2 = after.graphHttpRequests - mid.graphHttpRequests;
    const connector1 = callsMid - callsBefore;
    const connector2 = connector.calls.length - callsMid;
    const ok = installFailures === 0 && run1.sent === participants && run1.failed === 0 && run1.unreachable.length === 0 && run2.sent === 0 && run2.failed === 0;

    const days = [...new Set(slots.map((s) => instantToLondon(s.start).date))];
    console.log(
      `\nReminder job: ${planned.length} arrangements (${schools} schools x ${perSchool}, ${DURATION_MINUTES}-minute sessions), each arrangement's ${first.windowId} session moved to ${days.join(' / ')} (reminders ${workingDaysBefore} working days ahead: due today); emulator without added latency, loopback Bot Connector\n`,
    );
    console.log(
      `  setup:                        ${(setupArrangementsMs / 1000).toFixed(1)} s arrangements, ${(bookingMs / 1000).toFixed(1)} s booking ${job.value.booked} sessions (${first.academicYear}), ${(installMs / 1000).toFixed(1)} s installing for ${people.length} people`,
    );
    console.log(
      `  first run:                    ${run1.sent} reminders sent of ${participants} due (${dueSessions} sessions x 2 participants), in ${(run1Ms / 1000).toFixed(1)} s`,
    );
    console.log(`    already sent, unreachable, failed: ${run1.alreadySent}, ${run1.unreachable.length}, ${run1.failed} (target 0 each)`);
    console.log(`    Graph HTTP requests:        ${graph1} (${(graph1 / Math.max(1, run1.sent)).toFixed(2)} per reminder sent)`);
    console.log(`    Bot Connector requests:     ${connector1} (${(connector1 / Math.max(1, run1.sent)).toFixed(2)} per reminder sent)`);
    console.log(
      `  second run:                   ${run2.sent} sent (target 0), ${run2.alreadySent} already sent, in ${(run2Ms / 1000).toFixed(1)} s; ${graph2} Graph HTTP requests, ${connector2} Bot Connector requests`,
    );
    console.log(ok ? 'reminder job: targets met\n' : 'reminder job: TARGET MISSED\n');
    return ok;
  } finally {
    await connector.close();
    await emu.close();
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
