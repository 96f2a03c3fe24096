import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testCalendar } from '../calendar/test-fixtures.js';
import { defaultEnglandCalendar } from '../calendar/default-england.js';
import { isPlannableDay, isWorkingDay, makeWorkingCalendar } from '../calendar/working-calendar.js';
import { addDays, daysBetween } from '../calendar/dates.js';
import { instantMs, londonToInstant, toIsoInstant, addMinutes } from '../calendar/london-time.js';
import { rescheduleOptions, type RescheduleRequest } from './reschedule.js';
import { DEFAULT_SCHEDULING_SETTINGS } from './scheduling-settings.js';
import { clashes, insideHours } from './test-helpers.js';
import { busyInMs } from './intervals.js';
import { refusalOf } from '../errors/refusal-of.js';

const refusal = refusalOf;

const wc = makeWorkingCalendar(testCalendar());
const plain = makeWorkingCalendar(defaultEnglandCalendar());

function session(date: string, time: string, minutes = 60) {
  const start = londonToInstant(date, time);
  return { start, end: addMinutes(start, minutes) };
}

describe('rescheduling a postponed session', () => {
  it('offers the same day first, closest to the original time, never the original time itself', () => {
    const r = rescheduleOptions({ calendar: wc, original: session('2025-09-17', '10:00'), participants: [], now: '2025-09-17T07:00:00Z' });
    expect(r.kind).toBe('candidates');
    if (r.kind !== 'candidates') return;
    expect(r.window.deadline).toBe('2025-09-24');
    expect(r.candidates.map((c) => `${c.slot.date} ${c.slot.localStart}`)).toEqual([
      '2025-09-17 11:00',
      '2025-09-17 11:15',
      '2025-09-18 10:00',
      '2025-09-18 09:45',
      '2025-09-19 10:00',
    ]);
    expect(r.candidates[2]?.reason).toBe('Thu 2025-09-18 10:00–11:00: 1 working day later, at the same time; everyone is free (deadline 2025-09-24)');
  });

  it('skips a bank-holiday weekend and keeps inside the deadline', () => {
    const busyThuFri = [{ participantId: 'supervisee', busy: [{ start: '2026-04-30T00:00:00Z', end: '2026-05-02T00:00:00Z' }] }];
    const r = rescheduleOptions({ calendar: plain, original: session('2026-04-30', '10:00'), participants: busyThuFri, now: '2026-04-30T06:00:00Z' });
    expect(r.kind === 'candidates' && r.window.deadline).toBe('2026-05-08');
    expect(r.kind === 'candidates' && r.candidates[0]?.slot).toMatchObject({ date: '2026-05-05', localStart: '10:00', start: '2026-05-05T09:00:00Z' });
  });

  it('crosses a half-term break and the clocks going back, avoiding the INSET day', () => {
    const busy = [{ participantId: 'supervisor', busy: [{ start: '2025-10-22T00:00:00Z', end: '2025-10-25T00:00:00Z' }] }];
    const r = rescheduleOptions({ calendar: wc, original: session('2025-10-22', '10:00'), participants: busy, now: '2025-10-22T06:00:00Z' });
    expect(session('2025-10-22', '10:00').start).toBe('2025-10-22T09:00:00Z');
    expect(r.kind === 'candidates' && r.window.deadline).toBe('2025-11-05');
    // Mon 3 Nov is an INSET day; Tue 4 Nov 10:00 is 10:00Z after the clocks went back.
    expect(r.kind === 'candidates' && r.candidates[0]?.slot).toMatchObject({ date: '2025-11-04', start: '2025-11-04T10:00:00Z', localStart: '10:00' });
    expect(r.kind === 'candidates' && r.candidates[0]?.workingDaysLater).toBe(4);
  });

  it('near the end of the calendar escalates and asks for the next academic year, instead of throwing', () => {
    const r = rescheduleOptions({ calendar: wc, original: session('2027-07-20', '10:00'), participants: [], now: '2027-07-20T06:00:00Z' });
    expect(r.kind).toBe('escalate');
    expect(r.kind === 'escalate' && r.reason).toBe(
      "Cannot work out the re-booking deadline for the 2027-07-20 session: the school calendar ends on 2027-07-22. Add the next academic year (2027/28) to the school calendar, then re-book; meanwhile tell the supervisor's manager.",
    );
    expect(r.window).toMatchObject({ from: '2027-07-20', deadline: '2027-07-22' });
    // The default calendar has 2027/28, so the same session re-books in September; its own end is July 2028.
    expect(rescheduleOptions({ calendar: plain, original: session('2027-07-20', '10:00'), participants: [], now: '2027-07-20T06:00:00Z' }).window.deadline).toBe('2027-09-03');
    const end = rescheduleOptions({ calendar: plain, original: session('2028-07-18', '10:00'), participants: [], now: '2028-07-18T06:00:00Z' });
    expect(end.kind === 'escalate' && end.reason).toContain('the school calendar ends on 2028-07-21. Add the next academic year (2028/29)');
  });

  it('a session past the calendar’s last year escalates (a missing year), it is not refused', () => {
    const r = rescheduleOptions({ calendar: wc, original: session('2027-09-08', '10:00'), participants: [], now: '2027-09-08T06:00:00Z' });
    expect(r.kind === 'escalate' && r.reason).toContain('Add the next academic year (2027/28)');
    const before = rescheduleOptions({ calendar: wc, original: session('2025-07-15', '10:00'), participants: [], now: '2025-07-15T06:00:00Z' });
    expect(before.kind === 'escalate' && before.reason).toBe(
      "Cannot work out the re-booking deadline for the 2025-07-15 session: the school calendar starts on 2025-09-01. Add the academic year that includes 2025-07-15 to the school calendar, then re-book; meanwhile tell the supervisor's manager.",
    );
  });

  it('returns escalate when nothing fits before the deadline', () => {
    const busy = [{ participantId: 'supervisor', busy: [{ start: '2025-09-15T00:00:00Z', end: '2025-09-30T00:00:00Z' }] }];
    const r = rescheduleOptions({ calendar: wc, original: session('2025-09-15', '10:00'), participants: busy, now: '2025-09-15T06:00:00Z' });
    expect(r).toMatchObject({ kind: 'escalate', window: { deadline: '2025-09-22' } });
    expect(r.kind === 'escalate' && r.reason).toContain('No time from 2025-09-15 to 2025-09-22 when everyone is free for 60 minutes');
  });

  it('offers a slot on the deadline day, never the day after', () => {
    // Busy every day of the window but the deadline (Mon 22 Sep) and the day after.
    const busy = [{ participantId: 'supervisor', busy: [{ start: '2025-09-15T00:00:00Z', end: '2025-09-21T23:00:00Z' }] }];
    const r = rescheduleOptions({ calendar: wc, original: session('2025-09-15', '10:00'), participants: busy, now: '2025-09-15T06:00:00Z' });
    expect(r.kind === 'candidates' && r.window.deadline).toBe('2025-09-22');
    expect(r.kind === 'candidates' && [...new Set(r.candidates.map((c) => c.slot.date))]).toEqual(['2025-09-22']);
  });

  it('keeps to an arrangement’s narrower working hours (part-time staff)', () => {
    const req: RescheduleRequest = {
      calendar: wc,
      original: session('2025-09-17', '10:00'),
      participants: [],
      now: '2025-09-17T07:00:00Z',
      preferences: { workingHours: { start: '13:00', end: '15:30' } },
    };
    const r = rescheduleOptions(req);
    expect(r.kind).toBe('candidates');
    if (r.kind !== 'candidates') return;
    for (const c of r.candidates) expect(insideHours(c.slot, { start: '13:00', end: '15:30' })).toBe(true);
    expect(r.candidates[0]?.slot).toMatchObject({ date: '2025-09-17', localStart: '13:00' });
    // Hours that are wider than the school's do not widen them.
    const wide = rescheduleOptions({ ...req, original: session('2025-09-17', '08:30'), preferences: { workingHours: { start: '06:00', end: '20:00' } } });
    expect(wide.kind === 'candidates' && wide.candidates.every((c) => insideHours(c.slot, DEFAULT_SCHEDULING_SETTINGS.workingHours))).toBe(true);
  });

  it('uses the school’s setting for the working week', () => {
    const r = rescheduleOptions({
      calendar: wc,
      original: session('2025-09-15', '10:00'),
      participants: [],
      now: '2025-09-15T06:00:00Z',
      settings: { postponementWorkingDays: 2 },
    });
    expect(r.window.deadline).toBe('2025-09-17');
  });
});

describe('rescheduling refuses bad input with a reason, never an escalation', () => {
  const base = { calendar: wc, participants: [], now: '2025-09-17T07:00:00Z' };

  it('refuses an original that does not end after it starts', () => {
    const at = londonToInstant('2025-09-17', '10:00');
    expect(refusal(() => rescheduleOptions({ ...base, original: { start: at, end: at } }))).toMatchObject({
      field: 'original',
      message: 'The session being postponed must end after it starts (got 2025-09-17T09:00:00Z to 2025-09-17T09:00:00Z)',
    });
    expect(refusal(() => rescheduleOptions({ ...base, original: { start: at, end: addMinutes(at, -30) } })).field).toBe('original');
    expect(refusal(() => rescheduleOptions({ ...base, original: { start: at, end: '2025-09-17T09:00:20Z' } })).message).toBe(
      'The session being postponed must last at least a minute (got 2025-09-17T09:00:00Z to 2025-09-17T09:00:20Z)',
    );
  });

  it('refuses an original that is not on a school day, saying what kind of day it is (not swallowed into an escalation)', () => {
    expect(refusal(() => rescheduleOptions({ ...base, original: session('2026-04-06', '10:00'), now: '2026-04-06T06:00:00Z' }))).toMatchObject({
      field: 'original',
      message: '2026-04-06 is a bank holiday (Easter Monday), not a school day: a session can only be postponed from a school day',
    });
    expect(refusal(() => rescheduleOptions({ ...base, original: session('2025-09-20', '10:00') })).message).toContain('2025-09-20 is a weekend, not a school day');
    expect(refusal(() => rescheduleOptions({ ...base, original: session('2026-05-07', '10:00') })).message).toContain('a closure day (Polling day)');
  });

  it('refuses instants that do not exist, naming the field', () => {
    expect(refusal(() => rescheduleOptions({ ...base, original: { start: '2026-02-30T10:00:00Z', end: '2026-02-30T11:00:00Z' } }))).toMatchObject({
      field: 'original.start',
      message: '2026-02-30T10:00:00Z is not a real date and time: 2026-02-30 does not exist',
    });
    expect(refusal(() => rescheduleOptions({ ...base, original: { start: '2025-09-17T09:00:00Z', end: '2025-09-17T10:00:00' } })).field).toBe('original.end');
    expect(refusal(() => rescheduleOptions({ ...base, original: session('2025-09-17', '10:00'), now: '2025-09-31T07:00:00Z' })).field).toBe('now');
  });

  it('refuses working hours that end before they start, in the settings or the arrangement’s preferences', () => {
    const original = session('2025-09-17', '10:00');
    expect(refusal(() => rescheduleOptions({ ...base, original, settings: { workingHours: { start: '17:00', end: '08:30' } } }))).toMatchObject({
      field: 'settings.workingHours',
      message: 'Working hours must end after they start (got 17:00 to 08:30)',
    });
    expect(refusal(() => rescheduleOptions({ ...base, original, preferences: { workingHours: { start: '15:00', end: '15:00' } } }))).toMatchObject({
      field: 'preferences.workingHours',
      message: 'Working hours must end after they start (got 15:00 to 15:00)',
    });
  });

  it('refuses other settings out of range, naming the setting', () => {
    const original = session('2025-09-17', '10:00');
    expect(refusal(() => rescheduleOptions({ ...base, original, settings: { postponementWorkingDays: 0 } }))).toMatchObject({
      field: 'settings.postponementWorkingDays',
      message: 'The re-booking window in working days must be a whole number from 1 to 20 (got 0)',
    });
    expect(refusal(() => rescheduleOptions({ ...base, original, settings: { slotStepMinutes: 7.5 } })).field).toBe('settings.slotStepMinutes');
  });

  it('an arrangement’s hours that miss the school’s entirely escalate with that reason', () => {
    const r = rescheduleOptions({ ...base, original: session('2025-09-17', '10:00'), preferences: { workingHours: { start: '06:00', end: '08:00' } } });
    expect(r.kind === 'escalate' && r.reason).toBe(
      "No time from 2025-09-17 to 2025-09-24: the arrangement's working hours (06:00–08:00) do not overlap the school's (08:30–17:00). Tell the supervisor's manager and agree a date.",
    );
  });
});

const FIRST = instantMs('2025-09-01T00:00:00Z');

describe('rescheduling properties', () => {
  it('every offered slot is inside the window, on a plannable day, in the (narrowed) working hours, after now and free for all; throws only for an original not on a school day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: daysBetween('2025-09-01', '2027-07-22') }),
        fc.integer({ min: 9 * 4, max: 15 * 4 }),
        fc.array(fc.record({ who: fc.constantFrom('a', 'b'), at: fc.integer({ min: 0, max: 700 * 96 }), q: fc.integer({ min: 1, max: 200 }) }), { maxLength: 40 }),
        fc.boolean(),
        // now: from three days before the original to three days after, on the quarter hour
        fc.integer({ min: -3 * 96, max: 3 * 96 }),
        fc.option(fc.record({ from: fc.integer({ min: 6, max: 12 }), hours: fc.integer({ min: 2, max: 8 }) }), { nil: undefined }),
        (dayOffset, quarter, blocks, allowInsetDays, nowQuarters, own) => {
          const date = addDays('2025-09-01', dayOffset);
          const time = `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`;
          const original = session(date, time);
          const participants = ['a', 'b'].map((who) => ({
            participantId: who,
            busy: blocks.filter((b) => b.who === who).map((b) => ({ start: toIsoInstant(FIRST + b.at * 900_000), end: toIsoInstant(FIRST + (b.at + b.q) * 900_000) })),
          }));
          const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
          const workingHours = own ? { start: hh(own.from), end: hh(Math.min(23, own.from + own.hours)) } : undefined;
          const now = toIsoInstant(instantMs(original.start) + nowQuarters * 900_000);
          const req: RescheduleRequest = { calendar: wc, original, participants, now, settings: { allowInsetDays }, preferences: { workingHours } };
          if (!isWorkingDay(wc, date)) {
            expect(refusal(() => rescheduleOptions(req)).field).toBe('original');
            return;
          }
          const r = rescheduleOptions(req);
          expect(rescheduleOptions(structuredClone(req))).toEqual(r);
          if (r.kind === 'escalate') return;
          expect(r.candidates.length).toBeGreaterThan(0);
          expect(r.candidates.length).toBeLessThanOrEqual(DEFAULT_SCHEDULING_SETTINGS.rescheduleCandidates);
          for (const c of r.candidates) {
            expect(c.slot.date >= date && c.slot.date <= r.window.deadline).toBe(true);
            expect(isPlannableDay(wc, c.slot.date, allowInsetDays)).toBe(true);
            expect(insideHours(c.slot, DEFAULT_SCHEDULING_SETTINGS.workingHours)).toBe(true);
            if (workingHours) expect(insideHours(c.slot, workingHours)).toBe(true);
            expect(clashes(c.slot, participants)).toBe(false);
            expect(instantMs(c.slot.start) >= instantMs(original.end)).toBe(true);
            expect(instantMs(c.slot.start) >= instantMs(now)).toBe(true);
          }
          expect(r.candidates.map((c) => c.rank)).toEqual(r.candidates.map((_, i) => i + 1));
        },
      ),
      { numRuns: 80 },
    );
  }, 30_000);

  it('busy blocks sort by code units, not by locale (same order on every machine)', () => {
    const at = { start: '2025-09-15T09:00:00Z', end: '2025-09-15T10:00:00Z' };
    const order = busyInMs([
      { participantId: 'a', busy: [at] },
      { participantId: 'B', busy: [at] },
      { participantId: 'Z', busy: [at] },
    ]).map((b) => b.participantId);
    expect(order).toEqual(['B', 'Z', 'a']);
  });
});
