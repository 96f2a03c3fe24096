import { addDays, addMonths, type IsoDate } from '../calendar/dates.js';

// seed 000 "Key Functions" (minimum every three months); seed 003 §C (never less than three-monthly).
/**
 * The last day the session after one on `previous` may fall on: `maxGapMonths` calendar months later
 * (the month's last day when it is shorter: 30 Nov + 3 months is 28 Feb). The one definition of the
 * maximum gap, for the planner and for a moved session alike.
 */
export function maxGapLimit(previous: IsoDate, maxGapMonths: number): IsoDate {
  return addMonths(previous, maxGapMonths);
}

/** The first day a session may fall on so that the one on `next` is within the maximum gap of it. */
export function maxGapStart(next: IsoDate, maxGapMonths: number): IsoDate {
  // Counting back can land a few days early when a month is shorter (28 Feb + 3 months is only 28 May).
  let day = addMonths(next, -maxGapMonths);
  while (maxGapLimit(day, maxGapMonths) < next) day = addDays(day, 1);
  return day;
}
