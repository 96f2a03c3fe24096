import { addDays, daysBetween, isIsoDate, weekday, type IsoDate } from './dates.js';
import { dayKind, type WorkingCalendar } from './working-calendar.js';
import { workingDaysIn } from './working-days.js';

/** What `classes` holds for a day: a term day, an INSET day, or anything else (not a working day). */
export const DayClass = { Other: 0, Term: 1, Inset: 2 } as const;

/**
 * Every day of a WorkingCalendar's span worked out once: its date, weekday and kind. Planning asks the
 * same questions of the same calendar for thousands of arrangements, so the answers are kept.
 */
export interface CalendarDays {
  /** Every day from `firstDay` to `lastDay`, in order. */
  dates: readonly IsoDate[];
  /** Days since 1970-01-01 of `dates[0]`; day i is `ordinal0 + i`. */
  ordinal0: number;
  classes: Uint8Array;
  weekdays: Uint8Array;
  indexOf(date: IsoDate): number | undefined;
}

// A WorkingCalendar is treated as read-only once made (as `makeWorkingCalendar` hands it out).
const memo = new WeakMap<WorkingCalendar, CalendarDays>();

export function calendarDays(wc: WorkingCalendar): CalendarDays {
  let days = memo.get(wc);
  if (!days) {
    const dates: IsoDate[] = [];
    for (let d = wc.firstDay; d <= wc.lastDay; d = addDays(d, 1)) dates.push(d);
    const classes = new Uint8Array(dates.length);
    const weekdays = new Uint8Array(dates.length);
    const index = new Map<IsoDate, number>();
    dates.forEach((d, i) => {
      const k = dayKind(wc, d).kind;
      classes[i] = k === 'term' ? DayClass.Term : k === 'inset' ? DayClass.Inset : DayClass.Other;
      weekdays[i] = weekday(d);
      index.set(d, i);
    });
    days = { dates, ordinal0: daysBetween('1970-01-01', wc.firstDay), classes, weekdays, indexOf: (d) => index.get(d) };
    memo.set(wc, days);
  }
  return days;
}

/**
 * Indexes into `calendarDays(wc)` of the working days from `start` to `end`, both included: the same
 * days as `workingDaysIn`. Days outside the calendar are never working days, so the span is clipped to it.
 */
export function workingDayIndexes(wc: WorkingCalendar, start: IsoDate, end: IsoDate): number[] {
  const days = calendarDays(wc);
  const out: number[] = [];
  if (start > end) return out;
  if (!isIsoDate(start)) {
    // Let `workingDaysIn` refuse it as it always has.
    for (const d of workingDaysIn(wc, start, end)) out.push(days.indexOf(d) as number);
    return out;
  }
  const hi = firstAfter(days.dates, end);
  for (let i = firstAfter(days.dates, start, true); i < hi; i++) if (days.classes[i] !== DayClass.Other) out.push(i);
  return out;
}

/** The first index whose date is after `date` (or at or after it, with `orOn`). */
function firstAfter(dates: readonly IsoDate[], date: IsoDate, orOn = false): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const d = dates[mid] as IsoDate;
    if (d < date || (!orOn && d === date)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
