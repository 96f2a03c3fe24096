// A trust-wide planning preview: every arrangement in a fictional trust planned for one school year,
// in one go, on one shared WorkingCalendar. Pure CPU; no emulator, no Graph.
import { performance } from 'node:perf_hooks';
import { defaultEnglandCalendar, londonDayClock, makeWorkingCalendar, toIsoInstant, workingDaysIn, type WorkingCalendar } from '../src/shared/calendar/index.js';
import type { Cadence } from '../src/shared/policy/supervision-policy.js';
import { planSessions, type PlanRequest, type PlannedSession } from '../src/shared/scheduling/plan-sessions.js';
import type { Interval, ParticipantBusy } from '../src/shared/scheduling/intervals.js';

export const TRUST_PREVIEW_TARGET_MS = 3000;
const YEAR = '2026/27';
const ARRANGEMENTS_PER_SCHOOL = 50;
const SUPERVISORS_PER_SCHOOL = 3;
const SCHOOL_OPEN = 8 * 60 + 30;
const SCHOOL_CLOSE = 17 * 60;

export interface TrustPreviewReport {
  arrangements: number;
  totalMs: number;
  perPlanMs: number;
  targetMs: number;
  ok: boolean;
}

/** mulberry32: small, seeded, the same sequence on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * One person's year: on each school day, 1–2 hour blocks on the half hour (not overlapping) until
 * 30–50% of the school day (08:30–17:00) is taken, the share fixed per person.
 */
function personBusy(days: readonly { clock: (m: number) => number }[], rand: () => number): Interval[] {
  const share = 0.3 + rand() * 0.2;
  const halfHours = (SCHOOL_CLOSE - SCHOOL_OPEN) / 30;
  const out: Interval[] = [];
  for (const { clock } of days) {
    const taken = new Array<boolean>(halfHours).fill(false);
    const want = Math.round(share * halfHours);
    let have = 0;
    for (let tries = 0; have < want && tries < 40; tries++) {
      const len = rand() < 0.6 ? 2 : rand() < 0.5 ? 3 : 4;
      const at = Math.floor(rand() * (halfHours - len + 1));
      if (taken.slice(at, at + len).some(Boolean)) continue;
      taken.fill(true, at, at + len);
      have += len;
      const start = SCHOOL_OPEN + at * 30;
      out.push({ start: toIsoInstant(clock(start)), end: toIsoInstant(clock(start + len * 30)) });
    }
  }
  // Calendars list events in their own order, not always by time.
  return out.reverse();
}

function cadenceFor(rand: () => number): Cadence {
  const r = rand();
  if (r < 0.7) return { kind: 'half-termly' };
  if (r < 0.8) return { kind: 'termly' };
  if (r < 0.9) return { kind: 'monthly' };
  return { kind: 'every-n-weeks', weeks: 6 };
}

/**
 * The trust's arrangements as plan requests: schools of 50 arrangements, each a supervisee with one of
 * the school's three supervisors (round robin), so supervisors' busy times are shared across requests.
 */
export function buildTrustPlanRequests(n: number, wc: WorkingCalendar, seed = 2026): PlanRequest[] {
  const rand = prng(seed);
  const year = wc.calendar.years.find((y) => y.label === YEAR);
  const start = year?.halfTerms[0]?.start;
  const end = year?.halfTerms[5]?.end;
  if (!start || !end) throw new Error(`The calendar has no ${YEAR}`);
  const days = workingDaysIn(wc, start, end).map((date) => ({ date, clock: londonDayClock(date) }));
  const people = new Map<string, ParticipantBusy>();
  const person = (id: string): ParticipantBusy => {
    let p = people.get(id);
    if (!p) {
      // Through JSON, as busy times arrive from a free/busy lookup (flat strings, not built-up ones).
      p = JSON.parse(JSON.stringify({ participantId: id, busy: personBusy(days, rand) })) as ParticipantBusy;
      people.set(id, p);
    }
    return p;
  };
  const requests: PlanRequest[] = [];
  for (let k = 0; k < n; k++) {
    const school = Math.floor(k / ARRANGEMENTS_PER_SCHOOL);
    const supervisor = person(`s${school}-supervisor-${k % SUPERVISORS_PER_SCHOOL}`);
    const supervisee = person(`s${school}-supervisee-${k % ARRANGEMENTS_PER_SCHOOL}`);
    const r = rand();
    requests.push({
      calendar: wc,
      yearLabel: YEAR,
      cadence: cadenceFor(rand),
      durationMinutes: rand() < 0.75 ? 60 : 120,
      maxGapMonths: 3,
      participants: [supervisor, supervisee],
      // Some arrangements have wishes: a weekday, afternoons, a week of the half term.
      preferences:
        r < 0.2
          ? { days: [1 + Math.floor(rand() * 5)] }
          : r < 0.3
            ? { times: [{ from: '13:00', to: '16:30' }], weekOfHalfTerm: 2 }
            : r < 0.35
              ? { avoidFirstDays: 3, avoidLastDays: 3 }
              : {},
      previousSessionDate: rand() < 0.8 ? `2026-0${6 + Math.floor(rand() * 2)}-1${Math.floor(rand() * 10)}` : undefined,
      now: '2026-07-20T09:00:00Z',
    });
  }
  return requests;
}

export function measureTrustPreview(n = 2000): TrustPreviewReport {
  const wc = makeWorkingCalendar(defaultEnglandCalendar());
  const requests = buildTrustPlanRequests(n, wc);
  const started = performance.now();
  const plans: PlannedSession[][] = requests.map((req) => planSessions(req));
  const totalMs = performance.now() - started;
  const perPlanMs = totalMs / n;
  const sessions = plans.flat();
  const planned = sessions.filter((s) => s.outcome === 'planned').length;
  const report = { arrangements: n, totalMs, perPlanMs, targetMs: TRUST_PREVIEW_TARGET_MS, ok: totalMs <= TRUST_PREVIEW_TARGET_MS };
  console.log(`Trust-wide planning preview (${YEAR})`);
  console.log(`  ${n} arrangements planned:    ${totalMs.toFixed(0)} ms (target <= ${TRUST_PREVIEW_TARGET_MS} ms, ratio ${(totalMs / TRUST_PREVIEW_TARGET_MS).toFixed(2)})`);
  console.log(`  per plan:                     ${perPlanMs.toFixed(2)} ms`);
  console.log(`  sessions:                     ${planned} planned, ${sessions.length - planned} without a slot\n`);
  return report;
}
