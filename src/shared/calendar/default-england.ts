import type { AcademicYear, SchoolCalendar, ValidSchoolCalendar } from './academic-year.js';
import { validateSchoolCalendar } from './validate-calendar.js';

// A plausible England pattern for the admin to edit, not any authority's published dates.
// Five INSET days a year, each inside a half term.

export const DEFAULT_ENGLAND_2025_26: AcademicYear = {
  label: '2025/26',
  halfTerms: [
    { id: 'autumn1', start: '2025-09-01', end: '2025-10-24' },
    { id: 'autumn2', start: '2025-11-03', end: '2025-12-19' },
    { id: 'spring1', start: '2026-01-05', end: '2026-02-13' },
    { id: 'spring2', start: '2026-02-23', end: '2026-03-27' },
    { id: 'summer1', start: '2026-04-13', end: '2026-05-22' },
    { id: 'summer2', start: '2026-06-01', end: '2026-07-22' },
  ],
  closureDays: [],
  insetDays: [{ date: '2025-09-01' }, { date: '2025-09-02' }, { date: '2025-11-03' }, { date: '2026-01-05' }, { date: '2026-07-22' }],
};

export const DEFAULT_ENGLAND_2026_27: AcademicYear = {
  label: '2026/27',
  halfTerms: [
    { id: 'autumn1', start: '2026-09-01', end: '2026-10-23' },
    { id: 'autumn2', start: '2026-11-02', end: '2026-12-18' },
    { id: 'spring1', start: '2027-01-04', end: '2027-02-12' },
    { id: 'spring2', start: '2027-02-22', end: '2027-03-25' },
    { id: 'summer1', start: '2027-04-12', end: '2027-05-28' },
    { id: 'summer2', start: '2027-06-07', end: '2027-07-22' },
  ],
  closureDays: [],
  insetDays: [{ date: '2026-09-01' }, { date: '2026-09-02' }, { date: '2026-11-02' }, { date: '2027-01-04' }, { date: '2027-07-22' }],
};

// Wed 1 Sep 2027 to Fri 21 Jul 2028. Spring 1 starts Tue 4 Jan (Mon 3 Jan is the New Year substitute
// bank holiday); Easter (Good Friday 14, Easter Monday 17 April 2028) falls in the Easter holiday and the
// Spring bank holiday (29 May) in the Summer half term; the Early May bank holiday (1 May) is a day off in term.
export const DEFAULT_ENGLAND_2027_28: AcademicYear = {
  label: '2027/28',
  halfTerms: [
    { id: 'autumn1', start: '2027-09-01', end: '2027-10-22' },
    { id: 'autumn2', start: '2027-11-01', end: '2027-12-17' },
    { id: 'spring1', start: '2028-01-04', end: '2028-02-11' },
    { id: 'spring2', start: '2028-02-21', end: '2028-04-07' },
    { id: 'summer1', start: '2028-04-24', end: '2028-05-26' },
    { id: 'summer2', start: '2028-06-05', end: '2028-07-21' },
  ],
  closureDays: [],
  insetDays: [{ date: '2027-09-01' }, { date: '2027-09-02' }, { date: '2027-11-01' }, { date: '2028-01-04' }, { date: '2028-07-21' }],
};

/**
 * The default calendar a new school starts from: England and Wales bank holidays, 2025/26 to 2027/28.
 * Validated here, so it can build a working calendar; throws if the built-in dates were ever wrong.
 */
export function defaultEnglandCalendar(): ValidSchoolCalendar {
  const result = validateSchoolCalendar({
    division: 'england-and-wales',
    years: [DEFAULT_ENGLAND_2025_26, DEFAULT_ENGLAND_2026_27, DEFAULT_ENGLAND_2027_28],
  } satisfies SchoolCalendar);
  if (!result.ok) {
    throw new Error(`The built-in England calendar is invalid: ${result.issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
  }
  // The parse copies the input; clone anyway so a caller's edits can never reach the shared constants.
  return structuredClone(result.value);
}
