import { describe, expect, it } from 'vitest';
import type { AcademicYear, SchoolCalendar } from '../../api/operations/school-year.js';
import { placeIssues } from '../../forms/field-issues.js';
import { calendarKeyExists, mergeYear, withField, withItemAdded, withItemRemoved, yearHasEnded } from './school-year-form.js';

const year = (label: string, start: string, end: string): AcademicYear => ({
  label,
  halfTerms: [
    { id: 'autumn1', start, end: start },
    { id: 'summer2', start: end, end },
  ],
  insetDays: [{ date: start }],
  closureDays: [],
});
const calendar: SchoolCalendar = { division: 'england-and-wales', years: [year('2025/26', '2025-09-01', '2026-07-22'), year('2026/27', '2026-09-01', '2027-07-22')] };

describe('school year form', () => {
  it('knows which keys have an input', () => {
    expect(calendarKeyExists(calendar, 'years.1')).toBe(true);
    expect(calendarKeyExists(calendar, 'years.1.halfTerms.1.end')).toBe(true);
    expect(calendarKeyExists(calendar, 'years.1.halfTerms.2.end')).toBe(false);
    expect(calendarKeyExists(calendar, 'years.1.insetDays.0.date')).toBe(true);
    expect(calendarKeyExists(calendar, 'years.1.insetDays.0.reason')).toBe(false);
    expect(calendarKeyExists(calendar, 'years.2')).toBe(false);
    expect(calendarKeyExists(calendar, 'years.1.halfTerms')).toBe(false);
  });

  it("places the server's problems next to the matching inputs or on the year", () => {
    const placed = placeIssues(
      [
        { field: 'calendar.years[1].halfTerms[1].end', message: 'Summer 2 ends on a weekend' },
        { field: 'calendar.years[1].halfTerms', message: 'Spring 1 is missing' },
        { field: 'calendar.years[5].halfTerms[0].start', message: 'elsewhere' },
      ],
      (key) => calendarKeyExists(calendar, key),
      'calendar',
    );
    expect(placed.byKey.get('years.1.halfTerms.1.end')).toEqual(['Summer 2 ends on a weekend']);
    expect(placed.byKey.get('years.1')).toEqual(['Spring 1 is missing']);
    expect(placed.general).toEqual(['elsewhere']);
  });

  it('adds an imported year in order, replacing one with the same label', () => {
    const added = mergeYear(calendar, year('2027/28', '2027-09-01', '2028-07-21'));
    expect(added.calendar.years.map((y) => y.label)).toEqual(['2025/26', '2026/27', '2027/28']);
    expect(added).toMatchObject({ index: 2, replaced: false });
    const replaced = mergeYear(calendar, year('2025/26', '2025-09-02', '2026-07-21'));
    expect(replaced.calendar.years.map((y) => y.label)).toEqual(['2025/26', '2026/27']);
    expect(replaced).toMatchObject({ index: 0, replaced: true });
    expect(replaced.calendar.years[0]?.halfTerms[0]?.start).toBe('2025-09-02');
  });

  it('folds years that have ended', () => {
    expect(yearHasEnded(calendar.years[0] as AcademicYear, '2026-12-03')).toBe(true);
    expect(yearHasEnded(calendar.years[1] as AcademicYear, '2026-12-03')).toBe(false);
  });

  it('edits, adds and removes without touching the original', () => {
    const edited = withField(calendar, 1, 'halfTerms', 0, 'start', '2026-09-02');
    expect(edited.years[1]?.halfTerms[0]?.start).toBe('2026-09-02');
    expect(calendar.years[1]?.halfTerms[0]?.start).toBe('2026-09-01');
    const noted = withField(calendar, 1, 'insetDays', 0, 'note', 'Training');
    expect(noted.years[1]?.insetDays[0]).toEqual({ date: '2026-09-01', note: 'Training' });
    expect(withField(noted, 1, 'insetDays', 0, 'note', ' ').years[1]?.insetDays[0]).toEqual({ date: '2026-09-01' });
    const more = withItemAdded(calendar, 1, 'closureDays');
    expect(more.years[1]?.closureDays).toEqual([{ date: '', reason: '' }]);
    expect(withItemRemoved(more, 1, 'closureDays', 0).years[1]?.closureDays).toEqual([]);
  });
});
