import { instantMs, type IsoInstant } from '../calendar/london-time.js';

/** A time span [start, end) as UTC instants: a session slot or a busy block from a free/busy lookup. */
export interface Interval {
  start: IsoInstant;
  end: IsoInstant;
}

/** One participant's busy times (from Graph getSchedule, say). */
export interface ParticipantBusy {
  participantId: string;
  busy: readonly Interval[];
}

export interface MsInterval {
  start: number;
  end: number;
  participantId: string;
}

function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * `instantMs`, quicker for the 'YYYY-MM-DDTHH:mm:ssZ' that calendars send (a year of busy times is
 * thousands of them per plan): plain arithmetic for a real date and time in that shape, and
 * `instantMs` itself, with its answers and its errors, for anything else.
 */
export function busyInstantMs(value: IsoInstant): number {
  if (
    value.length !== 20 ||
    value.charCodeAt(19) !== 90 || // Z
    value.charCodeAt(4) !== 45 || // -
    value.charCodeAt(7) !== 45 ||
    value.charCodeAt(10) !== 84 || // T
    value.charCodeAt(13) !== 58 || // :
    value.charCodeAt(16) !== 58
  ) {
    return instantMs(value);
  }
  const century = twoDigits(value, 0);
  const yy = twoDigits(value, 2);
  const mo = twoDigits(value, 5);
  const d = twoDigits(value, 8);
  const h = twoDigits(value, 11);
  const mi = twoDigits(value, 14);
  const sec = twoDigits(value, 17);
  const y = century * 100 + yy;
  if ((century | yy | mo | d | h | mi | sec) < 0 || y < 100 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) return instantMs(value);
  const monthDays = mo === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
  if (d > monthDays) return instantMs(value);
  // Days since 1970-01-01 of a Gregorian date (H. Hinnant's days_from_civil).
  const yr = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yr / 400);
  const yoe = yr - era * 400;
  const doy = Math.floor((153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5) + d - 1;
  const days = era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
  return ((days * 24 + h) * 60 + mi) * 60_000 + sec * 1000;
}

/** All participants' busy blocks in milliseconds, sorted by start; empty or inverted blocks are dropped. */
export function busyInMs(participants: readonly ParticipantBusy[]): MsInterval[] {
  const out: MsInterval[] = [];
  for (const p of participants) {
    for (const b of p.busy) {
      const start = busyInstantMs(b.start);
      const end = busyInstantMs(b.end);
      if (end > start) out.push({ start, end, participantId: p.participantId });
    }
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end || (a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0));
}

/** Who is busy during [start, end). */
export function busyParticipants(busy: readonly MsInterval[], start: number, end: number): string[] {
  const who = new Set<string>();
  for (const b of busy) {
    if (b.start >= end) break;
    if (b.end > start) who.add(b.participantId);
  }
  return [...who].sort();
}

/**
 * Everyone's busy time as disjoint spans [starts[i], ends[i]), in order, blocks that overlap or touch
 * joined. A slot of positive length clashes with someone's block exactly when it overlaps a span.
 */
export interface BusySpans {
  starts: Float64Array;
  ends: Float64Array;
  count: number;
}

/** Parses blocks in the same order as `busyInMs` (so a bad instant is reported the same way) and joins them. */
export function busySpans(participants: readonly ParticipantBusy[]): BusySpans {
  let n = 0;
  for (const p of participants) n += p.busy.length;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  let k = 0;
  for (const p of participants) {
    for (const b of p.busy) {
      const start = busyInstantMs(b.start);
      const end = busyInstantMs(b.end);
      if (end > start) {
        starts[k] = start;
        ends[k] = end;
        k++;
      }
    }
  }
  // The union depends only on where blocks start and end, so the two can be sorted apart (numeric sorts).
  const s = starts.subarray(0, k).sort();
  const e = ends.subarray(0, k).sort();
  const out: BusySpans = { starts: new Float64Array(k), ends: new Float64Array(k), count: 0 };
  let open = 0;
  for (let i = 0, j = 0; i < k; ) {
    // A start at the same time as an end comes first, so blocks that touch are joined.
    if ((s[i] as number) <= (e[j] as number)) {
      if (open++ === 0) out.starts[out.count] = s[i] as number;
      i++;
    } else {
      if (--open === 0) out.ends[out.count++] = e[j] as number;
      j++;
    }
  }
  if (open > 0) out.ends[out.count++] = e[k - 1] as number;
  return out;
}
