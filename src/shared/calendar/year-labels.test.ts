import { describe, expect, it } from 'vitest';
import { DEFAULT_ENGLAND_2025_26, DEFAULT_ENGLAND_2026_27, DEFAULT_ENGLAND_2027_28 } from './default-england.js';
import { yearLabelIssues, yearLabelStarting } from './year-labels.js';

describe('year labels', () => {
  it('names a year from its first half term, across the century too', () => {
    expect(yearLabelStarting(2027)).toBe('2027/28');
    expect(yearLabelStarting(2099)).toBe('2099/00');
  });

  it('accepts the default England years as they are labelled', () => {
    expect(yearLabelIssues([DEFAULT_ENGLAND_2025_26, DEFAULT_ENGLAND_2026_27, DEFAULT_ENGLAND_2027_28])).toEqual([]);
  });

  it("refuses a label that names another year than its dates: next year's file saved over this year", () => {
    const wrong = { ...DEFAULT_ENGLAND_2027_28, label: '2026/27' };
    expect(yearLabelIssues([DEFAULT_ENGLAND_2025_26, wrong])).toEqual([
      { field: 'years[1].label', message: `The year labelled 2026/27 starts on ${DEFAULT_ENGLAND_2027_28.halfTerms[0]?.start}: label it 2027/28.` },
    ]);
    expect(yearLabelIssues([{ ...DEFAULT_ENGLAND_2027_28, label: '2027/99' }], () => 'label')).toEqual([{ field: 'label', message: expect.stringContaining('label it 2027/28') }]);
  });

  it('refuses the same label on two years', () => {
    const issues = yearLabelIssues([DEFAULT_ENGLAND_2026_27, { ...DEFAULT_ENGLAND_2027_28, label: '2026/27' }]);
    expect(issues.map((i) => i.field)).toEqual(['years[1].label', 'years[1].label']);
    expect(issues[0]?.message).toBe('2026/27 is the label of two years: each year needs its own.');
  });
});
