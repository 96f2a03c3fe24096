import { DateTime } from 'luxon';
import { InvalidInputError } from '../errors/invalid-input.js';
import { isIsoDate, isRealDate, type IsoDate } from './dates.js';

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
  if (!m) throw new InvalidInputError('time', `${time} is not a time of day (expected HH:mm, 00:00 to 23:59)`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function timeFromMinutes(minutes: number): LocalTime {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/**
 * The UTC instant of a London wall-clock time. Throws (InvalidInputError) for a date that does not exist
 * (2027-02-30 is never rolled over to 2 March) and for a time skipped when the clocks go forward.
 * A time in the hour repeated when the clocks go back (01:00–01:59 on the last Sunday of October)
 * happens twice; it is read as the second, GMT, occurrence (01:30 → 01:30Z, not 00:30Z), on purpose
 * and whatever luxon's own guess. School days are never Sundays, so sessions never meet it.
 */
export function londonToInstant(date: IsoDate, time: LocalTime): IsoInstant {
  if (!isIsoDate(date)) throw new InvalidInputError('date', `${date} is not a date (expected YYYY-MM-DD, a day that exists)`);
  if (!isLocalTime(time)) throw new InvalidInputError('time', `${time} is not a time of day (expected HH:mm, 00:00 to 23:59)`);
  const local = DateTime.fromISO(`${date}T${time}`, { zone: SCHOOL_TIME_ZONE });
  if (!local.isValid) throw new InvalidInputError('time', `${date} ${time} is not a valid London time`);
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  if (local.year !== y || local.month !== mo || local.day !== d || local.hour !== h || local.minute !== mi) {
    throw new InvalidInputError('time', `${date} ${time} does not exist in London (the clocks go forward)`);
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
  const ms = instantMs(instant);
  const fast = londonFast(ms);
  if (fast) return fast;
  const local = DateTime.fromMillis(ms, { zone: SCHOOL_TIME_ZONE });
  return { date: local.toFormat('yyyy-MM-dd'), time: local.toFormat('HH:mm') };
}

// UK summer time since 1996: from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday
// of October. Worked out here because the compliance dashboard converts hundreds of thousands of instants
// per request and luxon's zone lookup dominated it. Each year's rule is first checked against the time-zone
// database (through luxon) at its four edges: a year where the law differs goes through luxon instead.
const summerTime = new Map<number, readonly [number, number] | null>();
const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone: SCHOOL_TIME_ZONE }).offset;
function lastSundayAt1Utc(year: number, month: number): number {
  const lastDay = Date.UTC(year, month + 1, 0, 1);
  return lastDay - new Date(lastDay).getUTCDay() * 86_400_000;
}
const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));
function londonFast(ms: number): { date: IsoDate; time: LocalTime } | undefined {
  const year = new Date(ms).getUTCFullYear();
  if (!Number.isFinite(ms) || year < 1996 || year > 2199) return undefined;
  let bst = summerTime.get(year);
  if (bst === undefined) {
    const [from, to] = [lastSundayAt1Utc(year, 2), lastSundayAt1Utc(year, 9)];
    const agrees = offsetAt(from - 1) === 0 && offsetAt(from) === 60 && offsetAt(to - 1) === 60 && offsetAt(to) === 0;
    bst = agrees ? ([from, to] as const) : null;
    summerTime.set(year, bst);
  }
  if (bst === null) return undefined;
  const local = new Date(ms + (ms >= bst[0] && ms < bst[1] ? 3_600_000 : 0));
  return {
    date: `${local.getUTCFullYear()}-${p2(local.getUTCMonth() + 1)}-${p2(local.getUTCDate())}`,
    time: `${p2(local.getUTCHours())}:${p2(local.getUTCMinutes())}`,
  };
}

// 'YYYY-MM-DDTHH:mm', optional ':ss' and fraction, then 'Z' or '±hh:mm'. Nothing else: no bare local times.
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
}

function twoDigits(s: string, i: number): number {
  return digit(s, i) * 10 + digit(s, i + 1);
}

/** Milliseconds since the epoch, or NaN when `value` is not a strict ISO instant of a real date and time. */
function parseInstant(value: string): number {
  // Fast path for what `toIsoInstant` writes, 'YYYY-MM-DDTHH:mm:ssZ': character codes, no regex (hot loops).
  if (
    value.length === 20 &&
    value.charCodeAt(19) === 90 && // Z
    value.charCodeAt(4) === 45 && // -
    value.charCodeAt(7) === 45 &&
    value.charCodeAt(10) === 84 && // T
    value.charCodeAt(13) === 58 && // :
    value.charCodeAt(16) === 58
  ) {
    const y = twoDigits(value, 0) * 100 + twoDigits(value, 2);
    const h = twoDigits(value, 11);
    const mi = twoDigits(value, 14);
    const sec = twoDigits(value, 17);
    const mo = twoDigits(value, 5);
    const d = twoDigits(value, 8);
    // NaN (a non-digit) fails every comparison below, so it is refused too.
    if (!(h <= 23 && mi <= 59 && sec <= 59) || !isRealDate(y, mo, d)) return NaN;
    return Date.UTC(y, mo - 1, d, h, mi, sec);
  }
  const m = ISO_INSTANT.exec(value);
  if (!m) return NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const sec = m[6] === undefined ? 0 : Number(m[6]);
  if (h > 23 || mi > 59 || sec > 59 || !isRealDate(y, mo, d)) return NaN;
  // Milliseconds from the first three digits of the fraction (Graph sends seven); the rest are dropped.
  const frac = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  let offset = 0;
  if (m[8] !== undefined) {
    const oh = Number(m[9]);
    const om = Number(m[10]);
    if (oh > 23 || om > 59) return NaN;
    offset = (m[8] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return Date.UTC(y, mo - 1, d, h, mi, sec, frac) - offset * 60_000;
}

/**
 * True when `value` is an ISO 8601 instant with an explicit offset ('Z' or ±hh:mm) on a date and time that
 * exist: '2027-02-12T09:00:00Z', '2027-02-12T09:00Z', '2027-02-12T09:00:00.000Z', '2027-02-12T10:00:00+01:00'.
 * For zod refinements at the edge.
 */
export function isIsoInstant(value: string): boolean {
  return !Number.isNaN(parseInstant(value));
}

/**
 * Milliseconds since the epoch. Strict: a date that does not exist ('2027-02-30T09:00:00Z'), an hour past 23
 * or a time without 'Z' or an offset throws InvalidInputError naming the value, never rolls over.
 * A regex and arithmetic (it runs in hot loops). `field` names the input in the error.
 */
export function instantMs(instant: IsoInstant, field = 'instant'): number {
  const ms = parseInstant(instant);
  if (Number.isNaN(ms)) throw invalidInstant(instant, field);
  return ms;
}

function invalidInstant(value: string, field: string): InvalidInputError {
  const m = ISO_INSTANT.exec(value);
  if (m && !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    return new InvalidInputError(field, `${value} is not a real date and time: ${m[1]}-${m[2]}-${m[3]} does not exist`);
  }
  if (m) return new InvalidInputError(field, `${value} is not a real date and time: the time or the offset is out of range`);
  return new InvalidInputError(field, `${value} is not a date and time with a time zone (expected e.g. 2027-02-12T09:00:00Z or 2027-02-12T10:00:00+01:00)`);
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
  if (!isIsoDate(date)) throw new InvalidInputError('date', `${date} is not a date (expected YYYY-MM-DD, a day that exists)`);
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const atMidnight = DateTime.fromObject({ year: y, month: mo, day: d }, { zone: SCHOOL_TIME_ZONE }).offset;
  const atEnd = DateTime.fromObject({ year: y, month: mo, day: d, hour: 23, minute: 59 }, { zone: SCHOOL_TIME_ZONE }).offset;
  if (atMidnight !== atEnd) return (m) => instantMs(londonToInstant(date, timeFromMinutes(m)));
  const utcMidnight = Date.UTC(y, mo - 1, d);
  return (m) => utcMidnight + (m - atMidnight) * 60_000;
}
