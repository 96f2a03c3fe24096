import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, daysBetween } from './dates.js';
import { DEFAULT_ENGLAND_2026_27, defaultEnglandCalendar } from './default-england.js';
import { testCalendar } from './test-fixtures.js';
import { dayKind, isInsetDay, isPlannableDay, isWorkingDay, makeWorkingCalendar } from './working-calendar.js';
import { addWorkingDays, OutsideCalendarError, postponementDeadline, postponementWindow, workingDaysBetween } from './working-days.js';
import { holidaysOf } from './terms.js';
import { InvalidInputError } from '../errors/invalid-input.js';
import type { SchoolCalendar } from './academic-year.js';
import { validOrThrow } from './test-fixtures.js';
import { refusalOf } from '../errors/refusal-of.js';

const refusal = refusalOf;

const wc = makeWorkingCalendar(testCalendar());
const plain = makeWorkingCalendar(defaultEnglandCalendar());

describe('working days', () => {
  it('INSET days are working days but not plannable unless allowed', () => {
    expect(isWorkingDay(wc, '2025-09-01')).toBe(true);
    expect(isInsetDay(wc, '2025-09-01')).toBe(true);
    expect(isPlannableDay(wc, '2025-09-01', false)).toBe(false);
    expect(isPlannableDay(wc, '2025-09-01', true)).toBe(true);
    expect(isPlannableDay(wc, '2025-09-03', false)).toBe(true);
  });

  it('half-term boundaries: the last day before and the first day after are working days; the break is not', () => {
    expect(isWorkingDay(wc, '2025-10-24')).toBe(true);
    expect(dayKind(wc, '2025-10-27')).toEqual({ kind: 'school-holiday', name: 'Autumn half term' });
    expect(isWorkingDay(wc, '2025-10-31')).toBe(false);
    expect(isWorkingDay(wc, '2025-11-03')).toBe(true);
    expect(dayKind(wc, '2025-12-22').kind).toBe('school-holiday');
    expect(dayKind(wc, '2026-08-10')).toEqual({ kind: 'school-holiday', name: 'Summer holiday' });
  });

  it('bank holidays in term and closure days are not working days', () => {
    expect(dayKind(wc, '2026-05-04')).toEqual({ kind: 'bank-holiday', title: 'Early May bank holiday' });
    expect(dayKind(wc, '2026-05-07')).toEqual({ kind: 'closure', reason: 'Polling day' });
    expect(isWorkingDay(wc, '2026-05-07')).toBe(false);
    expect(isWorkingDay(plain, '2026-05-07')).toBe(true);
  });

  it('days outside the calendar are not working days', () => {
    expect(dayKind(wc, '2025-08-29').kind).toBe('outside-calendar');
    expect(dayKind(wc, '2027-08-02').kind).toBe('outside-calendar');
  });
});

describe('postponement deadline: within one working week (5th working day after, inclusive)', () => {
  it('a plain week', () => {
    expect(postponementDeadline(wc, '2025-09-15')).toBe('2025-09-22');
  });

  it('across a bank-holiday weekend', () => {
    // Thu 30 Apr 2026 → Fri 1, (Mon 4 May bank holiday), Tue 5, Wed 6, (Thu 7 polling day), Fri 8, Mon 11
    expect(postponementDeadline(plain, '2026-04-30')).toBe('2026-05-08');
    expect(postponementDeadline(wc, '2026-04-30')).toBe('2026-05-11');
  });

  it('across a half-term break (INSET day after it counts)', () => {
    // Wed 22 Oct 2025 → Thu 23, Fri 24, half term, Mon 3 Nov (INSET), Tue 4, Wed 5
    expect(postponementDeadline(wc, '2025-10-22')).toBe('2025-11-05');
    // Wed 20 May 2026 → Thu 21, Fri 22, half term with Spring bank holiday, Mon 1, Tue 2, Wed 3 June
    const w = postponementWindow(wc, '2026-05-20');
    expect(w.deadline).toBe('2026-06-03');
    expect(w.explanation).toContain('2026-05-25 is a bank holiday (Spring bank holiday)');
    expect(w.explanation).toContain('2026-05-26 to 2026-05-29: in the Summer half term');
  });

  it('across Easter', () => {
    // Thu 26 Mar 2026 → Fri 27, Easter holiday (with Good Friday, Easter Monday), Mon 13 … Thu 16 April
    expect(postponementDeadline(wc, '2026-03-26')).toBe('2026-04-16');
  });

  it('from the end of the summer term into the next year', () => {
    expect(postponementDeadline(wc, '2026-07-20')).toBe('2026-09-03');
  });

  it('is a setting', () => {
    expect(postponementDeadline(wc, '2025-09-15', 3)).toBe('2025-09-18');
  });

  it('a postponement at the end of the summer term stretches into September (the holiday does not count)', () => {
    // Mon 20 Jul 2026: Tue 21, Wed 22 (INSET) in July, then Tue 1 and Wed 2 Sep (INSET), Thu 3 Sep.
    const w = postponementWindow(wc, '2026-07-20');
    expect(w.deadline).toBe('2026-09-03');
    expect(w.explanation).toBe(
      'Re-book by 2026-09-03: 5 working days after 2026-07-20 (not counted: 2026-07-23 to 2026-08-28: in the Summer holiday; 2026-08-31 is a bank holiday (Summer bank holiday))',
    );
  });

  it('says what to do past the end of the calendar', () => {
    expect(() => postponementDeadline(wc, '2027-07-20')).toThrow(/No school calendar covers 2027-07-23.*add that academic year/);
    expect(() => postponementDeadline(wc, '2027-07-20')).toThrow(OutsideCalendarError);
    expect(() => postponementDeadline(wc, '2027-07-20')).not.toThrow(InvalidInputError);
    // The default calendar runs a year further, to Fri 21 July 2028.
    expect(postponementDeadline(plain, '2027-07-20')).toBe('2027-09-03'); // Wed 21, Thu 22 Jul (INSET), Wed 1, Thu 2, Fri 3 Sep
    expect(() => postponementDeadline(plain, '2028-07-18')).toThrow(/No school calendar covers 2028-07-22/);
  });

  it('an original date beyond the calendar is a missing year, not bad input', () => {
    expect(() => postponementWindow(wc, '2027-09-07')).toThrow(OutsideCalendarError);
    expect(() => postponementWindow(wc, '2027-09-07')).toThrow('No school calendar covers 2027-09-07 (the calendar runs 2025-09-01 to 2027-07-22): add that academic year');
  });
});

describe('postponement: bad input is refused with a reason', () => {
  it('refuses a zero, negative or fractional number of working days', () => {
    for (const n of [0, -5, 2.5, Number.NaN]) {
      const e = refusal(() => postponementWindow(wc, '2025-09-15', n));
      expect(e.field).toBe('workingDays');
      expect(e.message).toBe(`The re-booking window must be a whole number of working days, 1 or more (got ${n})`);
      expect(refusal(() => postponementDeadline(wc, '2025-09-15', n)).field).toBe('workingDays');
    }
  });

  it('refuses an original date that is not a school day, saying what kind of day it is', () => {
    expect(refusal(() => postponementWindow(wc, '2026-04-06'))).toMatchObject({
      field: 'originalDate',
      message: '2026-04-06 is a bank holiday (Easter Monday), not a school day: a session can only be postponed from a school day',
    });
    expect(refusal(() => postponementWindow(wc, '2025-09-13')).message).toBe('2025-09-13 is a weekend, not a school day: a session can only be postponed from a school day');
    expect(refusal(() => postponementWindow(wc, '2025-10-28')).message).toBe(
      '2025-10-28 is in the Autumn half term, not a school day: a session can only be postponed from a school day',
    );
    expect(refusal(() => postponementWindow(wc, '2026-05-07')).message).toBe(
      '2026-05-07 is a closure day (Polling day), not a school day: a session can only be postponed from a school day',
    );
    expect(refusal(() => postponementDeadline(wc, '2026-08-10')).message).toBe(
      '2026-08-10 is in the Summer holiday, not a school day: a session can only be postponed from a school day',
    );
    // An INSET day is a working day: staff are in, so a session on one can be postponed.
    expect(postponementWindow(wc, '2025-09-01').deadline).toBe('2025-09-08');
  });

  it('refuses a date that does not exist instead of rolling it over', () => {
    expect(refusal(() => postponementWindow(wc, '2026-02-30'))).toMatchObject({
      field: 'originalDate',
      message: '2026-02-30 is not a date (expected YYYY-MM-DD, a day that exists)',
    });
    expect(refusal(() => addWorkingDays(wc, '2026-02-30', 1))).toMatchObject({ field: 'date' });
  });

  it('addWorkingDays counts forwards or backwards, but refuses 0 and fractions', () => {
    expect(addWorkingDays(wc, '2025-09-15', -1)).toBe('2025-09-12');
    expect(refusal(() => addWorkingDays(wc, '2025-09-15', 0))).toMatchObject({ field: 'workingDays' });
    expect(refusal(() => addWorkingDays(wc, '2025-09-15', 1.5)).message).toBe('Working days to add must be a whole number other than 0, such as 5 or -5 (got 1.5)');
  });
});

describe('a working calendar is built only from a validated calendar', () => {
  it('takes the value of validateSchoolCalendar, not raw input', () => {
    const raw: SchoolCalendar = { division: 'england-and-wales', years: [structuredClone(DEFAULT_ENGLAND_2026_27)] };
    // @ts-expect-error a raw SchoolCalendar has not been validated
    makeWorkingCalendar(raw);
    expect(makeWorkingCalendar(validOrThrow(raw)).lastDay).toBe('2027-07-22');
  });

  it('validOrThrow names every issue of an invalid calendar', () => {
    const bad = { division: 'england-and-wales', years: [{ ...structuredClone(DEFAULT_ENGLAND_2026_27), insetDays: [{ date: '2027-02-30' }] }] };
    expect(() => validOrThrow(bad)).toThrow('Invalid test calendar: years[0].insetDays[0].date: INSET day 2027-02-30 is not a date (expected YYYY-MM-DD)');
  });
});

describe('properties', () => {
  const arbDate = fc.integer({ min: 0, max: daysBetween('2025-09-01', '2027-06-30') }).map((n) => addDays('2025-09-01', n));

  it('adding n working days lands on a working day exactly n working days later', () => {
    fc.assert(
      fc.property(arbDate, fc.integer({ min: 1, max: 15 }), (date, n) => {
        const out = addWorkingDays(wc, date, n);
        expect(isWorkingDay(wc, out)).toBe(true);
        expect(workingDaysBetween(wc, date, out)).toBe(n);
        const back = addWorkingDays(wc, out, -n);
        // Back to the start when it was a working day; otherwise to the last working day before it.
        if (isWorkingDay(wc, date)) expect(back).toBe(date);
        else {
          expect(back < date).toBe(true);
          expect(workingDaysBetween(wc, back, date)).toBe(0);
        }
      }),
    );
  });

  it('from a working day, the postponement deadline is at least a calendar week away and never in a holiday', () => {
    fc.assert(
      fc.property(
        arbDate.filter((d) => isWorkingDay(wc, d)),
        (date) => {
          const deadline = postponementDeadline(wc, date);
          expect(daysBetween(date, deadline)).toBeGreaterThanOrEqual(7);
          expect(['term', 'inset']).toContain(dayKind(wc, deadline).kind);
        },
      ),
    );
  });

  it('no day in a holiday between half terms is a working day', () => {
    for (const year of wc.calendar.years) {
      for (const h of holidaysOf(year)) {
        for (let d = h.start; d <= h.end; d = addDays(d, 1)) expect(isWorkingDay(wc, d)).toBe(false);
      }
    }
  });
});
