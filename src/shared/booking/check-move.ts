import { describeDate } from '../calendar/dates.js';
import { addMinutes, instantMs, instantToLondon, isIsoInstant, minutesOfDay, toIsoInstant, type IsoInstant } from '../calendar/london-time.js';
import { dayKind, describeDayKind, isPlannableDay, type WorkingCalendar } from '../calendar/working-calendar.js';
import { busyInMs, busyParticipants, type ParticipantBusy } from '../scheduling/intervals.js';
import type { ArrangementPreferences } from '../scheduling/preferences.js';
import { narrowHours, schedulingSettings, type SchedulingSettings, type WorkingHours } from '../scheduling/scheduling-settings.js';
import type { TargetWindow } from '../scheduling/target-windows.js';

/** The admin moves one proposed session to another time before confirming. */
export interface Move {
  arrangementId: string;
  windowId: string;
  start: IsoInstant;
}

export type MoveVerdict = { ok: true; start: IsoInstant; end: IsoInstant; reason: string } | { ok: false; message: string };

/**
 * Checks a moved session against the same rules the planner keeps: inside its window, on a school
 * day (not INSET unless allowed), inside working hours, on the slot grid, in the future, and when
 * everyone is free.
 */
export function checkMove(req: {
  calendar: WorkingCalendar;
  window: TargetWindow;
  start: IsoInstant;
  durationMinutes: number;
  participants: readonly ParticipantBusy[];
  preferences?: ArrangementPreferences;
  settings?: Partial<SchedulingSettings>;
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
  const who = busyParticipants(busyInMs(req.participants), instantMs(start), instantMs(end));
  if (who.length > 0)
    return { ok: false, message: `${when} clashes with ${who.length === 1 ? "someone's" : `${who.length} people's`} calendar: choose a time when everyone is free.` };
  return { ok: true, start, end, reason: `${when}: moved by you; inside ${window.label}, in working hours, when everyone is free.` };
}
