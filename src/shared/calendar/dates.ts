import { InvalidInputError } from '../errors/invalid-input.js';

/**
 * Calendar days are ISO date strings 'YYYY-MM-DD' (a day in the school's own calendar, no time zone).
 * Arithmetic runs on UTC midnights so it never meets a daylight-saving change.
 */
export type IsoDate = string;

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7; // ISO: Monday = 1 … Sunday = 7

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days in a month of the Gregorian calendar (month 1–12): 29 for February 2028, 28 for February 2027. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * True when year, month (1–12) and day name a day that exists (30 February does not). Arithmetic only.
 * Years before 100 are refused: `Date.UTC` would read them as 1900–1999.
 */
export function isRealDate(year: number, month: number, day: number): boolean {
  return Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) && year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** True when `value` is 'YYYY-MM-DD' and that day exists (2027-02-30 does not). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  return isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

function toUtcMs(date: IsoDate): number {
  if (!isIsoDate(date)) throw new InvalidInputError('date', `${date} is not a date (expected YYYY-MM-DD, a day that exists)`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function fromUtcMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The day `year`-`month`-`day`, carried over as `Date.UTC` does (month 13 is next January, day 0 the
 * last day of the month before): target windows and bank holidays use that for month arithmetic. Not for
 * reading input: check it with `isRealDate` first (30 February would become 2 March).
 */
export function isoDate(year: number, month: number, day: number): IsoDate {
  return fromUtcMs(Date.UTC(year, month - 1, day));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** The same day `months` calendar months later (or earlier), on the month's last day when it is shorter. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  toUtcMs(date); // refuses a day that does not exist (2026-02-30), never rolls it over
  if (!Number.isInteger(months)) throw new InvalidInputError('months', `Months to add must be a whole number (got ${months})`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  // 30 Nov + 3 months is 28/29 Feb, not 2 March.
  return isoDate(target.getUTCFullYear(), target.getUTCMonth() + 1, Math.min(d, lastDay));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

export function weekday(date: IsoDate): Weekday {
  const js = new Date(toUtcMs(date)).getUTCDay();
  return (js === 0 ? 7 : js) as Weekday;
}

export function isWeekend(date: IsoDate): boolean {
  return weekday(date) >= 6;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/** Every day from `start` to `end`, both included. */
export function eachDay(start: IsoDate, end: IsoDate): IsoDate[] {
  const days: IsoDate[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) days.push(d);
  return days;
}

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export function weekdayName(day: Weekday): string {
  return WEEKDAY_NAMES[day - 1] ?? '';
}

/** 'Tue 2025-09-16' — used in reasons and messages. */
export function describeDate(date: IsoDate): string {
  return `${weekdayName(weekday(date))} ${date}`;
}
