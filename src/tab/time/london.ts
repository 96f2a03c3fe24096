// Dates and times as school staff read them: Europe/London wall-clock time, British English. The
// server stores UTC instants ('2026-12-03T13:00:00Z') and plain dates ('2026-12-03'). Built on Intl
// only (no date library), to keep the tab small; src/shared/calendar/london-time.ts is the server's
// luxon-based twin and the tests check the two agree.

export const SCHOOL_TIME_ZONE = 'Europe/London';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: SCHOOL_TIME_ZONE,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: SCHOOL_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: SCHOOL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** 'Thu 3 Dec 2026' for an instant (its London date). Built from parts: ICU versions differ on the comma. */
export function formatDate(instant: string): string {
  return formatDay(new Date(instant));
}

function formatDay(date: Date): string {
  const parts: Record<string, string> = {};
  for (const p of dateFormat.formatToParts(date)) parts[p.type] = p.value;
  return `${parts['weekday']} ${parts['day']} ${parts['month']} ${parts['year']}`;
}

/** 'Thu 3 Dec 2026' for a plain calendar date ('2026-12-03'); the text itself for anything else. */
export function formatIsoDate(date: string): string {
  const m = ISO_DATE.exec(date);
  if (!m) return date;
  // Noon UTC is the same calendar day in London whatever the season.
  return formatDay(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12)));
}

/** '13:00' (London) for an instant. */
export function formatTime(instant: string): string {
  return timeFormat.format(new Date(instant));
}

/** 'Thu 3 Dec 2026, 13:00–15:00' (London); the end's date is added when it falls on another day. */
export function formatTimeRange(start: string, end: string): string {
  const sameDay = londonParts(Date.parse(start)).date === londonParts(Date.parse(end)).date;
  return sameDay ? `${formatDate(start)}, ${formatTime(start)}–${formatTime(end)}` : `${formatDate(start)}, ${formatTime(start)} – ${formatDate(end)}, ${formatTime(end)}`;
}

/** 'Thu 3 Dec 2026, 13:00' (London). */
export function formatDateTime(instant: string): string {
  return `${formatDate(instant)}, ${formatTime(instant)}`;
}

/** The London calendar date and wall-clock time of an instant (milliseconds since the epoch). */
export function londonParts(ms: number): { date: string; time: string; localMs: number } {
  const parts: Record<string, string> = {};
  for (const p of partsFormat.formatToParts(new Date(ms))) parts[p.type] = p.value;
  const y = Number(parts['year']);
  const mo = Number(parts['month']);
  const d = Number(parts['day']);
  const h = Number(parts['hour']) % 24;
  const mi = Number(parts['minute']);
  const s = Number(parts['second']);
  return {
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    time: `${String(h).padStart(2, '0')}:${parts['minute']}`,
    localMs: Date.UTC(y, mo - 1, d, h, mi, s),
  };
}

/** The value for an `<input type="datetime-local">` showing an instant in London time: 'YYYY-MM-DDTHH:mm'. */
export function toLondonInputValue(instant: string): string {
  const { date, time } = londonParts(Date.parse(instant));
  return `${date}T${time}`;
}

export type LocalConversion = { readonly ok: true; readonly instant: string } | { readonly ok: false; readonly message: string };

/**
 * The UTC instant ('…Z', whole seconds) of a London wall-clock time typed into a datetime-local input.
 * A time skipped when the clocks go forward (01:00–01:59 on the last Sunday of March) does not exist
 * and is refused; a time in the hour repeated when they go back is read as the second (GMT) one, as the
 * server does (src/shared/calendar/london-time.ts).
 */
export function londonInputToInstant(value: string): LocalConversion {
  const m = LOCAL_INPUT.exec(value.trim());
  if (!m) return { ok: false, message: 'Enter a date and a time, such as 12/02/2027 09:00.' };
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const wanted = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(wanted);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) {
    return { ok: false, message: `${value} is not a date and time that exists.` };
  }
  // London is UTC+0 or UTC+1: try both offsets and keep those that read back as the wanted wall-clock time.
  const matches = [wanted - 3_600_000, wanted].filter((candidate) => londonParts(candidate).localMs === wanted);
  const chosen = matches[matches.length - 1]; // the later: GMT in the repeated hour
  if (chosen === undefined) {
    return { ok: false, message: `${m[4]}:${m[5]} on that day does not exist in London: the clocks go forward an hour. Choose another time.` };
  }
  return { ok: true, instant: new Date(chosen).toISOString().replace(/\.\d{3}Z$/, 'Z') };
}
