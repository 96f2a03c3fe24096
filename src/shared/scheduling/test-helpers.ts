import { instantMs, instantToLondon, minutesOfDay } from '../calendar/london-time.js';
import type { Slot } from './free-slots.js';
import type { ParticipantBusy } from './intervals.js';
import type { WorkingHours } from './scheduling-settings.js';

/** True when a slot clashes with anyone's busy time. */
export function clashes(slot: Slot, participants: readonly ParticipantBusy[]): boolean {
  const s = instantMs(slot.start);
  const e = instantMs(slot.end);
  return participants.some((p) => p.busy.some((b) => instantMs(b.start) < e && instantMs(b.end) > s));
}

/** True when the slot lies inside working hours on its London day, checked from its UTC instants. */
export function insideHours(slot: Slot, hours: WorkingHours): boolean {
  const start = instantToLondon(slot.start);
  const end = instantToLondon(slot.end);
  return start.date === slot.date && end.date === slot.date && minutesOfDay(start.time) >= minutesOfDay(hours.start) && minutesOfDay(end.time) <= minutesOfDay(hours.end);
}
