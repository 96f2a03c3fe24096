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

/** The UTC instant of a London wall-clock time. Throws for a time skipped when the clocks go forward. */
export function londonToInstant(date: IsoDate, time: LocalTime): IsoInstant {
  const local = DateTime.fromISO(`${date}T${time}`, { zone: SCHOOL_TIME_ZONE });
  if (!local.isValid) throw new RangeError(`${date} ${time} is not a valid London time`);
  if (local.toFormat('yyyy-MM-dd HH:mm') !== `${date} ${time}`) {
    throw new RangeError(`${date} ${time} does not exist in London (the clocks go forward)`);
  }
  return toIsoInstant(local.toMillis());
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
