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
  starts: number[];
  ends: number[];
  count: number;
}

const NO_SPANS: BusySpans = { starts: [], ends: [], count: 0 };

/** Parses blocks in the same order as `busyInMs` (so a bad instant is reported the same way) and joins them. */
export function busySpans(participants: readonly ParticipantBusy[]): BusySpans {
  let spans = NO_SPANS;
  for (const p of participants) {
    const own = spansOf(p.busy);
    spans = spans.count === 0 ? own : own.count === 0 ? spans : joined(spans, own);
  }
  return spans;
}

/** One person's blocks joined: in one pass when they are listed in time order (or the reverse), as calendars list them. */
function spansOf(busy: readonly Interval[]): BusySpans {
  const starts: number[] = [];
  const ends: number[] = [];
  let k = 0;
  let rising = true;
  let falling = true;
  for (const b of busy) {
    const start = busyInstantMs(b.start);
    const end = busyInstantMs(b.end);
    if (end > start) {
      if (k > 0) {
        const before = starts[k - 1] as number;
        if (start < before) rising = false;
        if (start > before) falling = false;
      }
      starts.push(start);
      ends.push(end);
      k++;
    }
  }
  if (rising) return joinInOrder(starts, ends, k, 1);
  if (falling) return joinInOrder(starts, ends, k, -1);
  return joinUnordered(starts, ends, k);
}

/** Blocks in order of start (`dir` 1), or the reverse (-1), joined where they overlap or touch. */
function joinInOrder(starts: readonly number[], ends: readonly number[], k: number, dir: 1 | -1): BusySpans {
  const out: BusySpans = { starts: [], ends: [], count: 0 };
  let spanStart = 0;
  let spanEnd = -Infinity;
  for (let n = 0; n < k; n++) {
    const i = dir === 1 ? n : k - 1 - n;
    const start = starts[i] as number;
    const end = ends[i] as number;
    if (start <= spanEnd) {
      if (end > spanEnd) spanEnd = end;
    } else {
      if (spanEnd !== -Infinity) push(out, spanStart, spanEnd);
      spanStart = start;
      spanEnd = end;
    }
  }
  if (spanEnd !== -Infinity) push(out, spanStart, spanEnd);
  return out;
}

function push(out: BusySpans, start: number, end: number): void {
  out.starts.push(start);
  out.ends.push(end);
  out.count++;
}

/** Blocks in any order: the union depends only on where blocks start and end, so the two are sorted apart. */
function joinUnordered(starts: readonly number[], ends: readonly number[], k: number): BusySpans {
  const s = Float64Array.from(starts).sort();
  const e = Float64Array.from(ends).sort();
  const out: BusySpans = { starts: [], ends: [], count: 0 };
  let open = 0;
  for (let i = 0, j = 0; i < k; ) {
    // A start at the same time as an end comes first, so blocks that touch are joined.
    if ((s[i] as number) <= (e[j] as number)) {
      if (open++ === 0) out.starts.push(s[i] as number);
      i++;
    } else {
      if (--open === 0) {
        out.ends.push(e[j] as number);
        out.count++;
      }
      j++;
    }
  }
  if (open > 0) {
    out.ends.push(e[k - 1] as number);
    out.count++;
  }
  return out;
}

/** Two people's spans joined into one list (each list is already in order). */
function joined(a: BusySpans, b: BusySpans): BusySpans {
  const out: BusySpans = { starts: [], ends: [], count: 0 };
  let i = 0;
  let j = 0;
  let spanStart = 0;
  let spanEnd = -Infinity;
  while (i < a.count || j < b.count) {
    const fromA = j >= b.count || (i < a.count && (a.starts[i] as number) <= (b.starts[j] as number));
    const start = (fromA ? a.starts[i] : b.starts[j]) as number;
    const end = (fromA ? a.ends[i++] : b.ends[j++]) as number;
    if (start <= spanEnd) {
      if (end > spanEnd) spanEnd = end;
    } else {
      if (spanEnd !== -Infinity) push(out, spanStart, spanEnd);
      spanStart = start;
      spanEnd = end;
    }
  }
  if (spanEnd !== -Infinity) push(out, spanStart, spanEnd);
  return out;
}
