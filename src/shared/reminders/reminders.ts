import { addDays, isWeekend, type IsoDate } from '../calendar/dates.js';
import { instantMs, instantToLondon, toIsoInstant, type IsoInstant } from '../calendar/london-time.js';
import { isWorkingDay, type WorkingCalendar } from '../calendar/working-calendar.js';
import { addWorkingDays, OutsideCalendarError } from '../calendar/working-days.js';
import { InvalidInputError } from '../errors/invalid-input.js';

// seed 000 "Preparing for supervision" (both parties prepare, alert each other to new agenda items):
// participants are reminded a couple of working days ahead, with the agenda.
export const DEFAULT_REMINDER_WORKING_DAYS = 2;

function checkWorkingDaysBefore(n: number): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidInputError('workingDaysBefore', `Reminders are sent a whole number of working days before a session, 1 or more (got ${n})`);
  }
}

/**
 * The London date on which a session's reminder is due: `workingDaysBefore` working days before the
 * session's London date. Counting rule: step back a day at a time from the session's day, counting only
 * working days (the school's working days: `isWorkingDay`, so weekends, bank holidays, school holidays and
 * closure days are skipped; INSET days count). The session's own day is not counted, the reminder day is:
 * 2 working days before Thursday is Tuesday (Wednesday is 1, Tuesday 2), and from the reminder day the
 * session is "in 2 working days". So the reminder day is always a working day before the session's day,
 * with N − 1 working days strictly between them.
 *
 * Refuses (InvalidInputError) a start that is not a real instant (field 'sessionStartUtc') and a number of
 * working days that is not a whole number of 1 or more (field 'workingDaysBefore'). Throws
 * OutsideCalendarError when the reminder day would fall outside the school calendar's years.
 */
export function reminderDay(sessionStartUtc: IsoInstant, workingCalendar: WorkingCalendar, workingDaysBefore: number = DEFAULT_REMINDER_WORKING_DAYS): IsoDate {
  instantMs(sessionStartUtc, 'sessionStartUtc');
  checkWorkingDaysBefore(workingDaysBefore);
  return addWorkingDays(workingCalendar, instantToLondon(sessionStartUtc).date, -workingDaysBefore);
}

/** Inside the calendar, its working days; outside it (a year not added yet), weekdays that are not bank holidays. */
function countsForReminder(wc: WorkingCalendar, date: IsoDate): boolean {
  if (date >= wc.firstDay && date <= wc.lastDay) return isWorkingDay(wc, date);
  return !isWeekend(date) && !wc.bankHolidays.has(date);
}

/**
 * `reminderDay`, but never OutsideCalendarError: where the count leaves the calendar's years (a session in
 * the first days of its first year, or after its last), days outside count when they are weekdays that are
 * not bank holidays, so such a session is still reminded rather than silently never.
 */
function dueDay(sessionStartUtc: IsoInstant, wc: WorkingCalendar, n: number): IsoDate {
  try {
    return reminderDay(sessionStartUtc, wc, n);
  } catch (error) {
    if (!(error instanceof OutsideCalendarError)) throw error;
  }
  let d = instantToLondon(sessionStartUtc).date;
  for (let left = n; left > 0;) {
    d = addDays(d, -1);
    if (countsForReminder(wc, d)) left--;
  }
  return d;
}

export interface ReminderDueInput {
  sessionStartUtc: IsoInstant;
  now: IsoInstant;
  workingCalendar: WorkingCalendar;
  /** Default DEFAULT_REMINDER_WORKING_DAYS. */
  workingDaysBefore?: number;
}

/**
 * True from the start of the reminder day (London) until the session starts: the scheduler sends each
 * reminder once (see `reminderKey`), so a reminder missed on its day (the server was down) still goes
 * out later, before the session. False once the session has started. A session booked after its reminder
 * day is reminded at once. Where the count back leaves the calendar's years, days outside it count when
 * they are weekdays that are not bank holidays (never OutsideCalendarError: such a session is still
 * reminded). Refuses what `reminderDay` refuses, and a `now` that is not a real instant (field 'now').
 */
export function isReminderDue(input: ReminderDueInput): boolean {
  const startMs = instantMs(input.sessionStartUtc, 'sessionStartUtc');
  const nowMs = instantMs(input.now, 'now');
  const n = input.workingDaysBefore ?? DEFAULT_REMINDER_WORKING_DAYS;
  checkWorkingDaysBefore(n);
  if (nowMs >= startMs) return false;
  return instantToLondon(input.now).date >= dueDay(input.sessionStartUtc, input.workingCalendar, n);
}

const SAFE_ID = /^[A-Za-z0-9.-]{1,80}$/;

/** FNV-1a over the UTF-16 code units, twice with different offsets: 2 × 32 bits in base 36. */
function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193) >>> 0;
  }
  return `${a.toString(36)}${b.toString(36)}`;
}

function keyPart(id: string, field: string): string {
  if (id === '') throw new InvalidInputError(field, `The ${field} for a reminder key is empty`);
  if (SAFE_ID.test(id) && !id.startsWith('.') && !id.endsWith('.')) return id;
  // Anything else keeps a readable prefix plus a hash of the whole id, so two ids never share a key by accident.
  const readable = id
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${readable}~${hash(id)}`;
}

/**
 * A stable key for one reminder: one session, one participant, one start time. A session that is moved
 * gets a new key, so its participants are reminded of the new time. Only letters, digits, '.', '-', '~'
 * and '_' (URL- and SharePoint-safe), at most 255 characters: 'rem_<session>_<participant>_20270212T090000Z'.
 * Ids with other characters, or longer than 80, are shortened and carry a hash of the whole id.
 */
export function reminderKey(sessionId: string, participantId: string, sessionStartUtc: IsoInstant): string {
  const start = toIsoInstant(instantMs(sessionStartUtc, 'sessionStartUtc')).replace(/[-:]/g, '');
  return `rem_${keyPart(sessionId, 'sessionId')}_${keyPart(participantId, 'participantId')}_${start}`;
}
