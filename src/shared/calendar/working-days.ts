import { InvalidInputError } from '../errors/invalid-input.js';
import { addDays, isIsoDate, type IsoDate } from './dates.js';
import { dayKind, describeDayKind, isWorkingDay, type WorkingCalendar } from './working-calendar.js';

/**
 * The answer lies outside the calendar's years: not bad input, a year the school has not added yet.
 * Callers may turn it into advice ("add the next academic year"); an InvalidInputError they must not.
 */
export class OutsideCalendarError extends RangeError {
  override readonly name = 'OutsideCalendarError';
  constructor(
    readonly date: IsoDate,
    readonly calendarFirstDay: IsoDate,
    readonly calendarLastDay: IsoDate,
  ) {
    super(`No school calendar covers ${date} (the calendar runs ${calendarFirstDay} to ${calendarLastDay}): add that academic year`);
  }
}

function outOfCalendar(wc: WorkingCalendar, date: IsoDate): OutsideCalendarError {
  return new OutsideCalendarError(date, wc.firstDay, wc.lastDay);
}

function notADate(field: string, value: IsoDate): InvalidInputError {
  return new InvalidInputError(field, `${value} is not a date (expected YYYY-MM-DD, a day that exists)`);
}

/**
 * The date `n` working days after `date` (n ≥ 1), or before it when n is negative (n ≤ -1). `date` itself
 * is never counted. Refuses (InvalidInputError) a date that does not exist and an n that is 0 or not whole:
 * "0 working days after" names no working day. Throws OutsideCalendarError when the answer would lie
 * outside the calendar's years.
 */
export function addWorkingDays(wc: WorkingCalendar, date: IsoDate, n: number): IsoDate {
  if (!isIsoDate(date)) throw notADate('date', date);
  if (!Number.isInteger(n) || n === 0) {
    throw new InvalidInputError('workingDays', `Working days to add must be a whole number other than 0, such as 5 or -5 (got ${n})`);
  }
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
 *
 * Refuses (InvalidInputError) a number of working days that is not a whole number of 1 or more (field
 * 'workingDays'), and an original date that does not exist or is not a working day (field 'originalDate':
 * a session is only ever postponed from a day the school is open; an INSET day counts). An original date
 * or deadline beyond the calendar's years throws OutsideCalendarError.
 */
export function postponementWindow(wc: WorkingCalendar, originalDate: IsoDate, workingDays: number = DEFAULT_POSTPONEMENT_WORKING_DAYS): PostponementWindow {
  checkPostponement(wc, originalDate, workingDays);
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

/** The last day a session postponed from `originalDate` may be re-held on; refuses what `postponementWindow` refuses. */
export function postponementDeadline(wc: WorkingCalendar, originalDate: IsoDate, workingDays = DEFAULT_POSTPONEMENT_WORKING_DAYS): IsoDate {
  checkPostponement(wc, originalDate, workingDays);
  return addWorkingDays(wc, originalDate, workingDays);
}

function checkPostponement(wc: WorkingCalendar, originalDate: IsoDate, workingDays: number): void {
  if (!Number.isInteger(workingDays) || workingDays < 1) {
    throw new InvalidInputError('workingDays', `The re-booking window must be a whole number of working days, 1 or more (got ${workingDays})`);
  }
  if (!isIsoDate(originalDate)) throw notADate('originalDate', originalDate);
  const kind = dayKind(wc, originalDate);
  if (kind.kind === 'term' || kind.kind === 'inset') return;
  if (kind.kind === 'outside-calendar') throw outOfCalendar(wc, originalDate);
  throw new InvalidInputError('originalDate', `${originalDate} is ${describeDayKind(kind)}, not a school day: a session can only be postponed from a school day`);
}

function groupByWhat(days: { date: IsoDate; what: string }[]): string[] {
  // A half-term week reads as one line, not five.
  const groups = new Map<string, IsoDate[]>();
  for (const d of days) groups.set(d.what, [...(groups.get(d.what) ?? []), d.date]);
  return [...groups].map(([what, dates]) => (dates.length === 1 ? `${dates[0]} is ${what}` : `${dates[0]} to ${dates[dates.length - 1]}: ${what}`));
}
