// The booking preview's pure core for a whole trust: 2,000 arrangements planned together with
// planBooking (each proposed session makes its people busy for the next), on one WorkingCalendar.
import { performance } from 'node:perf_hooks';
import type { Arrangement } from '../src/shared/arrangements/arrangement.js';
import { planBooking } from '../src/shared/booking/plan-booking.js';
import { defaultEnglandCalendar, londonDayClock, makeWorkingCalendar, toIsoInstant, workingDaysIn } from '../src/shared/calendar/index.js';
import type { Interval } from '../src/shared/scheduling/intervals.js';
import { buildTrust } from './trust.js';

export const TRUST_PREVIEW_TARGET_MS = 3000;
const YEAR = '2027/28';

/** mulberry32: seeded, the same on every machine. */
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

export function measurePreviewTrust(schools = 40, perSchool = 50): { arrangements: number; totalMs: number; ok: boolean } {
  const wc = makeWorkingCalendar(defaultEnglandCalendar());
  const year = wc.calendar.years.find((y) => y.label === YEAR);
  if (!year) throw new Error(`the default calendar has no ${YEAR}`);
  const days = workingDaysIn(wc, year.halfTerms[0]?.start as string, year.halfTerms[5]?.end as string).map((d) => londonDayClock(d));
  const rand = prng(2026);
  const trust = buildTrust(schools);
  const busy = new Map<string, Interval[]>();
  // Each person is in meetings or teaching for one or two hours on about two days in five.
  for (const u of trust.users) {
    const list: Interval[] = [];
    for (const clock of days) {
      if (rand() > 0.4) continue;
      const start = 8 * 60 + 30 + Math.floor(rand() * 14) * 30;
      list.push({ start: toIsoInstant(clock(start)), end: toIsoInstant(clock(start + (rand() < 0.5 ? 60 : 120))) });
    }
    busy.set(u.id, list);
  }
  const arrangements: Arrangement[] = trust.schools.flatMap((school, s) =>
    school.supervisees.slice(0, perSchool).map((p, k): Arrangement => {
      const sup = school.supervisors[k % school.supervisors.length] as (typeof school.supervisors)[number];
      return {
        id: `bench-${String(s).padStart(2, '0')}-${String(k).padStart(3, '0')}`,
        supervisor: { id: sup.id, displayName: sup.displayName, mail: sup.mail, role: k % 3 === 0 ? 'dsl' : 'deputy-dsl' },
        supervisees: [{ id: p.id, displayName: p.displayName, mail: p.mail, role: 'teaching-assistant' }],
        format: 'individual',
        cadence: k % 10 === 0 ? { kind: 'termly' } : k % 10 === 1 ? { kind: 'monthly' } : { kind: 'half-termly' },
        durationMinutes: k % 7 === 0 ? 120 : 60,
        maxGapMonths: 3,
        organiser: 'supervisor',
        teamsMeeting: false,
        preferences: {},
        status: 'active',
        startDate: '2027-06-01',
      };
    }),
  );
  const t = performance.now();
  const plan = planBooking({ calendar: wc, academicYear: YEAR, arrangements, busy, existing: [], now: '2027-07-01T09:00:00Z' });
  const totalMs = performance.now() - t;
  const proposed = plan.arrangements.flatMap((a) => a.sessions).filter((x) => x.status === 'proposed').length;
  const ok = totalMs <= TRUST_PREVIEW_TARGET_MS;
  console.log('Trust-wide booking preview (planBooking, pure)');
  console.log(`  ${arrangements.length} arrangements, ${trust.users.length} staff, ${proposed} sessions proposed for ${YEAR}`);
  console.log(
    `  ${(totalMs / 1000).toFixed(2)} s (target <= ${TRUST_PREVIEW_TARGET_MS / 1000} s, ratio ${(totalMs / TRUST_PREVIEW_TARGET_MS).toFixed(2)}); ${(totalMs / arrangements.length).toFixed(2)} ms per arrangement\n`,
  );
  return { arrangements: arrangements.length, totalMs, ok };
}
