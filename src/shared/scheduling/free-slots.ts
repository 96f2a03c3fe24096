import type { IsoDate } from '../calendar/dates.js';
import { minutesOfDay, timeFromMinutes, toIsoInstant, type LocalTime } from '../calendar/london-time.js';
import { cachedDayClock, type DayClock } from './day-clock.js';
import { busyParticipants, type BusySpans, type MsInterval } from './intervals.js';
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
export function freeSlotsOn(date: IsoDate, durationMinutes: number, hours: WorkingHours, stepMinutes: number, busy: readonly MsInterval[], nowMs: number): DaySlots {
  const result: DaySlots = { free: [], clashes: 0, busyPeople: new Set() };
  const open = minutesOfDay(hours.start);
  const close = minutesOfDay(hours.end);
  // Grid from midnight so 08:30 + 15-minute steps gives :00/:15/:30/:45 whatever the opening time.
  const firstStart = Math.ceil(open / stepMinutes) * stepMinutes;
  const clock = cachedDayClock(date).at;
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

/** The step grid of a plan in minutes of the day (see `freeSlotsOn`). */
export interface SlotGrid {
  open: number;
  close: number;
  firstStart: number;
  step: number;
  duration: number;
}

export function slotGrid(durationMinutes: number, hours: WorkingHours, stepMinutes: number): SlotGrid {
  const open = minutesOfDay(hours.start);
  const close = minutesOfDay(hours.end);
  return { open, close, firstStart: Math.ceil(open / stepMinutes) * stepMinutes, step: stepMinutes, duration: durationMinutes };
}

/** Busy time two ways: joined spans for the quick check, and the blocks themselves (made on first use). */
export interface BusyLookup {
  spans: BusySpans;
  blocks(): readonly MsInterval[];
}

/**
 * The starts (minutes of the day) of the free slots `freeSlotsOn` would give on the day of `day`
 * (`cachedDayClock(date)`), in order, but no more than `limit` of them: numbers only, no strings.
 * `grid.duration` must be positive.
 */
export function freeStartsOn(day: DayClock, grid: SlotGrid, busy: BusyLookup, nowMs: number, limit = Infinity): number[] {
  const out: number[] = [];
  const { close, duration, step } = grid;
  const { at: clock, steady } = day;
  const closeMs = clock(close);
  if (closeMs <= nowMs) return out;
  // Every slot, as freeSlotsOn would (a time the clocks skip throws even after `limit` free ones).
  if (!steady) return freeStartsSlotBySlot(clock, grid, busy.blocks(), nowMs).slice(0, limit);
  // With one offset all day, every slot lies between opening and closing, and starts rise with m.
  const { starts, ends, count } = busy.spans;
  const openMs = clock(grid.open);
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ends[mid] as number) <= openMs) lo = mid + 1;
    else hi = mid;
  }
  let j = lo;
  for (let m = grid.firstStart; m + duration <= close; m += step) {
    const startMs = clock(m);
    if (startMs < nowMs) continue;
    while (j < count && (ends[j] as number) <= startMs) j++;
    if (j < count && (starts[j] as number) < startMs + duration * 60_000) continue;
    if (out.push(m) >= limit) break;
  }
  return out;
}

/** `freeSlotsOn`'s own check, slot by slot against every block, for the days the clocks change. */
function freeStartsSlotBySlot(clock: (m: number) => number, grid: SlotGrid, busy: readonly MsInterval[], nowMs: number): number[] {
  const out: number[] = [];
  const { open, close, duration, step } = grid;
  const dayBusy = busy.filter((b) => b.start < clock(close) && b.end > clock(open));
  for (let m = grid.firstStart; m + duration <= close; m += step) {
    const startMs = clock(m);
    if (startMs < nowMs) continue;
    if (!busyParticipants(dayBusy, startMs, startMs + duration * 60_000).length) out.push(m);
  }
  return out;
}
