import { DateTime } from 'luxon';
import type { IsoDate } from './dates.js';

/**
 * Times of day are 'HH:mm' in Europe/London (what staff see); instants are ISO strings in UTC
 * ending 'Z' (what calendars store). A 09:00 session is 08:00Z in British Summer Time and 09:00Z in winter.
 */
export const SCHOOL_TIME_ZONE = 'Europe/London';

export type IsoInstant = string;
export type LocalTime = string; // 'HH:mm'

const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isLocalTime(value: string): boolean {
  return LOCAL_TIME.test(value);
}

export function minutesOfDay(time: LocalTime): number {
  const m = LOCAL_TIME.exec(time);
  if (!m) throw new RangeError(`${time} is not a time of day (expected HH:mm)`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function timeFromMinutes(minutes: number): LocalTime {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/**
 * The UTC instant of a London wall-clock time. Throws for a time skipped when the clocks go forward.
 * A time in the hour repeated when the clocks go back (01:00–01:59 on the last Sunday of October)
 * happens twice; it is read as the second, GMT, occurrence (01:30 → 01:30Z, not 00:30Z), on purpose
 * and whatever luxon's own guess. School days are never Sundays, so sessions never meet it.
 */
export function londonToInstant(date: IsoDate, time: LocalTime): IsoInstant {
  const local = DateTime.fromISO(`${date}T${time}`, { zone: SCHOOL_TIME_ZONE });
  if (!local.isValid) throw new RangeError(`${date} ${time} is not a valid London time`);
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  if (local.year !== y || local.month !== mo || local.day !== d || local.hour !== h || local.minute !== mi) {
    throw new RangeError(`${date} ${time} does not exist in London (the clocks go forward)`);
  }
  const ms = local.toMillis();
  const later = ms + 3_600_000;
  const again = DateTime.fromMillis(later, { zone: SCHOOL_TIME_ZONE });
  // The same wall-clock time an hour later: the repeated hour. Take the GMT (later) instant.
  if (again.toFormat('yyyy-MM-dd HH:mm') === `${date} ${time}`) return toIsoInstant(later);
  return toIsoInstant(ms);
}

/** The London date and time of an instant. */
export function instantToLondon(instant: IsoInstant): { date: IsoDate; time: LocalTime } {
  const local = DateTime.fromMillis(instantMs(instant), { zone: SCHOOL_TIME_ZONE });
  return { date: local.toFormat('yyyy-MM-dd'), time: local.toFormat('HH:mm') };
}

export function instantMs(instant: IsoInstant): number {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`${instant} is not an ISO instant`);
  return ms;
}

export function toIsoInstant(ms: number): IsoInstant {
  // Whole seconds, 'Z': '2025-09-16T09:00:00Z'.
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function addMinutes(instant: IsoInstant, minutes: number): IsoInstant {
  return toIsoInstant(instantMs(instant) + minutes * 60_000);
}

/**
 * A fast converter for many times on one London day: the day's UTC offset is looked up once. On the
 * two days a year the clocks change (always Sundays) it falls back to `londonToInstant` for each time.
 */
export function londonDayClock(date: IsoDate): (minutesOfDay: number) => number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const atMidnight = DateTime.fromObject({ year: y, month: mo, day: d }, { zone: SCHOOL_TIME_ZONE }).offset;
  const atEnd = DateTime.fromObject({ year: y, month: mo, day: d, hour: 23, minute: 59 }, { zone: SCHOOL_TIME_ZONE }).offset;
  if (atMidnight !== atEnd) return (m) => instantMs(londonToInstant(date, timeFromMinutes(m)));
  const utcMidnight = Date.UTC(y, mo - 1, d);
  return (m) => utcMidnight + (m - atMidnight) * 60_000;
}
