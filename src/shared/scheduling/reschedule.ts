import { addDays, describeDate } from '../calendar/dates.js';
import { instantMs, instantToLondon, minutesOfDay, type IsoInstant } from '../calendar/london-time.js';
import { isPlannableDay, type WorkingCalendar } from '../calendar/working-calendar.js';
import { postponementWindow, workingDaysBetween, type PostponementWindow } from '../calendar/working-days.js';
import { freeSlotsOn, type Slot } from './free-slots.js';
import { busyInMs, type Interval, type ParticipantBusy } from './intervals.js';
import type { ArrangementPreferences } from './preferences.js';
import { narrowHours, schedulingSettings, type SchedulingSettings } from './scheduling-settings.js';

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

// seed 000 "Frequency of Safeguarding Supervision" and Appendix 3 §3: an alternate within one working week.
/**
 * Ranked alternatives for a postponed session, all inside the postponement window (the original day to
 * the deadline, inclusive), on plannable days, inside working hours, after `now` and the original, when everyone is free.
 * Sooner days rank first, then times closest to the original time of day. None → 'escalate'.
 */
export function rescheduleOptions(req: RescheduleRequest): RescheduleResult {
  const settings = schedulingSettings(req.settings);
  const wc = req.calendar;
  const original = instantToLondon(req.original.start);
  const durationMinutes = Math.round((instantMs(req.original.end) - instantMs(req.original.start)) / 60_000);
  let window: PostponementWindow;
  try {
    window = postponementWindow(wc, original.date, settings.postponementWorkingDays);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    // The working week runs past the calendar's last year: its deadline is unknown, so nobody can be offered a date.
    const next = nextYearLabel(wc);
    return {
      kind: 'escalate',
      window: { from: original.date, deadline: wc.lastDay, explanation: `The school calendar ends on ${wc.lastDay}, before ${settings.postponementWorkingDays} working days after ${original.date}` },
      reason: `Cannot work out the re-booking deadline for the ${original.date} session: the school calendar ends on ${wc.lastDay}. Add the next academic year (${next}) to the school calendar, then re-book; meanwhile tell the supervisor's manager.`,
    };
  }
  const busy = busyInMs([...req.participants, { participantId: '(original session)', busy: [req.original] }]);
  // Alternates come after the original and after now.
  const nowMs = Math.max(instantMs(req.now), instantMs(req.original.end));
  const originalMinutes = minutesOfDay(original.time);
  const hours = narrowHours(settings.workingHours, req.preferences?.workingHours);

  const all: Omit<RankedSlot, 'rank'>[] = [];
  for (let d = window.from; d <= window.deadline; d = addDays(d, 1)) {
    if (!isPlannableDay(wc, d, settings.allowInsetDays)) continue;
    const day = freeSlotsOn(d, durationMinutes, hours, settings.slotStepMinutes, busy, nowMs);
    const later = workingDaysBetween(wc, original.date, d);
    const ranked = [...day.free].sort(
      (a, b) => Math.abs(minutesOfDay(a.localStart) - originalMinutes) - Math.abs(minutesOfDay(b.localStart) - originalMinutes) || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0),
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
