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

/** The digit at `i`; any other character gives a number outside 0–9. */
const digit = (s: string, i: number) => s.charCodeAt(i) - 48;

/**
 * `instantMs`, quicker for the 'YYYY-MM-DDTHH:mm:ssZ' that calendars send (a year of busy times is
 * thousands of them per plan): integer arithmetic for a real date and time in that shape, and
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
  const y0 = digit(value, 0);
  const y1 = digit(value, 1);
  const y2 = digit(value, 2);
  const y3 = digit(value, 3);
  const mo0 = digit(value, 5);
  const mo1 = digit(value, 6);
  const d0 = digit(value, 8);
  const d1 = digit(value, 9);
  const h0 = digit(value, 11);
  const h1 = digit(value, 12);
  const mi0 = digit(value, 14);
  const mi1 = digit(value, 15);
  const s0 = digit(value, 17);
  const s1 = digit(value, 18);
  // A character below '0' is negative, so as unsigned it is above 9 too.
  if (
    y0 >>> 0 > 9 ||
    y1 >>> 0 > 9 ||
    y2 >>> 0 > 9 ||
    y3 >>> 0 > 9 ||
    mo0 >>> 0 > 9 ||
    mo1 >>> 0 > 9 ||
    d0 >>> 0 > 9 ||
    d1 >>> 0 > 9 ||
    h0 >>> 0 > 9 ||
    h1 >>> 0 > 9 ||
    mi0 >>> 0 > 9 ||
    mi1 >>> 0 > 9 ||
    s0 >>> 0 > 9 ||
    s1 >>> 0 > 9
  ) {
    return instantMs(value);
  }
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const mo = mo0 * 10 + mo1;
  const d = d0 * 10 + d1;
  const h = h0 * 10 + h1;
  const mi = mi0 * 10 + mi1;
  const sec = s0 * 10 + s1;
  if (y < 100 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) return instantMs(value);
  const monthDays = mo === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
  if (d > monthDays) return instantMs(value);
  // Days since 1970-01-01 of a Gregorian date (H. Hinnant's days_from_civil); every term is positive, so `| 0` floors.
  const yr = mo <= 2 ? y - 1 : y;
  const era = (yr / 400) | 0;
  const yoe = yr - era * 400;
  const doy = (((153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5) | 0) + d - 1;
  const days = era * 146_097 + yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy - 719_468;
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

/**
 * One person's blocks joined. Calendars list events in time order (or the reverse, or out of order only
 * within a day), so a short insertion sort puts them in order; a list far out of order is sorted apart.
 */
function spansOf(busy: readonly Interval[]): BusySpans {
  const starts: number[] = [];
  const ends: number[] = [];
  for (const b of busy) {
    const start = busyInstantMs(b.start);
    const end = busyInstantMs(b.end);
    if (end > start) {
      starts.push(start);
      ends.push(end);
    }
  }
  const k = starts.length;
  if (k > 1 && (starts[0] as number) > (starts[k - 1] as number)) {
    starts.reverse();
    ends.reverse();
  }
  return sortNearlyInOrder(starts, ends, 4 * k) ? joinInOrder(starts, ends) : joinUnordered(starts, ends);
}

/**
 * Sorts blocks by start in place by insertion, giving up (false) after `budget` moves. Either way the
 * lists still hold every block once.
 */
function sortNearlyInOrder(starts: number[], ends: number[], budget: number): boolean {
  let moves = 0;
  for (let i = 1; i < starts.length; i++) {
    const start = starts[i] as number;
    const end = ends[i] as number;
    let j = i - 1;
    for (; j >= 0 && (starts[j] as number) > start; j--) {
      starts[j + 1] = starts[j] as number;
      ends[j + 1] = ends[j] as number;
      if (++moves > budget) {
        starts[j] = start;
        ends[j] = end;
        return false;
      }
    }
    starts[j + 1] = start;
    ends[j + 1] = end;
  }
  return true;
}

/**
 * Collects blocks given in order of start into spans, joining those that overlap or touch: the one sweep
 * behind a person's blocks (joinInOrder) and two people's spans (joined).
 */
function spanSweep(): { add(start: number, end: number): void; done(): BusySpans } {
  const out: BusySpans = { starts: [], ends: [], count: 0 };
  let spanStart = 0;
  let spanEnd = -Infinity;
  return {
    add(start, end) {
      if (start <= spanEnd) {
        if (end > spanEnd) spanEnd = end;
      } else {
        if (spanEnd !== -Infinity) push(out, spanStart, spanEnd);
        spanStart = start;
        spanEnd = end;
      }
    },
    done() {
      if (spanEnd !== -Infinity) push(out, spanStart, spanEnd);
      return out;
    },
  };
}

/** Blocks in order of start joined where they overlap or touch. */
function joinInOrder(starts: readonly number[], ends: readonly number[]): BusySpans {
  const sweep = spanSweep();
  for (let i = 0; i < starts.length; i++) sweep.add(starts[i] as number, ends[i] as number);
  return sweep.done();
}

function push(out: BusySpans, start: number, end: number): void {
  out.starts.push(start);
  out.ends.push(end);
  out.count++;
}

/** Blocks in any order: the union depends only on where blocks start and end, so the two are sorted apart. */
function joinUnordered(starts: readonly number[], ends: readonly number[]): BusySpans {
  const k = starts.length;
  const s = Float64Array.from(starts).sort();
  const e = Float64Array.from(ends).sort();
  const out: BusySpans = { starts: [], ends: [], count: 0 };
  let open = 0;
  for (let i = 0, j = 0; i < k;) {
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
  const sweep = spanSweep();
  let i = 0;
  let j = 0;
  while (i < a.count || j < b.count) {
    const fromA = j >= b.count || (i < a.count && (a.starts[i] as number) <= (b.starts[j] as number));
    if (fromA) sweep.add(a.starts[i] as number, a.ends[i++] as number);
    else sweep.add(b.starts[j] as number, b.ends[j++] as number);
  }
  return sweep.done();
}
