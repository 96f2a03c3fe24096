import { describe, expect, it } from 'vitest';
import { fieldKey, inputId, issuesInYear, itemKey, NO_ISSUES, parentKey, placeIssues, withoutKey } from './field-issues.js';

describe('fieldKey', () => {
  it('turns server paths into form keys', () => {
    expect(fieldKey('calendar.years[1].halfTerms[2].end', 'calendar')).toBe('years.1.halfTerms.2.end');
    expect(fieldKey('supervisees[0].role')).toBe('supervisees.0.role');
    expect(fieldKey('[3].date')).toBe('3.date');
    expect(fieldKey('calendar', 'calendar')).toBe('');
    expect(fieldKey('version', 'calendar')).toBe('version');
  });

  it('matches the keys forms build', () => {
    expect(fieldKey('calendar.years[1].halfTerms[2].end', 'calendar')).toBe(itemKey('years', 1, 'halfTerms', 2, 'end'));
  });

  it('walks up to the parent', () => {
    expect(parentKey('years.1.halfTerms.2.end')).toBe('years.1.halfTerms.2');
    expect(parentKey('years')).toBe('');
  });
});

describe('placeIssues', () => {
  const known = new Set(['years.1', 'years.1.halfTerms.2.end', 'years.1.insetDays.0.date', 'supervisees.0.role']);

  it('puts each issue next to its input', () => {
    const placed = placeIssues(
      [
        { field: 'calendar.years[1].halfTerms[2].end', message: 'Spring 1 ends before it starts' },
        { field: 'calendar.years[1].halfTerms[2].end', message: 'Spring 1 ends before it starts' },
        { field: 'calendar.years[1].insetDays[0].date', message: 'INSET day is a weekend' },
      ],
      known,
      'calendar',
    );
    expect(placed.byKey.get('years.1.halfTerms.2.end')).toEqual(['Spring 1 ends before it starts']);
    expect(placed.byKey.get('years.1.insetDays.0.date')).toEqual(['INSET day is a weekend']);
    expect(placed.general).toEqual([]);
  });

  it('puts an issue about a part without an input on the nearest enclosing part', () => {
    const placed = placeIssues([{ field: 'calendar.years[1].halfTerms', message: 'Summer 2 is missing' }], known, 'calendar');
    expect(placed.byKey.get('years.1')).toEqual(['Summer 2 is missing']);
  });

  it('keeps issues with nowhere to go in the general list', () => {
    const placed = placeIssues(
      [
        { field: 'version', message: 'Reload' },
        { field: 'calendar.years[7].label', message: 'No such year' },
      ],
      known,
      'calendar',
    );
    expect(placed.byKey.size).toBe(0);
    expect(placed.general).toEqual(['Reload', 'No such year']);
  });

  it('accepts a predicate for forms with open-ended keys', () => {
    const placed = placeIssues([{ field: 'supervisees[2].role', message: 'not allowed' }], (k) => /^supervisees\.\d+\.role$/.test(k));
    expect(placed.byKey.get('supervisees.2.role')).toEqual(['not allowed']);
  });

  it('clears one input once edited', () => {
    const placed = placeIssues([{ field: 'supervisees[0].role', message: 'x' }], known);
    expect(withoutKey(placed, 'supervisees.0.role').byKey.size).toBe(0);
    expect(withoutKey(NO_ISSUES, 'a')).toBe(NO_ISSUES);
  });
});

describe('issuesInYear and inputId', () => {
  it("places an imported year's issues at its index in the calendar", () => {
    expect(
      issuesInYear(
        [
          { field: 'halfTerms[2].end', message: 'm' },
          { field: '', message: 'n' },
        ],
        3,
      ),
    ).toEqual([
      { field: 'years[3].halfTerms[2].end', message: 'm' },
      { field: 'years[3]', message: 'n' },
    ]);
  });

  it('makes ids safe for selectors', () => {
    expect(inputId('sy', 'years.1.halfTerms.2.end')).toBe('sy-years-1-halfTerms-2-end');
  });
});
