import type { IsoDate } from '../calendar/dates.js';
import { instantToLondon, londonDayClock, type IsoInstant } from '../calendar/london-time.js';

export interface DayClock {
  /** `londonDayClock(date)`: the UTC milliseconds of a minute of the London day. */
  at: (minutesOfDay: number) => number;
  /** One UTC offset all day (every day but the two a year the clocks change): `at` is linear. */
  steady: boolean;
}

const MAX_ENTRIES = 4096;
const clocks = new Map<IsoDate, DayClock>();
const londonDates = new Map<IsoInstant, IsoDate>();

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  // Bounded, so a long-lived process that meets many dates does not grow without end.
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * `londonDayClock(date)`, kept: planning asks for the same few hundred school days again and again, and
 * each lookup of the day's UTC offset costs two time-zone conversions.
 */
export function cachedDayClock(date: IsoDate): DayClock {
  const known = clocks.get(date);
  if (known) return known;
  const at = londonDayClock(date);
  // 00:00 and 23:59 exist on every London day, so probing them never throws.
  return remember(clocks, date, { at, steady: at(1439) - at(0) === 1439 * 60_000 });
}

/** `instantToLondon(instant).date`, kept (every plan of a preview asks it of the same `now`). */
export function cachedLondonDate(instant: IsoInstant): IsoDate {
  return londonDates.get(instant) ?? remember(londonDates, instant, instantToLondon(instant).date);
}
