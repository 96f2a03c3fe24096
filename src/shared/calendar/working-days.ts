import { addDays, type IsoDate } from './dates.js';
import { dayKind, describeDayKind, isWorkingDay, type WorkingCalendar } from './working-calendar.js';

function outOfCalendar(wc: WorkingCalendar, date: IsoDate): RangeError {
  return new RangeError(`No school calendar covers ${date} (the calendar runs ${wc.firstDay} to ${wc.lastDay}): add that academic year`);
}

/**
 * The date `n` working days after `date` (n ≥ 1), or before it when n is negative. `date` itself is
 * never counted. Throws when the answer would lie outside the calendar's years.
 */
export function addWorkingDays(wc: WorkingCalendar, date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Working days must be a whole number (got ${n})`);
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let d = date;
  while (left > 0) {
    d = addDays(d, step);
    if (d < wc.firstDay || d > wc.lastDay) throw outOfCalendar(wc, d);
    if (isWorkingDay(wc, d)) left--;
  }
  return d;
}

/** Working days after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(wc: WorkingCalendar, from: IsoDate, to: IsoDate): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(wc, d)) count++;
  return count;
}

/** Working days from `start` to `end`, both included. */
export function workingDaysIn(wc: WorkingCalendar, start: IsoDate, end: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) if (isWorkingDay(wc, d)) out.push(d);
  return out;
}

export const DEFAULT_POSTPONEMENT_WORKING_DAYS = 5;

export interface PostponementWindow {
  /** The first day an alternate may fall on: the original day itself. */
  from: IsoDate;
  /** The last day an alternate may fall on (inclusive). */
  deadline: IsoDate;
  explanation: string;
}

// seed 000 "Frequency of Safeguarding Supervision" and Appendix 3 §3: postponed → re-book within one working week.
/**
 * "Within one working week of the original": by default the 5th working day after the original date,
 * that day included. The number of working days is a setting.
 */
export function postponementWindow(
  wc: WorkingCalendar,
  originalDate: IsoDate,
  workingDays: number = DEFAULT_POSTPONEMENT_WORKING_DAYS,
): PostponementWindow {
  const deadline = addWorkingDays(wc, originalDate, workingDays);
  const skipped: { date: IsoDate; what: string }[] = [];
  for (let d = addDays(originalDate, 1); d < deadline; d = addDays(d, 1)) {
    const k = dayKind(wc, d);
    if (k.kind !== 'term' && k.kind !== 'inset' && k.kind !== 'weekend') skipped.push({ date: d, what: describeDayKind(k) });
  }
  const skippedText = skipped.length ? ` (not counted: ${groupByWhat(skipped).join('; ')})` : '';
  return {
    from: originalDate,
    deadline,
    explanation: `Re-book by ${deadline}: ${workingDays} working days after ${originalDate}${skippedText}`,
  };
}

export function postponementDeadline(wc: WorkingCalendar, originalDate: IsoDate, workingDays = DEFAULT_POSTPONEMENT_WORKING_DAYS): IsoDate {
  return addWorkingDays(wc, originalDate, workingDays);
}

function groupByWhat(days: { date: IsoDate; what: string }[]): string[] {
  // A half-term week reads as one line, not five.
  const groups = new Map<string, IsoDate[]>();
  for (const d of days) groups.set(d.what, [...(groups.get(d.what) ?? []), d.date]);
  return [...groups].map(([what, dates]) =>
    dates.length === 1 ? `${dates[0]} is ${what}` : `${dates[0]} to ${dates[dates.length - 1]}: ${what}`,
  );
}
