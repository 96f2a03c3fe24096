import type { AcademicYear } from './academic-year.js';
import type { ValidationIssue } from './validation-issue.js';

/** '2027/28' for the school year whose first half term starts in 2027. */
export function yearLabelStarting(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/**
 * A year's label names it everywhere (booking, windows, sessions' half terms), so it must be unique and
 * name the year its dates are in: a 2027/28 file saved as "2026/27" would replace this year's dates.
 * Checked when a calendar is saved or a year imported, not when a saved one is read.
 */
export function yearLabelIssues(years: readonly Pick<AcademicYear, 'label' | 'halfTerms'>[], fieldOf: (index: number) => string = (i) => `years[${i}].label`): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  years.forEach((y, i) => {
    const field = fieldOf(i);
    if (seen.has(y.label)) issues.push({ field, message: `${y.label} is the label of two years: each year needs its own.` });
    seen.add(y.label);
    const start = y.halfTerms[0]?.start;
    if (!start) return;
    const expected = yearLabelStarting(Number(start.slice(0, 4)));
    if (y.label !== expected) issues.push({ field, message: `The year labelled ${y.label} starts on ${start}: label it ${expected}.` });
  });
  return issues;
}
