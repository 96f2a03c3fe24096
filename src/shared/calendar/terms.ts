import { HALF_TERM_NAMES, type AcademicYear, type HalfTerm, type SchoolHoliday, type Term } from './academic-year.js';
import { addDays } from './dates.js';

/** The three terms of a (valid) year, each made of two half terms. */
export function termsOf(year: AcademicYear): Term[] {
  const h = year.halfTerms as [HalfTerm, HalfTerm, HalfTerm, HalfTerm, HalfTerm, HalfTerm];
  return [
    { id: 'autumn', name: 'Autumn term', start: h[0].start, end: h[1].end, halfTerms: [h[0], h[1]] },
    { id: 'spring', name: 'Spring term', start: h[2].start, end: h[3].end, halfTerms: [h[2], h[3]] },
    { id: 'summer', name: 'Summer term', start: h[4].start, end: h[5].end, halfTerms: [h[4], h[5]] },
  ];
}

const BREAK_NAMES = ['Autumn half term', 'Christmas holiday', 'Spring half term', 'Easter holiday', 'Summer half term'];

/** The holidays between a year's half terms (the summer holiday lies between years: see `holidaysBetweenYears`). */
export function holidaysOf(year: AcademicYear): SchoolHoliday[] {
  const out: SchoolHoliday[] = [];
  year.halfTerms.forEach((ht, i) => {
    const next = year.halfTerms[i + 1];
    if (!next) return;
    const start = addDays(ht.end, 1);
    const end = addDays(next.start, -1);
    if (start <= end) out.push({ name: BREAK_NAMES[i] ?? `Holiday after ${HALF_TERM_NAMES[ht.id]}`, start, end });
  });
  return out;
}

export function halfTermName(ht: HalfTerm): string {
  return HALF_TERM_NAMES[ht.id];
}
