import { InvalidInputError } from '../errors/invalid-input.js';
import { addDays, describeDate } from '../calendar/dates.js';
import { instantMs, instantToLondon, minutesOfDay, type IsoInstant } from '../calendar/london-time.js';
import { isPlannableDay, type WorkingCalendar } from '../calendar/working-calendar.js';
import { OutsideCalendarError, postponementWindow, workingDaysBetween, type PostponementWindow } from '../calendar/working-days.js';
import { freeSlotsOn, type Slot } from './free-slots.js';
import { busyInMs, type Interval, type ParticipantBusy } from './intervals.js';
import type { ArrangementPreferences } from './preferences.js';
import { assertWorkingHours, narrowHours, noOverlapText, schedulingSettings, type SchedulingSettings, type WorkingHours } from './scheduling-settings.js';

export interface RescheduleRequest {
  calendar: WorkingCalendar;
  /** The session being postponed. Its own time is never offered again. */
  original: Interval;
  participants: readonly ParticipantBusy[];
  settings?: Partial<SchedulingSettings>;
  /** The arrangement's preferences; only its narrower working hours (part-time staff) apply to re-booking. */
  preferences?: Pick<ArrangementPreferences, 'workingHours'>;
  now: IsoInstant;
}

export interface RankedSlot {
  slot: Slot;
  rank: number;
  /** Working days after the original date (0 = the same day). */
  workingDaysLater: number;
  reason: string;
}

export type RescheduleResult =
  | { kind: 'candidates'; window: PostponementWindow; candidates: RankedSlot[] }
  // Nothing fits before the deadline: the supervisor's manager must be told (seed 000 "Entitlement", seed 003 §F).
  | { kind: 'escalate'; window: PostponementWindow; reason: string };

function nextYearLabel(wc: WorkingCalendar): string {
  const last = wc.calendar.years[wc.calendar.years.length - 1]?.label ?? '';
  const m = /^(\d{4})\/(\d{2})$/.exec(last);
  return m ? `${Number(m[1]) + 1}/${String((Number(m[2]) + 1) % 100).padStart(2, '0')}` : `the year after ${last}`;
}

function timeShift(minutes: number): string {
  if (minutes === 0) return 'at the same time';
  const h = Math.floor(Math.abs(minutes) / 60);
  const m = Math.abs(minutes) % 60;
  const span = [h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ');
  return `${span} ${minutes > 0 ? 'later' : 'earlier'} in the day`;
}

/** Runs `check`, naming its InvalidInputError's field as the request does ('workingHours' → 'settings.workingHours'). */
function inRequest<T>(rename: (field: string) => string, check: () => T): T {
  try {
    return check();
  } catch (e) {
    if (e instanceof InvalidInputError) throw new InvalidInputError(rename(e.field), e.message);
    throw e;
  }
}

// seed 000 "Frequency of Safeguarding Supervision" and Appendix 3 §3: an alternate within one working week.
/**
 * Ranked alternatives for a postponed session, all inside the postponement window (the original day to
 * the deadline, inclusive), on plannable days, inside working hours, after `now` and the original, when everyone is free.
 * Sooner days rank first, then times closest to the original time of day. None → 'escalate'; so is a
 * window that runs past the calendar's last year (the next year must be added).
 *
 * Refuses bad input with InvalidInputError, never an escalation: an original that does not end after it
 * starts or is not on a school day (field 'original'), instants that do not exist ('original.start',
 * 'original.end', 'now'), settings out of range ('settings.workingHours', 'settings.slotStepMinutes', …) and
 * the arrangement's working hours ending before they start ('preferences.workingHours').
 */
export function rescheduleOptions(req: RescheduleRequest): RescheduleResult {
  const settings = inRequest(
    (f) => `settings.${f}`,
    () => schedulingSettings(req.settings),
  );
  if (req.preferences?.workingHours !== undefined) assertWorkingHours(req.preferences.workingHours, 'preferences.workingHours');
  const wc = req.calendar;
  const startMs = instantMs(req.original.start, 'original.start');
  const endMs = instantMs(req.original.end, 'original.end');
  const nowMs = instantMs(req.now, 'now');
  if (endMs <= startMs) {
    throw new InvalidInputError('original', `The session being postponed must end after it starts (got ${req.original.start} to ${req.original.end})`);
  }
  const durationMinutes = Math.round((endMs - startMs) / 60_000);
  if (durationMinutes < 1) {
    throw new InvalidInputError('original', `The session being postponed must last at least a minute (got ${req.original.start} to ${req.original.end})`);
  }
  const original = instantToLondon(req.original.start);
  let window: PostponementWindow;
  try {
    window = inRequest(
      (f) => (f === 'workingDays' ? 'settings.postponementWorkingDays' : 'original'),
      () => postponementWindow(wc, original.date, settings.postponementWorkingDays),
    );
  } catch (e) {
    // Only a missing year escalates; bad input (an InvalidInputError) goes back to the caller.
    if (!(e instanceof OutsideCalendarError)) throw e;
    if (original.date < wc.firstDay) {
      return {
        kind: 'escalate',
        window: { from: original.date, deadline: original.date, explanation: `The school calendar starts on ${wc.firstDay}, after ${original.date}` },
        reason: `Cannot work out the re-booking deadline for the ${original.date} session: the school calendar starts on ${wc.firstDay}. Add the academic year that includes ${original.date} to the school calendar, then re-book; meanwhile tell the supervisor's manager.`,
      };
    }
    // The working week runs past the calendar's last year: its deadline is unknown, so nobody can be offered a date.
    const next = nextYearLabel(wc);
    return {
      kind: 'escalate',
      window: {
        from: original.date,
        deadline: wc.lastDay,
        explanation: `The school calendar ends on ${wc.lastDay}, before ${settings.postponementWorkingDays} working days after ${original.date}`,
      },
      reason: `Cannot work out the re-booking deadline for the ${original.date} session: the school calendar ends on ${wc.lastDay}. Add the next academic year (${next}) to the school calendar, then re-book; meanwhile tell the supervisor's manager.`,
    };
  }
  const busy = busyInMs([...req.participants, { participantId: '(original session)', busy: [req.original] }]);
  // Alternates come after the original and after now.
  const notBeforeMs = Math.max(nowMs, endMs);
  const originalMinutes = minutesOfDay(original.time);
  const hours = narrowHours(settings.workingHours, req.preferences?.workingHours);
  if (!hours) {
    return {
      kind: 'escalate',
      window,
      reason: `No time from ${window.from} to ${window.deadline}: ${noOverlapText(settings.workingHours, req.preferences?.workingHours as WorkingHours)}. Tell the supervisor's manager and agree a date.`,
    };
  }

  const all: Omit<RankedSlot, 'rank'>[] = [];
  for (let d = window.from; d <= window.deadline; d = addDays(d, 1)) {
    if (!isPlannableDay(wc, d, settings.allowInsetDays)) continue;
    const day = freeSlotsOn(d, durationMinutes, hours, settings.slotStepMinutes, busy, notBeforeMs);
    const later = workingDaysBetween(wc, original.date, d);
    const ranked = [...day.free].sort(
      (a, b) =>
        Math.abs(minutesOfDay(a.localStart) - originalMinutes) - Math.abs(minutesOfDay(b.localStart) - originalMinutes) || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0),
    );
    for (const slot of ranked.slice(0, settings.rescheduleCandidatesPerDay)) {
      const shift = minutesOfDay(slot.localStart) - originalMinutes;
      const dayText = later === 0 ? 'the same day' : `${later} working day${later === 1 ? '' : 's'} later`;
      all.push({
        slot,
        workingDaysLater: later,
        reason: `${describeDate(slot.date)} ${slot.localStart}–${slot.localEnd}: ${dayText}, ${timeShift(shift)}; everyone is free (deadline ${window.deadline})`,
      });
    }
  }
  const candidates = all.slice(0, settings.rescheduleCandidates).map((c, i) => ({ ...c, rank: i + 1 }));
  if (candidates.length === 0) {
    return {
      kind: 'escalate',
      window,
      reason: `No time from ${window.from} to ${window.deadline} when everyone is free for ${durationMinutes} minutes in working hours (${hours.start}–${hours.end}). Tell the supervisor's manager and agree a date.`,
    };
  }
  return { kind: 'candidates', window, candidates };
}
