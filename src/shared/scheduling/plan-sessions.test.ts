import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testCalendar } from '../calendar/test-fixtures.js';
import { dayKind, isPlannableDay, makeWorkingCalendar } from '../calendar/working-calendar.js';
import { validateSchoolCalendar } from '../calendar/validate-calendar.js';
import { addDays, addMonths, daysBetween, eachDay, weekday } from '../calendar/dates.js';
import { londonToInstant, toIsoInstant, instantMs, instantToLondon, londonDayClock, minutesOfDay, timeFromMinutes } from '../calendar/london-time.js';
import { isWorkingDay } from '../calendar/working-calendar.js';
import { InvalidInputError } from '../errors/invalid-input.js';
import { planSessions, type PlanRequest } from './plan-sessions.js';
import { targetWindows } from './target-windows.js';
import { narrowHours, schedulingSettings } from './scheduling-settings.js';
import type { ParticipantBusy } from './intervals.js';
import { clashes, insideHours } from './test-helpers.js';

const wc = makeWorkingCalendar(testCalendar());
const base: PlanRequest = {
  calendar: wc,
  yearLabel: '2025/26',
  cadence: { kind: 'half-termly' },
  durationMinutes: 60,
  maxGapMonths: 3,
  participants: [],
  now: '2025-08-20T09:00:00Z',
};

describe('target windows', () => {
  it('one per half term, per term, per month, per N weeks; none for debriefs', () => {
    expect(targetWindows(wc, '2025/26', { kind: 'half-termly' }).map((w) => [w.label, w.start, w.end])).toEqual([
      ['Autumn 1', '2025-09-01', '2025-10-24'],
      ['Autumn 2', '2025-11-03', '2025-12-19'],
      ['Spring 1', '2026-01-05', '2026-02-13'],
      ['Spring 2', '2026-02-23', '2026-03-27'],
      ['Summer 1', '2026-04-13', '2026-05-22'],
      ['Summer 2', '2026-06-01', '2026-07-22'],
    ]);
    expect(targetWindows(wc, '2025/26', { kind: 'termly' }).map((w) => [w.start, w.end])).toEqual([
      ['2025-09-01', '2025-12-19'],
      ['2026-01-05', '2026-03-27'],
      ['2026-04-13', '2026-07-22'],
    ]);
    const months = targetWindows(wc, '2025/26', { kind: 'monthly' });
    expect(months.map((w) => w.label)).toEqual([
      'September 2025',
      'October 2025',
      'November 2025',
      'December 2025',
      'January 2026',
      'February 2026',
      'March 2026',
      'April 2026',
      'May 2026',
      'June 2026',
      'July 2026',
    ]);
    const sixWeekly = targetWindows(wc, '2025/26', { kind: 'every-n-weeks', weeks: 6 });
    expect(sixWeekly[0]).toMatchObject({ start: '2025-09-01', end: '2025-10-12' });
    expect(sixWeekly.every((w) => daysBetween(w.start, w.end) <= 41)).toBe(true);
    expect(targetWindows(wc, '2025/26', { kind: 'as-required' })).toEqual([]);
  });

  it('says what to do when the year is missing', () => {
    expect(() => targetWindows(wc, '2030/31', { kind: 'termly' })).toThrow('No academic year 2030/31 in the school calendar (it has 2025/26, 2026/27): add it first');
  });
});

describe('planning', () => {
  it('avoids INSET days unless the school allows them', () => {
    const plan = planSessions(base);
    expect(plan).toHaveLength(6);
    const first = plan[0];
    expect(first?.outcome).toBe('planned');
    if (first?.outcome !== 'planned') return;
    expect(first.slot).toMatchObject({ date: '2025-09-03', localStart: '08:30', start: '2025-09-03T07:30:00Z' });
    expect(first.reason).toBe('Wed 2025-09-03 08:30–09:30: the earliest time in Autumn 1 when everyone is free.');

    const allowed = planSessions({ ...base, settings: { allowInsetDays: true } })[0];
    expect(allowed?.outcome === 'planned' && allowed.slot.date).toBe('2025-09-01');
  });

  it('in winter a London time is the same in UTC', () => {
    const spring = planSessions(base)[2];
    expect(spring?.outcome === 'planned' && spring.slot).toMatchObject({ date: '2026-01-06', start: '2026-01-06T08:30:00Z' });
  });

  it('follows preferences: day, time and week of the half term', () => {
    const plan = planSessions({ ...base, preferences: { days: [2], times: [{ from: '14:00', to: '16:00' }], weekOfHalfTerm: 3 } });
    const a1 = plan[0];
    expect(a1?.outcome === 'planned' && a1.slot).toMatchObject({ date: '2025-09-16', localStart: '14:00', start: '2025-09-16T13:00:00Z' });
    expect(a1?.outcome === 'planned' && a1.setAside).toEqual([]);
  });

  it('sets aside the softest preference first, and says so', () => {
    const busy: ParticipantBusy[] = [{ participantId: 'supervisee', busy: [{ start: '2025-09-15T00:00:00Z', end: '2025-09-20T00:00:00Z' }] }];
    const a1 = planSessions({ ...base, participants: busy, preferences: { days: [2], weekOfHalfTerm: 3 } })[0];
    expect(a1?.outcome).toBe('planned');
    if (a1?.outcome !== 'planned') return;
    expect(a1.slot.date).toBe('2025-09-09');
    expect(a1.setAside).toEqual(['week 3 of the half term']);
    expect(a1.reason).toContain('Nothing fitted week 3 of the half term, so that was set aside');
  });

  it('keeps clear of the first and last days when asked', () => {
    const a1 = planSessions({ ...base, preferences: { avoidFirstDays: 5 } })[0];
    // Working days of Autumn 1: 1, 2 (INSET), 3, 4, 5 Sept → the 6th is Mon 8 Sept.
    expect(a1?.outcome === 'planned' && a1.slot.date).toBe('2025-09-08');
  });

  it('keeps within the maximum gap from the previous session when it can, and says when it cannot', () => {
    const a1 = planSessions({ ...base, previousSessionDate: '2025-06-02', settings: { allowInsetDays: true } })[0];
    expect(a1?.outcome === 'planned' && a1.slot.date).toBe('2025-09-01');
    const late = planSessions({ ...base, previousSessionDate: '2025-06-02' })[0];
    expect(late?.outcome === 'planned' && late.setAside).toEqual(['the 3-month maximum gap']);
  });

  it('explains why no slot fits', () => {
    const busy: ParticipantBusy[] = [{ participantId: 'dsl', busy: [{ start: '2025-09-01T00:00:00Z', end: '2025-10-25T00:00:00Z' }] }];
    const a1 = planSessions({ ...base, participants: busy })[0];
    expect(a1?.outcome).toBe('no-slot');
    expect(a1?.reason).toContain('No 60-minute time in Autumn 1 (2025-09-01 to 2025-10-24) between 08:30 and 17:00 when everyone is free');
    expect(a1?.reason).toContain('2 INSET days not used');
    expect(a1?.reason).toContain("clashes with someone's calendar (dsl)");
  });

  it('does not plan in the past', () => {
    const plan = planSessions({ ...base, now: '2026-01-07T12:00:00Z' });
    expect(plan.map((p) => p.outcome)).toEqual(['past', 'past', 'planned', 'planned', 'planned', 'planned']);
    expect(plan[2]?.outcome === 'planned' && plan[2].slot.start).toBe('2026-01-07T12:00:00Z');
  });

  it('a debrief policy plans nothing', () => {
    expect(planSessions({ ...base, cadence: { kind: 'as-required' } })).toEqual([]);
  });

  it('refuses a session length that is zero, negative or not a whole number of minutes', () => {
    for (const durationMinutes of [0, -30, 22.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const attempt = () => planSessions({ ...base, durationMinutes });
      expect(attempt).toThrow(InvalidInputError);
      expect(attempt).toThrow(expect.objectContaining({ field: 'durationMinutes' }));
      expect(attempt).toThrow(`A session must last a whole number of minutes, more than zero (got ${durationMinutes})`);
    }
    expect(planSessions({ ...base, durationMinutes: 1 })[0]?.outcome).toBe('planned');
  });
});

// Busy blocks anywhere in the year, on the quarter hour.
const FIRST = instantMs('2025-09-01T00:00:00Z');
const arbBusy = fc
  .array(
    fc.record({
      who: fc.constantFrom('supervisor', 'supervisee-1', 'supervisee-2'),
      at: fc.integer({ min: 0, max: 330 * 96 }),
      quarters: fc.integer({ min: 1, max: 96 * 3 }),
    }),
    { maxLength: 60 },
  )
  .map((blocks) => {
    const byWho = new Map<string, { start: string; end: string }[]>();
    for (const b of blocks) {
      const start = FIRST + b.at * 15 * 60_000;
      byWho.set(b.who, [...(byWho.get(b.who) ?? []), { start: toIsoInstant(start), end: toIsoInstant(start + b.quarters * 15 * 60_000) }]);
    }
    return [...byWho].map(([participantId, busy]) => ({ participantId, busy }));
  });

const arbRequest = fc.record({
  busy: arbBusy,
  cadence: fc.constantFrom({ kind: 'half-termly' as const }, { kind: 'termly' as const }, { kind: 'monthly' as const }, { kind: 'every-n-weeks' as const, weeks: 6 }),
  duration: fc.constantFrom(30, 60, 120),
  allowInsetDays: fc.boolean(),
  days: fc.option(fc.subarray([1, 2, 3, 4, 5], { minLength: 1 }), { nil: undefined }),
  week: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
  avoidFirstDays: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
  nowOffsetDays: fc.integer({ min: 0, max: 200 }),
  // The school's hours, the arrangement's own (part-time) hours and preferred times, on the half hour.
  schoolHours: fc.record({ start: fc.integer({ min: 14, max: 20 }), end: fc.integer({ min: 30, max: 36 }) }),
  ownHours: fc.option(fc.record({ start: fc.integer({ min: 12, max: 26 }), len: fc.integer({ min: 4, max: 16 }) }), { nil: undefined }),
  times: fc.option(fc.array(fc.record({ from: fc.integer({ min: 16, max: 30 }), len: fc.integer({ min: 2, max: 8 }) }), { minLength: 1, maxLength: 2 }), { nil: undefined }),
  // Extra closure and INSET days: indexes into the school days of 2025/26.
  closures: fc.uniqueArray(fc.integer({ min: 0, max: 180 }), { maxLength: 12 }),
  insets: fc.uniqueArray(fc.integer({ min: 0, max: 180 }), { maxLength: 8 }),
});

const halfHour = (n: number) => `${String(Math.floor(n / 2)).padStart(2, '0')}:${n % 2 ? '30' : '00'}`;
const schoolDays2025 = (() => {
  const out: string[] = [];
  for (let d = '2025-09-01'; d <= '2026-07-22'; d = addDays(d, 1)) if (dayKind(wc, d).kind === 'term') out.push(d);
  return out;
})();

/** The test calendar with extra closure and INSET days on school days (never both on one day). */
function calendarWith(closures: number[], insets: number[]) {
  const cal = testCalendar();
  const year = cal.years[0];
  if (!year) throw new Error('no year');
  const taken = new Set(year.closureDays.map((c) => c.date));
  for (const i of closures) {
    const d = schoolDays2025[i];
    if (d && !taken.has(d)) {
      year.closureDays.push({ date: d, reason: 'Closure' });
      taken.add(d);
    }
  }
  for (const i of insets) {
    const d = schoolDays2025[i];
    if (d && !taken.has(d)) {
      year.insetDays.push({ date: d });
      taken.add(d);
    }
  }
  expect(validateSchoolCalendar(cal).ok).toBe(true);
  return makeWorkingCalendar(cal);
}

describe('planning properties', () => {
  it('no planned slot falls outside working hours (the school’s, narrowed by the arrangement’s), on a closure day, in a holiday, on an INSET day unless allowed, or on anyone’s busy time; same inputs → same plan', () => {
    fc.assert(
      fc.property(arbRequest, (r) => {
        const cal = calendarWith(r.closures, r.insets);
        const school = { start: halfHour(r.schoolHours.start), end: halfHour(r.schoolHours.end) };
        const own = r.ownHours ? { start: halfHour(r.ownHours.start), end: halfHour(Math.min(47, r.ownHours.start + r.ownHours.len)) } : undefined;
        const req: PlanRequest = {
          ...base,
          calendar: cal,
          cadence: r.cadence,
          durationMinutes: r.duration,
          participants: r.busy,
          preferences: {
            days: r.days,
            weekOfHalfTerm: r.week,
            avoidFirstDays: r.avoidFirstDays,
            workingHours: own,
            times: r.times?.map((t) => ({ from: halfHour(t.from), to: halfHour(t.from + t.len) })),
          },
          settings: { allowInsetDays: r.allowInsetDays, workingHours: school },
          now: londonToInstant(addDays('2025-08-20', r.nowOffsetDays), '10:07'),
        };
        const plan = planSessions(req);
        const hours = narrowHours(school, own);
        for (const p of plan) {
          if (p.outcome !== 'planned') continue;
          const kind = dayKind(cal, p.slot.date).kind;
          expect(kind === 'term' || (kind === 'inset' && r.allowInsetDays)).toBe(true);
          expect(isPlannableDay(cal, p.slot.date, r.allowInsetDays)).toBe(true);
          expect(cal.closures.has(p.slot.date)).toBe(false);
          expect(hours !== undefined && insideHours(p.slot, hours)).toBe(true);
          expect(insideHours(p.slot, school)).toBe(true);
          expect(p.slot.date >= p.window.start && p.slot.date <= p.window.end).toBe(true);
          expect(clashes(p.slot, r.busy)).toBe(false);
          expect(instantMs(p.slot.start) >= instantMs(req.now)).toBe(true);
          expect(instantMs(p.slot.end) - instantMs(p.slot.start)).toBe(r.duration * 60_000);
        }
        // Deterministic, and blind to the order calendars list busy times in.
        const reordered = { ...req, participants: [...r.busy].reverse().map((p) => ({ ...p, busy: [...p.busy].reverse() })) };
        expect(planSessions(structuredClone(req))).toEqual(plan);
        expect(planSessions(reordered)).toEqual(plan);
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});

// seed 000 "Key Functions" (minimum every three months); seed 003 §C (never less than three-monthly).
describe('the maximum gap looks ahead', () => {
  const planYears = (req: Omit<PlanRequest, 'yearLabel'>) => {
    const first = planSessions({ ...req, yearLabel: '2025/26' });
    const lastDate = [...first].reverse().find((p) => p.outcome === 'planned');
    const second = planSessions({
      ...req,
      yearLabel: '2026/27',
      previousSessionDate: lastDate?.outcome === 'planned' ? lastDate.slot.date : req.previousSessionDate,
    });
    return [...first, ...second].flatMap((p) => (p.outcome === 'planned' ? [p.slot.date] : []));
  };
  const breaches = (dates: string[], months: number) => dates.slice(1).filter((d, i) => d > addMonths(dates[i] as string, months)).length;

  it('half-termly: Summer 2 is planned late enough for Autumn 1 of the next year', () => {
    const dates = planYears({ ...base });
    expect(dates).toHaveLength(12);
    expect(breaches(dates, 3)).toBe(0);
    const summer2 = planSessions(base)[5];
    expect(summer2?.outcome === 'planned' && summer2.slot.date).toBe('2026-06-03');
    expect(summer2?.outcome === 'planned' && summer2.reason).toContain('from 2026-06-03 (so that the next session, in Autumn 1, can be within 3 months)');
  });

  it('termly: no gap inside a year exceeds 3 months, and only one gap a year can (3 sessions cannot cover 12 months)', () => {
    const plan = planSessions({ ...base, cadence: { kind: 'termly' } });
    const dates = plan.flatMap((p) => (p.outcome === 'planned' ? [p.slot.date] : []));
    expect(dates).toHaveLength(3);
    expect(breaches(dates, 3)).toBe(0);
    expect(breaches(planYears({ ...base, cadence: { kind: 'termly' } }), 3)).toBe(minimumBreaches('termly', 3));
  });

  it('sets the gap aside first when nothing can keep it, and keeps every preference', () => {
    const prefs = { days: [2], times: [{ from: '14:00', to: '16:00' }], weekOfHalfTerm: 3 };
    const a1 = planSessions({ ...base, previousSessionDate: '2025-05-01', preferences: prefs })[0];
    expect(a1?.outcome).toBe('planned');
    if (a1?.outcome !== 'planned') return;
    expect(a1.setAside).toEqual(['the 3-month maximum gap']);
    expect(a1.slot).toMatchObject({ date: '2025-09-16', localStart: '14:00' });
    expect(a1.reason).toContain(
      'No time when everyone is free in Autumn 1 is within 3 months of the previous session (2025-05-01, so by 2025-08-01), so the 3-month maximum gap was set aside',
    );
  });

  it('sets preferences aside before the gap when the gap can be kept', () => {
    // The previous session leaves only the first week of Autumn 1 inside 3 months; Tuesday of week 3 is too late.
    const a1 = planSessions({ ...base, previousSessionDate: '2025-06-05', preferences: { days: [2], weekOfHalfTerm: 3 } })[0];
    expect(a1?.outcome === 'planned' && a1.slot.date).toBe('2025-09-03');
    expect(a1?.outcome === 'planned' && a1.setAside).toEqual(['week 3 of the half term', 'preferred days (Tue)']);
  });

  it('property: over two years, no more gaps exceed the maximum than must, whatever the preferences', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('half-termly' as const, 'termly' as const),
        fc.option(fc.subarray([1, 2, 3, 4, 5], { minLength: 1 }), { nil: undefined }),
        fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
        fc.constantFrom(2, 3, 4),
        fc.boolean(),
        (kind, days, week, avoidFirstDays, avoidLastDays, maxGapMonths, allowInsetDays) => {
          const dates = planYears({
            ...base,
            cadence: { kind },
            maxGapMonths,
            preferences: { days, weekOfHalfTerm: week, avoidFirstDays, avoidLastDays },
            settings: { allowInsetDays },
          });
          expect(breaches(dates, maxGapMonths)).toBe(minimumBreaches(kind, maxGapMonths, allowInsetDays));
          if (kind === 'half-termly' && maxGapMonths >= 3) expect(breaches(dates, maxGapMonths)).toBe(0);
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);
});

/** Independent oracle: fewest gaps over `months` across both years, one session per window on any plannable day. */
function minimumBreaches(kind: 'half-termly' | 'termly', months: number, allowInsetDays = false): number {
  const windows = ['2025/26', '2026/27'].flatMap((y) => targetWindows(wc, y, { kind }));
  let best = new Map<string, number>();
  windows.forEach((w, i) => {
    const days: string[] = [];
    for (let d = w.start; d <= w.end; d = addDays(d, 1)) if (isPlannableDay(wc, d, allowInsetDays)) days.push(d);
    const next = new Map<string, number>();
    for (const d of days) {
      if (i === 0) next.set(d, 0);
      else next.set(d, Math.min(...[...best].map(([p, n]) => n + (d > addMonths(p, months) ? 1 : 0))));
    }
    best = next;
  });
  return Math.min(...best.values());
}

type Pref = 'week' | 'days' | 'times' | 'edges';

/**
 * The planner's rules applied the plain way, every slot of every plannable day checked against every
 * busy block: a reference for the planner's shortcuts. Gives each window's outcome, slot and what was
 * set aside ('gap' or a preference).
 */
function referencePlan(req: PlanRequest) {
  const { calendar: cal, maxGapMonths: months, durationMinutes: dur } = req;
  const settings = schedulingSettings(req.settings);
  const prefs = req.preferences ?? {};
  const hours = narrowHours(settings.workingHours, prefs.workingHours);
  const step = settings.slotStepMinutes;
  const nowMs = instantMs(req.now);
  const today = instantToLondon(req.now).date;
  const blocks = req.participants.flatMap((p) => p.busy.map((b) => [instantMs(b.start), instantMs(b.end)] as const));
  const slotsOn = (date: string) => {
    const clock = londonDayClock(date);
    const out: { m: number; s: number }[] = [];
    if (!hours) return out;
    for (let m = Math.ceil(minutesOfDay(hours.start) / step) * step; m + dur <= minutesOfDay(hours.end); m += step) {
      const s = clock(m);
      if (s >= nowMs && !blocks.some(([a, b]) => b > a && a < s + dur * 60_000 && b > s)) out.push({ m, s });
    }
    return out;
  };
  const labels = cal.calendar.years.map((y) => y.label);
  const following = labels[labels.indexOf(req.yearLabel) + 1];
  const windows = [req.yearLabel, ...(following ? [following] : [])].flatMap((label, y) =>
    targetWindows(cal, label, req.cadence).map((w) => {
      const working = eachDay(w.start, w.end).filter((d) => isWorkingDay(cal, d));
      const monday = addDays(w.start, 1 - weekday(w.start));
      const edge = (d: string) => working.indexOf(d) < (prefs.avoidFirstDays ?? 0) || working.indexOf(d) >= working.length - (prefs.avoidLastDays ?? 0);
      const free = (w.end < today ? [] : working)
        .filter((d) => d >= today && isPlannableDay(cal, d, settings.allowInsetDays))
        .map((date) => ({ date, week: Math.floor(daysBetween(monday, date) / 7) + 1, edge: edge(date), slots: slotsOn(date) }))
        .filter((d) => d.slots.length > 0);
      return { w, y, past: w.end < today, free };
    }),
  );
  // Fewest breaches from each free day to the end, one session per window that has a free day.
  const ahead = new Map<string, number>();
  let next: { date: string; h: number }[] | undefined;
  let nextYear = 0;
  for (const x of [...windows].reverse()) {
    if (!x.free.length) continue;
    const penalty = 1000 + (x.y === nextYear ? 1 : 0);
    const here = x.free.map((d) => ({ date: d.date, h: next ? Math.min(...next.map((n) => n.h + (n.date > addMonths(d.date, months) ? penalty : 0))) : 0 }));
    for (const h of here) ahead.set(h.date, h.h);
    [next, nextYear] = [here, x.y];
  }
  const active: Record<Pref, boolean> = {
    week: prefs.weekOfHalfTerm !== undefined,
    days: (prefs.days?.length ?? 0) > 0,
    times: (prefs.times?.length ?? 0) > 0,
    edges: (prefs.avoidFirstDays ?? 0) > 0 || (prefs.avoidLastDays ?? 0) > 0,
  };
  let previous = req.previousSessionDate;
  let previousThisYear = false;
  return windows
    .filter((x) => x.y === 0)
    .map(({ w, past, free }) => {
      if (past || !free.length) return { outcome: past ? 'past' : 'no-slot', id: w.id };
      const limit = previous ? addMonths(previous, months) : undefined;
      const late = (d: string) => limit !== undefined && d > limit;
      const cost = (d: (typeof free)[number]) => (late(d.date) ? 1000 + (previousThisYear ? 1 : 0) : 0) + (ahead.get(d.date) ?? 0);
      const best = Math.min(...free.map(cost));
      let allowed = free.filter((d) => cost(d) === best);
      if (allowed.some((d) => !late(d.date))) allowed = allowed.filter((d) => !late(d.date));
      const kept = (['week', 'days', 'times', 'edges'] as const).filter((c) => active[c]);
      const meets = (d: (typeof free)[number], m: number) =>
        (!kept.includes('week') || d.week === prefs.weekOfHalfTerm) &&
        (!kept.includes('days') || (prefs.days ?? []).includes(weekday(d.date))) &&
        (!kept.includes('times') || (prefs.times ?? []).some((t) => minutesOfDay(t.from) <= m && m + dur <= minutesOfDay(t.to))) &&
        (!kept.includes('edges') || !d.edge);
      const relaxed: Pref[] = [];
      for (;;) {
        const hit = allowed.flatMap((d) => d.slots.filter((s) => meets(d, s.m)).map((s) => ({ d, s })))[0];
        if (hit) {
          previous = hit.d.date;
          previousThisYear = true;
          const slot = {
            start: toIsoInstant(hit.s.s),
            end: toIsoInstant(hit.s.s + dur * 60_000),
            date: hit.d.date,
            localStart: timeFromMinutes(hit.s.m),
            localEnd: timeFromMinutes(hit.s.m + dur),
          };
          return { outcome: 'planned', id: w.id, slot, setAside: [...(limit && allowed.every((d) => late(d.date)) ? ['gap'] : []), ...relaxed] };
        }
        relaxed.push(kept.shift() as Pref);
      }
    });
}

const setAsideKey = (text: string) =>
  text.endsWith('maximum gap') ? 'gap' : text.startsWith('week') ? 'week' : text.startsWith('preferred days') ? 'days' : text.startsWith('preferred times') ? 'times' : 'edges';

describe('the planner and a plain reference agree', () => {
  it('property: the same outcome, slot and set-aside wishes in every window, whatever the busy times, cadence, wishes, hours, calendar, gap and now', () => {
    const arb = fc.record({
      r: arbRequest,
      year: fc.constantFrom('2025/26', '2025/26', '2026/27'),
      maxGapMonths: fc.integer({ min: 1, max: 4 }),
      previous: fc.option(fc.integer({ min: -120, max: 200 }), { nil: undefined }),
      avoidLastDays: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
      step: fc.constantFrom(5, 15, 30),
    });
    fc.assert(
      fc.property(arb, ({ r, year, maxGapMonths, previous, avoidLastDays, step }) => {
        const school = { start: halfHour(r.schoolHours.start), end: halfHour(r.schoolHours.end) };
        const req: PlanRequest = {
          ...base,
          calendar: calendarWith(r.closures, r.insets),
          yearLabel: year,
          cadence: r.cadence,
          durationMinutes: r.duration,
          maxGapMonths,
          participants: r.busy,
          preferences: {
            days: r.days,
            weekOfHalfTerm: r.week,
            avoidFirstDays: r.avoidFirstDays,
            avoidLastDays,
            workingHours: r.ownHours ? { start: halfHour(r.ownHours.start), end: halfHour(Math.min(47, r.ownHours.start + r.ownHours.len)) } : undefined,
            times: r.times?.map((t) => ({ from: halfHour(t.from), to: halfHour(t.from + t.len) })),
          },
          settings: { allowInsetDays: r.allowInsetDays, workingHours: school, slotStepMinutes: step },
          previousSessionDate: previous === undefined ? undefined : addDays('2025-09-01', previous),
          now: londonToInstant(addDays('2025-08-20', r.nowOffsetDays), '10:07'),
        };
        const plan = planSessions(req).map((p) => ({
          outcome: p.outcome,
          id: p.window.id,
          ...(p.outcome === 'planned' ? { slot: p.slot, setAside: p.setAside.map(setAsideKey) } : {}),
        }));
        expect(plan).toEqual(referencePlan(req));
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});

// seed 000 "Key Functions"; seed 003 §C: sessions already held or booked are fixed points for the gap.
describe('sessions already booked', () => {
  it('a booked window is not planned again, and the window before it is planned so that the booked date is within the gap', () => {
    const plan = planSessions({ ...base, maxGapMonths: 2, booked: [{ academicYear: '2025/26', windowId: '2025/26:spring1', date: '2026-02-13' }] });
    expect(plan[2]).toMatchObject({ outcome: 'booked', date: '2026-02-13' });
    // 2 months before Fri 13 Feb 2026 is Sat 13 Dec 2025: Autumn 2 is on Mon 15 Dec at the earliest.
    expect(plan[1]?.outcome === 'planned' && plan[1].slot.date).toBe('2025-12-15');
    expect(plan[1]?.reason).toContain('so that the next session, in Spring 1, can be within 2 months');
  });

  it('the gap after a booked window runs from its booked date', () => {
    const plan = planSessions({ ...base, preferences: { weekOfHalfTerm: 6 }, booked: [{ academicYear: '2025/26', windowId: '2025/26:autumn2', date: '2025-11-04' }] });
    expect(plan[1]).toMatchObject({ outcome: 'booked', date: '2025-11-04' });
    const spring1 = plan[2];
    expect(spring1?.outcome === 'planned' && spring1.slot.date <= '2026-02-04').toBe(true);
    expect(spring1?.outcome === 'planned' && spring1.setAside).toEqual(['week 6 of the half term']);
  });

  it('a session held earlier in the year counts, even when its window has passed', () => {
    const plan = planSessions({
      ...base,
      preferences: { weekOfHalfTerm: 6 },
      booked: [
        { academicYear: '2025/26', windowId: '2025/26:autumn1', date: '2025-10-01' },
        { academicYear: '2025/26', windowId: '2025/26:autumn2', date: '2025-11-04' },
      ],
      now: '2026-01-06T07:00:00Z',
    });
    expect(plan.map((p) => p.outcome)).toEqual(['booked', 'booked', 'planned', 'planned', 'planned', 'planned']);
    expect(plan[2]?.outcome === 'planned' && plan[2].slot.date <= '2026-02-04').toBe(true);
  });

  it('a session with no window in this plan counts from its date (the latest before the window)', () => {
    // Held on 3 Jul 2025 (last year): Autumn 1 is within 3 months of it, not of 2 Jun.
    const plan = planSessions({ ...base, previousSessionDate: '2025-06-02', booked: [{ academicYear: '2024/25', windowId: '2024/25:summer2', date: '2025-07-03' }] });
    expect(plan[0]?.outcome === 'planned' && plan[0].setAside).toEqual([]);
    expect(plan[0]?.reason).toContain('within 3 months of the previous session (by 2025-10-03)');
  });
});

describe('bad input is refused, not rolled over', () => {
  it('a date that does not exist, or a maximum gap that is not a whole number of months', () => {
    expect(() => planSessions({ ...base, previousSessionDate: '2025-06-31' })).toThrow(expect.objectContaining({ field: 'previousSessionDate' }));
    expect(() => planSessions({ ...base, booked: [{ academicYear: '2025/26', windowId: '2025/26:autumn1', date: '2025-09-31' }] })).toThrow(
      expect.objectContaining({ field: 'booked[0].date' }),
    );
    for (const maxGapMonths of [0, 1.5, -3, Number.NaN]) {
      expect(() => planSessions({ ...base, maxGapMonths })).toThrow(InvalidInputError);
      expect(() => planSessions({ ...base, maxGapMonths })).toThrow(expect.objectContaining({ field: 'maxGapMonths' }));
    }
  });

  it('the arrangement’s working hours ending before they start', () => {
    expect(() => planSessions({ ...base, preferences: { workingHours: { start: '15:00', end: '09:00' } } })).toThrow(
      expect.objectContaining({ field: 'preferences.workingHours' }),
    );
  });

  it('says plainly when the arrangement’s hours do not overlap the school’s, or are shorter than the session', () => {
    const apart = planSessions({ ...base, preferences: { workingHours: { start: '17:30', end: '19:00' } }, now: '2025-11-01T09:00:00Z' });
    expect(apart.map((p) => p.outcome)).toEqual(['past', 'no-slot', 'no-slot', 'no-slot', 'no-slot', 'no-slot']);
    expect(apart[1]?.reason).toBe(
      "No time in Autumn 2 (2025-11-03 to 2025-12-19): the arrangement's working hours (17:30–19:00) do not overlap the school's (08:30–17:00). Change the arrangement's working hours.",
    );
    const short = planSessions({ ...base, preferences: { workingHours: { start: '16:30', end: '17:00' } } })[0];
    expect(short?.outcome).toBe('no-slot');
    expect(short?.reason).toContain('the working hours (16:30–17:00) are shorter than the 60-minute session');
  });
});
