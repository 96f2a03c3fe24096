import { InvalidInputError } from '../errors/invalid-input.js';
import type { SchoolCalendar } from './academic-year.js';
import { isIsoDate, yearOf, type IsoDate } from './dates.js';
import { yearLabelStarting } from './year-labels.js';

/** The school year `date` belongs to by the usual England reckoning: 1 September to 31 August. */
function schoolYearStarting(date: IsoDate): number {
  const y = yearOf(date);
  return Number(date.slice(5, 7)) >= 9 ? y : y - 1;
}

/**
 * A plain-words warning when the calendar has no academic year after the one `today` falls in (its summer
 * holiday included), or when today is past the calendar's last year; otherwise undefined. Without the next
 * year nothing can be planned past the summer and a postponement near the end of July has no deadline.
 * Years are named from their dates ('2028/29'), whatever their labels say.
 */
export function nextYearWarning(calendar: SchoolCalendar, today: IsoDate): string | undefined {
  if (!isIsoDate(today)) throw new InvalidInputError('today', `${today} is not a date (expected YYYY-MM-DD, a day that exists)`);
  const years = calendar.years;
  const last = years[years.length - 1];
  const lastStart = last?.halfTerms[0]?.start;
  const lastEnd = last?.halfTerms[last.halfTerms.length - 1]?.end;
  if (!last || !lastStart || !lastEnd) {
    const now = yearLabelStarting(schoolYearStarting(today));
    return `The school calendar has no dates for ${now} yet. Add this year's term dates so sessions can be planned and postponed.`;
  }
  // A later year exists, or today is before the last year starts: the year after today's is there.
  if (today < lastStart) return undefined;
  const next = yearLabelStarting(yearOf(lastStart) + 1);
  // In the last year, or in the summer holiday after it (up to the end of August).
  if (today <= lastEnd || schoolYearStarting(today) <= yearOf(lastStart)) {
    return `The school calendar has no dates for ${next} yet. Add next year's term dates so sessions can be planned and postponed past the summer.`;
  }
  const now = yearLabelStarting(schoolYearStarting(today));
  const missing = now === next ? now : `${next} to ${now}`;
  return `The school calendar ends with ${last.label} (last day ${lastEnd}) and has no dates for ${missing}. Add this year's term dates, and next year's, so sessions can be planned and postponed.`;
}
