import type { AcademicYear, SchoolCalendar } from './academic-year.js';

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
  insetDays: [
    { date: '2025-09-01' },
    { date: '2025-09-02' },
    { date: '2025-11-03' },
    { date: '2026-01-05' },
    { date: '2026-07-22' },
  ],
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
  insetDays: [
    { date: '2026-09-01' },
    { date: '2026-09-02' },
    { date: '2026-11-02' },
    { date: '2027-01-04' },
    { date: '2027-07-22' },
  ],
};

/** The default calendar a new school starts from: England and Wales bank holidays, 2025/26 and 2026/27. */
export function defaultEnglandCalendar(): SchoolCalendar {
  return {
    division: 'england-and-wales',
    years: [structuredClone(DEFAULT_ENGLAND_2025_26), structuredClone(DEFAULT_ENGLAND_2026_27)],
  };
}
