import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testCalendar } from '../calendar/test-fixtures.js';
import { isPlannableDay, makeWorkingCalendar } from '../calendar/working-calendar.js';
import { addMonths, eachDay, type IsoDate } from '../calendar/dates.js';
import { addMinutes, londonToInstant } from '../calendar/london-time.js';
import { targetWindows, type TargetWindow } from '../scheduling/target-windows.js';
import type { ParticipantBusy } from '../scheduling/intervals.js';
import { checkMove } from './check-move.js';

const wc = makeWorkingCalendar(testCalendar());
const windows = targetWindows(wc, '2026/27', { kind: 'half-termly' });
const windowNamed = (label: string, year = windows): TargetWindow => {
  const w = year.find((x) => x.label === label);
  if (!w) throw new Error(`no window ${label}`);
  return w;
};
// Spring 1 2026/27: Mon 4 Jan (INSET) to Fri 12 Feb 2027. Summer 1: 12 Apr to 28 May 2027 (Early May bank holiday 3 May).
const SPRING1 = windowNamed('Spring 1');
const SUMMER1 = windowNamed('Summer 1');
const NOW = '2026-12-03T09:00:00Z';

const at = (date: string, time: string) => londonToInstant(date, time);
const move = (over: Partial<Parameters<typeof checkMove>[0]> & { start: string }) =>
  checkMove({ calendar: wc, window: SPRING1, durationMinutes: 60, participants: [], gap: { maxGapMonths: 3, others: [] }, now: NOW, ...over });

describe('checkMove', () => {
  it('accepts a school day inside the window, in hours, on the grid, in the future, when everyone is free', () => {
    const start = at('2027-01-13', '10:00');
    const v = move({
      start,
      participants: [
        { participantId: 'a', busy: [{ start: at('2027-01-13', '09:00'), end: start }] },
        { participantId: 'b', busy: [{ start: addMinutes(start, 60), end: addMinutes(start, 120) }] },
      ],
    });
    expect(v).toEqual({ ok: true, start, end: addMinutes(start, 60), reason: expect.stringContaining('moved by you; inside Spring 1') });
    expect(start).toBe('2027-01-13T10:00:00Z');
  });

  it('keeps London wall time in summer (BST): 10:00 London is 09:00Z', () => {
    const v = move({ window: SUMMER1, start: '2027-05-12T09:00:00Z' });
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.reason).toContain('10:00–11:00');
  });

  it('refuses a day outside the window', () => {
    const v = move({ start: at('2027-02-22', '10:00') });
    expect(v).toEqual({ ok: false, message: expect.stringMatching(/is outside Spring 1 \(2027-01-04 to 2027-02-12\): choose a day in that window/) });
    expect(move({ start: at('2027-01-03', '10:00') }).ok).toBe(false);
  });

  it('refuses a weekend', () => {
    const v = move({ start: at('2027-01-16', '10:00') });
    expect(v).toEqual({ ok: false, message: expect.stringMatching(/is a weekend: choose a school day/) });
  });

  it('refuses a bank holiday', () => {
    const v = move({ window: SUMMER1, start: at('2027-05-03', '10:00') });
    expect(v).toEqual({ ok: false, message: expect.stringMatching(/is a bank holiday \(Early May bank holiday\): choose a school day/) });
  });

  it('refuses a closure day', () => {
    const summer1OfLastYear = windowNamed('Summer 1', targetWindows(wc, '2025/26', { kind: 'half-termly' }));
    const v = move({ window: summer1OfLastYear, start: at('2026-05-07', '10:00'), now: '2026-01-01T00:00:00Z' });
    expect(v).toEqual({ ok: false, message: expect.stringMatching(/a closure day \(Polling day\)/) });
  });

  it('refuses an INSET day unless the school allows them', () => {
    const start = at('2027-01-04', '10:00');
    expect(move({ start })).toEqual({ ok: false, message: expect.stringMatching(/is an INSET day in Spring 1: choose a school day/) });
    expect(move({ start, settings: { allowInsetDays: true } }).ok).toBe(true);
  });

  it('refuses times outside working hours, the arrangement’s narrower hours included', () => {
    expect(move({ start: at('2027-01-13', '08:00') })).toEqual({ ok: false, message: expect.stringMatching(/outside working hours \(08:30–17:00\)/) });
    // Starts in hours, ends after 17:00.
    expect(move({ start: at('2027-01-13', '16:30') })).toEqual({ ok: false, message: expect.stringMatching(/16:30–17:30 is outside working hours/) });
    expect(move({ start: at('2027-01-13', '16:00') }).ok).toBe(true);
    // A part-time supervisee's hours narrow the school's.
    expect(move({ start: at('2027-01-13', '13:00'), preferences: { workingHours: { start: '09:00', end: '12:30' } } })).toEqual({
      ok: false,
      message: expect.stringMatching(/outside working hours \(09:00–12:30\)/),
    });
    // The school's own hours.
    expect(move({ start: at('2027-01-13', '16:00'), settings: { workingHours: { start: '08:00', end: '16:00' } } }).ok).toBe(false);
  });

  it('says so when the arrangement’s hours do not overlap the school’s, rather than naming hours that end before they start', () => {
    expect(move({ start: at('2027-01-13', '17:30'), preferences: { workingHours: { start: '17:30', end: '19:00' } } })).toEqual({
      ok: false,
      message: "The arrangement's working hours (17:30–19:00) do not overlap the school's (08:30–17:00): change the arrangement's hours first.",
    });
  });

  it('refuses a start off the slot grid', () => {
    expect(move({ start: at('2027-01-13', '10:07') })).toEqual({ ok: false, message: expect.stringMatching(/15-minute grid/) });
    expect(move({ start: at('2027-01-13', '10:45') }).ok).toBe(true);
    expect(move({ start: at('2027-01-13', '10:10'), settings: { slotStepMinutes: 10 } }).ok).toBe(true);
  });

  it('refuses a time that has passed', () => {
    const v = move({ start: at('2027-01-13', '10:00'), now: '2027-01-13T10:00:01Z' });
    expect(v).toEqual({ ok: false, message: expect.stringMatching(/has already passed/) });
    expect(move({ start: at('2027-01-13', '10:00'), now: '2027-01-13T10:00:00Z' }).ok).toBe(true);
  });

  it('refuses a clash with any participant, saying how many, never who', () => {
    const start = at('2027-01-13', '10:00');
    const busyA: ParticipantBusy = { participantId: 'person-hannah', busy: [{ start: addMinutes(start, 59), end: addMinutes(start, 90) }] };
    const busyB: ParticipantBusy = { participantId: 'b', busy: [{ start: addMinutes(start, -30), end: addMinutes(start, 1) }] };
    const one = move({ start, participants: [busyA, { participantId: 'b', busy: [] }] });
    expect(one).toEqual({ ok: false, message: expect.stringMatching(/clashes with someone's calendar: choose a time when everyone is free/) });
    expect(move({ start, participants: [busyA, busyB] })).toEqual({ ok: false, message: expect.stringMatching(/clashes with 2 people's calendar/) });
    if (!one.ok) expect(one.message).not.toContain('person-hannah');
  });

  it('refuses a time that does not exist, with an example', () => {
    expect(move({ start: '2027-02-30T09:00:00Z' })).toEqual({ ok: false, message: expect.stringMatching(/2027-02-30T09:00:00Z is not a time that exists/) });
    expect(move({ start: 'next Tuesday' }).ok).toBe(false);
  });
});

// seed 000 "Key Functions" (minimum every three months); seed 003 §C (never less than three-monthly).
describe('checkMove keeps the maximum gap between sessions', () => {
  const TERMS = targetWindows(wc, '2026/27', { kind: 'termly' });
  // Spring term 2026/27: 4 Jan (INSET) to 25 Mar 2027; Summer term from 12 Apr.
  const SPRING = windowNamed('Spring term', TERMS);
  const gap = (others: IsoDate[], proposed?: IsoDate, maxGapMonths = 3) => ({ maxGapMonths, others, ...(proposed ? { proposed } : {}) });

  it('refuses a move that makes the gap after the previous session longer than the maximum, naming the limit and the dates', () => {
    // Autumn 2 held on Wed 4 Nov 2026: the Spring 1 session must be by Thu 4 Feb 2027.
    const v = move({ start: at('2027-02-09', '10:00'), gap: gap(['2026-11-04'], '2027-01-13') });
    expect(v).toEqual({
      ok: false,
      message:
        'Tue 2027-02-09 10:00–11:00 is more than 3 months after the previous session (Wed 2026-11-04): the maximum gap between sessions is 3 months, so choose a day by Thu 2027-02-04.',
    });
    expect(move({ start: at('2027-02-05', '10:00'), gap: gap(['2026-11-04'], '2027-01-13') }).ok).toBe(false);
    // The limit day itself is within the gap.
    expect(move({ start: at('2027-02-04', '10:00'), gap: gap(['2026-11-04'], '2027-01-13') }).ok).toBe(true);
    // 30 Nov + 3 months is 28 Feb (a shorter month), as the planner counts it.
    expect(move({ window: SPRING, start: at('2027-03-01', '10:00'), gap: gap(['2026-11-30']) })).toEqual({
      ok: false,
      message: expect.stringMatching(/after the previous session \(Mon 2026-11-30\): .* choose a day by Sun 2027-02-28\.$/),
    });
    expect(move({ window: SPRING, start: at('2027-02-26', '10:00'), gap: gap(['2026-11-30']) }).ok).toBe(true);
  });

  it('refuses a move that makes the gap before the next session longer than the maximum, naming the limit and the dates', () => {
    // The Summer term session is on Thu 15 Apr 2027: the Spring term one must be on or after Fri 15 Jan.
    const v = move({ window: SPRING, start: at('2027-01-12', '10:00'), gap: gap(['2026-11-04', '2027-04-15'], '2027-01-20') });
    expect(v).toEqual({
      ok: false,
      message:
        'Tue 2027-01-12 10:00–11:00 is more than 3 months before the next session (Thu 2027-04-15): the maximum gap between sessions is 3 months, so choose a day on or after Fri 2027-01-15.',
    });
    expect(move({ window: SPRING, start: at('2027-01-14', '16:00'), gap: gap(['2027-04-15']) }).ok).toBe(false);
    expect(move({ window: SPRING, start: at('2027-01-15', '09:00'), gap: gap(['2027-04-15']) }).ok).toBe(true);
    // 28 Feb + 3 months is only 28 May: a session before 31 May must be on or after 1 Mar.
    expect(move({ window: SPRING, start: at('2027-02-26', '10:00'), gap: gap(['2027-05-31']) })).toEqual({
      ok: false,
      message: expect.stringMatching(/before the next session \(Mon 2027-05-31\): .* on or after Mon 2027-03-01\.$/),
    });
    expect(move({ window: SPRING, start: at('2027-03-01', '10:00'), gap: gap(['2027-05-31']) }).ok).toBe(true);
  });

  it('accepts a move within the maximum gap both sides, measured to the nearest session each side (held, booked or planned)', () => {
    const others: IsoDate[] = ['2025-07-01', '2026-11-04', '2027-03-03', '2027-06-01'];
    const v = move({ start: at('2027-01-20', '10:00'), gap: gap(others, '2027-01-13') });
    expect(v).toEqual({ ok: true, start: at('2027-01-20', '10:00'), end: at('2027-01-20', '11:00'), reason: expect.stringContaining('moved by you') });
    // Another session on the same day is no gap at all.
    expect(move({ start: at('2027-02-10', '14:00'), gap: gap(['2026-11-04', '2027-02-10']) }).ok).toBe(true);
    // A shorter maximum is the arrangement's policy: 2 months after 4 Nov is 4 Jan.
    expect(move({ start: at('2027-01-13', '10:00'), gap: gap(['2026-11-04'], undefined, 2) })).toEqual({
      ok: false,
      message: expect.stringMatching(
        /more than 2 months after the previous session \(Wed 2026-11-04\): the maximum gap between sessions is 2 months, so choose a day by Mon 2027-01-04/,
      ),
    });
  });

  it('lets a move keep, but not lengthen, a gap the proposed time already had to leave over the maximum', () => {
    // Last held on Thu 1 Oct 2026: due by 1 Jan 2027, before Spring 1 opens; the planner proposed Tue 5 Jan, its first school day.
    const overdue = gap(['2026-10-01'], '2027-01-05');
    const same = move({ start: at('2027-01-05', '14:00'), gap: overdue });
    expect(same).toMatchObject({ ok: true, setAside: ['the 3-month maximum gap'] });
    if (same.ok) expect(same.reason).toContain('The gap after the previous session (Thu 2026-10-01) is already longer than 3 months at the proposed time');
    expect(move({ start: at('2027-01-06', '10:00'), gap: overdue })).toEqual({
      ok: false,
      message: expect.stringMatching(/more than 3 months after the previous session \(Thu 2026-10-01\)/),
    });
    // With no proposed time to compare with, the maximum holds.
    expect(move({ start: at('2027-01-05', '14:00'), gap: gap(['2026-10-01']) }).ok).toBe(false);
    // Within the gap both sides, nothing is set aside.
    expect(move({ start: at('2027-01-13', '10:00'), gap: gap(['2026-11-04'], '2027-01-05') })).not.toHaveProperty('setAside');
  });

  it('property: when the proposed times keep every gap, checkMove accepts a move exactly when every gap in the arrangement stays within the maximum', () => {
    const halfTerms = targetWindows(wc, '2026/27', { kind: 'half-termly' });
    const plannable = (from: IsoDate, to: IsoDate) => eachDay(from, to).filter((d) => isPlannableDay(wc, d, false));
    const daysOf = halfTerms.map((w) => plannable(w.start, w.end));
    const lastYear = plannable('2026-06-01', '2026-07-22');
    const withinGaps = (dates: IsoDate[], m: number) => {
      const sorted = [...dates].sort();
      return sorted.every((d, i) => i === 0 || d <= addMonths(sorted[i - 1] as IsoDate, m));
    };
    const arb = fc.record({
      maxGapMonths: fc.constantFrom(2, 3, 4),
      // The planner's day in each half term (n-th school day), the one moved, and where to.
      chain: fc.array(fc.nat(40), { minLength: 6, maxLength: 6 }),
      moved: fc.integer({ min: 0, max: 5 }),
      to: fc.nat(40),
      time: fc.constantFrom('08:30', '10:00', '14:15', '16:00'),
      held: fc.option(fc.nat(40), { nil: undefined }),
    });
    let checked = 0;
    fc.assert(
      fc.property(arb, (r) => {
        const chain = daysOf.map((days, i) => days[(r.chain[i] as number) % days.length] as IsoDate);
        const held = r.held === undefined ? [] : [lastYear[r.held % lastYear.length] as IsoDate];
        fc.pre(withinGaps([...held, ...chain], r.maxGapMonths));
        const days = daysOf[r.moved] as IsoDate[];
        const to = days[r.to % days.length] as IsoDate;
        const others = [...held, ...chain.filter((_, i) => i !== r.moved)];
        const v = checkMove({
          calendar: wc,
          window: halfTerms[r.moved] as TargetWindow,
          start: at(to, r.time),
          durationMinutes: 60,
          participants: [],
          gap: { maxGapMonths: r.maxGapMonths, others, proposed: chain[r.moved] as IsoDate },
          now: '2026-08-01T09:00:00Z',
        });
        checked++;
        expect(v.ok).toBe(withinGaps([...others, to], r.maxGapMonths));
        if (!v.ok) expect(v.message).toMatch(new RegExp(`more than ${r.maxGapMonths} months (after|before) the (previous|next) session`));
      }),
      { numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(100);
  });
});
