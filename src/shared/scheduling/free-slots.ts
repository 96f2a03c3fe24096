import type { IsoDate } from '../calendar/dates.js';
import { londonDayClock, minutesOfDay, timeFromMinutes, toIsoInstant, type LocalTime } from '../calendar/london-time.js';
import { busyParticipants, type MsInterval } from './intervals.js';
import type { WorkingHours } from './scheduling-settings.js';

/** A slot on a school day, with its London wall-clock times for reasons and cards. */
export interface Slot {
  start: string; // UTC instant
  end: string; // UTC instant
  date: IsoDate; // London date
  localStart: LocalTime;
  localEnd: LocalTime;
}

export interface DaySlots {
  free: Slot[];
  /** Slots inside working hours and after now that someone was busy for. */
  clashes: number;
  busyPeople: Set<string>;
}

/**
 * Every slot of `durationMinutes` on `date` that starts on the step grid, lies inside working hours,
 * starts at or after `nowMs`, and clashes with nobody's busy time.
 */
export function freeSlotsOn(
  date: IsoDate,
  durationMinutes: number,
  hours: WorkingHours,
  stepMinutes: number,
  busy: readonly MsInterval[],
  nowMs: number,
): DaySlots {
  const result: DaySlots = { free: [], clashes: 0, busyPeople: new Set() };
  const open = minutesOfDay(hours.start);
  const close = minutesOfDay(hours.end);
  // Grid from midnight so 08:30 + 15-minute steps gives :00/:15/:30/:45 whatever the opening time.
  const firstStart = Math.ceil(open / stepMinutes) * stepMinutes;
  const clock = londonDayClock(date);
  if (clock(close) <= nowMs) return result;
  const dayBusy = busy.filter((b) => b.start < clock(close) && b.end > clock(open));
  for (let m = firstStart; m + durationMinutes <= close; m += stepMinutes) {
    const startMs = clock(m);
    if (startMs < nowMs) continue;
    const endMs = startMs + durationMinutes * 60_000;
    const who = busyParticipants(dayBusy, startMs, endMs);
    if (who.length) {
      result.clashes++;
      for (const w of who) result.busyPeople.add(w);
      continue;
    }
    result.free.push({
      start: toIsoInstant(startMs),
      end: toIsoInstant(endMs),
      date,
      localStart: timeFromMinutes(m),
      localEnd: timeFromMinutes(m + durationMinutes),
    });
  }
  return result;
}
