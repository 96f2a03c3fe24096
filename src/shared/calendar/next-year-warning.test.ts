import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_ENGLAND_2025_26, DEFAULT_ENGLAND_2026_27, defaultEnglandCalendar } from './default-england.js';
import { nextYearWarning } from './next-year-warning.js';
import { addDays } from './dates.js';
import { InvalidInputError } from '../errors/invalid-input.js';
import type { SchoolCalendar } from './academic-year.js';

const twoYears: SchoolCalendar = { division: 'england-and-wales', years: [DEFAULT_ENGLAND_2025_26, DEFAULT_ENGLAND_2026_27] };
const NEXT_2028 = "The school calendar has no dates for 2028/29 yet. Add next year's term dates so sessions can be planned and postponed past the summer.";

describe('next year warning', () => {
  it('says nothing while a year after today’s is in the calendar', () => {
    expect(nextYearWarning(defaultEnglandCalendar(), '2025-09-01')).toBeUndefined();
    expect(nextYearWarning(defaultEnglandCalendar(), '2026-12-01')).toBeUndefined();
    // The summer holiday before the last year starts: that year is next, and it is there.
    expect(nextYearWarning(defaultEnglandCalendar(), '2027-08-20')).toBeUndefined();
    // Before the calendar starts.
    expect(nextYearWarning(defaultEnglandCalendar(), '2025-06-01')).toBeUndefined();
  });

  it('warns from the first day of the last year, naming the missing year', () => {
    expect(nextYearWarning(defaultEnglandCalendar(), '2027-09-01')).toBe(NEXT_2028);
    expect(nextYearWarning(defaultEnglandCalendar(), '2028-03-15')).toBe(NEXT_2028);
    expect(nextYearWarning(twoYears, '2026-09-01')).toBe(
      "The school calendar has no dates for 2027/28 yet. Add next year's term dates so sessions can be planned and postponed past the summer.",
    );
  });

  it('keeps warning through the summer holiday after the last year', () => {
    expect(nextYearWarning(defaultEnglandCalendar(), '2028-07-21')).toBe(NEXT_2028);
    expect(nextYearWarning(defaultEnglandCalendar(), '2028-08-31')).toBe(NEXT_2028);
  });

  it('when today is past the last year, says so and names this year', () => {
    expect(nextYearWarning(defaultEnglandCalendar(), '2028-09-04')).toBe(
      "The school calendar ends with 2027/28 (last day 2028-07-21) and has no dates for 2028/29. Add this year's term dates, and next year's, so sessions can be planned and postponed.",
    );
    expect(nextYearWarning(twoYears, '2029-01-10')).toBe(
      "The school calendar ends with 2026/27 (last day 2027-07-22) and has no dates for 2027/28 to 2028/29. Add this year's term dates, and next year's, so sessions can be planned and postponed.",
    );
  });

  it('names years from their dates, not their labels', () => {
    const renamed: SchoolCalendar = { ...twoYears, years: [DEFAULT_ENGLAND_2025_26, { ...DEFAULT_ENGLAND_2026_27, label: 'Year 2' }] };
    expect(nextYearWarning(renamed, '2027-01-10')).toContain('no dates for 2027/28 yet');
  });

  it('an empty calendar asks for this year', () => {
    expect(nextYearWarning({ division: 'england-and-wales', years: [] }, '2026-10-01')).toBe(
      "The school calendar has no dates for 2026/27 yet. Add this year's term dates so sessions can be planned and postponed.",
    );
  });

  it('refuses a today that does not exist', () => {
    expect(() => nextYearWarning(twoYears, '2027-02-30')).toThrow(InvalidInputError);
    expect(() => nextYearWarning(twoYears, '2027-02-30')).toThrow('2027-02-30 is not a date (expected YYYY-MM-DD, a day that exists)');
  });

  it('warns exactly when no year starts after today’s (property)', () => {
    const cal = defaultEnglandCalendar();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 * 365 }), (n) => {
        const today = addDays('2025-01-01', n);
        const warned = nextYearWarning(cal, today) !== undefined;
        expect(warned).toBe(today >= '2027-09-01');
      }),
    );
  });
});
