import { daysBetween, describeDate, type IsoDate } from '../calendar/dates.js';
import { addMinutes, instantMs, instantToLondon, isIsoInstant, minutesOfDay, toIsoInstant, type IsoInstant } from '../calendar/london-time.js';
import { dayKind, describeDayKind, isPlannableDay, type WorkingCalendar } from '../calendar/working-calendar.js';
import { busyInMs, busyParticipants, type ParticipantBusy } from '../scheduling/intervals.js';
import { maxGapLimit, maxGapStart } from '../scheduling/max-gap.js';
import type { ArrangementPreferences } from '../scheduling/preferences.js';
import { narrowHours, schedulingSettings, type SchedulingSettings, type WorkingHours } from '../scheduling/scheduling-settings.js';
import type { TargetWindow } from '../scheduling/target-windows.js';

/** The admin moves one proposed session to another time before confirming. */
export interface Move {
  arrangementId: string;
  windowId: string;
  start: IsoInstant;
}

export type MoveVerdict =
  | { ok: true; start: IsoInstant; end: IsoInstant; reason: string; /** Present when a rule is still not kept (as at the proposed time). */ setAside?: string[] }
  | { ok: false; message: string };

/** What the maximum gap is measured against for a moved session. */
export interface MoveGap {
  /** The arrangement's longest gap allowed between consecutive sessions (policy maxGapMonths). */
  maxGapMonths: number;
  /** The (London) days of the arrangement's other sessions: held or booked, and the rest of this plan. Not this session's. */
  others: readonly IsoDate[];
  /** The day the planner proposed for this session: a gap it already had to leave over the maximum may stay, not grow. */
  proposed?: IsoDate;
}

const months = (m: number) => `${m} month${m === 1 ? '' : 's'}`;

/** Days past the maximum gap each side of a session on `date` (0 or less: within it), and the sessions either side. */
function gapsAround(date: IsoDate, gap: MoveGap) {
  let previous: IsoDate | undefined;
  let next: IsoDate | undefined;
  for (const d of gap.others) {
    if (d <= date && (previous === undefined || d > previous)) previous = d;
    if (d >= date && (next === undefined || d < next)) next = d;
  }
  const m = gap.maxGapMonths;
  return {
    previous,
    next,
    overBefore: previous === undefined ? -Infinity : daysBetween(maxGapLimit(previous, m), date),
    overAfter: next === undefined ? -Infinity : daysBetween(maxGapLimit(date, m), next),
  };
}

// seed 000 "Key Functions" (minimum every three months); seed 003 §C (never less than three-monthly).
/**
 * Refuses a day that makes the gap to the session before or after longer than the maximum. Where the
 * proposed day itself could not keep it (an overdue arrangement), the move may keep that gap but not
 * lengthen it.
 */
function checkGap(date: IsoDate, when: string, gap: MoveGap): { ok: false; message: string } | { ok: true; over: string[] } {
  const m = gap.maxGapMonths;
  const here = gapsAround(date, gap);
  const base = gap.proposed === undefined ? undefined : gapsAround(gap.proposed, gap);
  const rule = `the maximum gap between sessions is ${months(m)}`;
  if (here.previous !== undefined && here.overBefore > Math.max(0, base?.overBefore ?? 0)) {
    return {
      ok: false,
      message: `${when} is more than ${months(m)} after the previous session (${describeDate(here.previous)}): ${rule}, so choose a day by ${describeDate(maxGapLimit(here.previous, m))}.`,
    };
  }
  if (here.next !== undefined && here.overAfter > Math.max(0, base?.overAfter ?? 0)) {
    return {
      ok: false,
      message: `${when} is more than ${months(m)} before the next session (${describeDate(here.next)}): ${rule}, so choose a day on or after ${describeDate(maxGapStart(here.next, m))}.`,
    };
  }
  const over = [
    ...(here.previous !== undefined && here.overBefore > 0 ? [`after the previous session (${describeDate(here.previous)})`] : []),
    ...(here.next !== undefined && here.overAfter > 0 ? [`before the next session (${describeDate(here.next)})`] : []),
  ];
  return { ok: true, over };
}

/**
 * Checks a moved session against the same rules the planner keeps: inside its window, on a school
 * day (not INSET unless allowed), inside working hours, on the slot grid, in the future, within the
 * maximum gap of the arrangement's sessions either side, and when everyone is free.
 */
export function checkMove(req: {
  calendar: WorkingCalendar;
  window: TargetWindow;
  start: IsoInstant;
  durationMinutes: number;
  participants: readonly ParticipantBusy[];
  preferences?: ArrangementPreferences;
  settings?: Partial<SchedulingSettings>;
  gap: MoveGap;
  now: IsoInstant;
}): MoveVerdict {
  if (!isIsoInstant(req.start)) return { ok: false, message: `${req.start} is not a time that exists: give a UTC time such as 2027-02-12T09:00:00Z.` };
  const settings = schedulingSettings(req.settings);
  const start = toIsoInstant(instantMs(req.start));
  const end = addMinutes(start, req.durationMinutes);
  const local = instantToLondon(start);
  const localEnd = instantToLondon(end);
  const when = `${describeDate(local.date)} ${local.time}–${localEnd.time}`;
  const { window } = req;
  if (local.date < window.start || local.date > window.end) {
    return { ok: false, message: `${when} is outside ${window.label} (${window.start} to ${window.end}): choose a day in that window.` };
  }
  if (!isPlannableDay(req.calendar, local.date, settings.allowInsetDays)) {
    return { ok: false, message: `${describeDate(local.date)} is ${describeDayKind(dayKind(req.calendar, local.date))}: choose a school day.` };
  }
  const hours = narrowHours(settings.workingHours, req.preferences?.workingHours);
  if (!hours) {
    const own = req.preferences?.workingHours as WorkingHours;
    const school = settings.workingHours;
    return {
      ok: false,
      message: `The arrangement's working hours (${own.start}–${own.end}) do not overlap the school's (${school.start}–${school.end}): change the arrangement's hours first.`,
    };
  }
  if (localEnd.date !== local.date || minutesOfDay(local.time) < minutesOfDay(hours.start) || minutesOfDay(localEnd.time) > minutesOfDay(hours.end)) {
    return { ok: false, message: `${when} is outside working hours (${hours.start}–${hours.end}).` };
  }
  if (minutesOfDay(local.time) % settings.slotStepMinutes !== 0) {
    return {
      ok: false,
      message: `Sessions start on the ${settings.slotStepMinutes}-minute grid (such as ${local.time.slice(0, 3)}00 or ${local.time.slice(0, 3)}${String(settings.slotStepMinutes).padStart(2, '0')}).`,
    };
  }
  if (instantMs(start) < instantMs(req.now)) return { ok: false, message: `${when} has already passed.` };
  const gap = checkGap(local.date, when, req.gap);
  if (!gap.ok) return gap;
  const who = busyParticipants(busyInMs(req.participants), instantMs(start), instantMs(end));
  if (who.length > 0)
    return { ok: false, message: `${when} clashes with ${who.length === 1 ? "someone's" : `${who.length} people's`} calendar: choose a time when everyone is free.` };
  const reason = `${when}: moved by you; inside ${window.label}, in working hours, when everyone is free.`;
  if (gap.over.length === 0) return { ok: true, start, end, reason };
  const m = req.gap.maxGapMonths;
  return {
    ok: true,
    start,
    end,
    reason: `${reason} The gap ${gap.over.join(' and ')} is already longer than ${months(m)} at the proposed time, and this move does not lengthen it.`,
    setAside: [`the ${m}-month maximum gap`],
  };
}
