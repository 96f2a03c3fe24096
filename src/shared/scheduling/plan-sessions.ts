import { calendarDays, DayClass, workingDayIndexes, type CalendarDays } from '../calendar/calendar-days.js';
import { addDays, daysBetween, describeDate, isIsoDate, weekday, type IsoDate } from '../calendar/dates.js';
import { instantMs, minutesOfDay, timeFromMinutes, toIsoInstant, type IsoInstant } from '../calendar/london-time.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { InvalidInputError } from '../errors/invalid-input.js';
import type { Cadence } from '../policy/supervision-policy.js';
import { cachedDayClock, cachedLondonDate, type DayClock } from './day-clock.js';
import { freeSlotsOn, freeStartsOn, slotGrid, type BusyLookup, type Slot, type SlotGrid } from './free-slots.js';
import { busyInMs, busySpans, type MsInterval, type ParticipantBusy } from './intervals.js';
import { maxGapLimit } from './max-gap.js';
import type { ArrangementPreferences } from './preferences.js';
import { assertWorkingHours, narrowHours, noOverlapText, schedulingSettings, type SchedulingSettings, type WorkingHours } from './scheduling-settings.js';
import { targetWindows, type TargetWindow } from './target-windows.js';

export interface PlanRequest {
  calendar: WorkingCalendar;
  yearLabel: string;
  cadence: Cadence;
  durationMinutes: number;
  /** Longest gap allowed between consecutive sessions (policy maxGapMonths). */
  maxGapMonths: number;
  participants: readonly ParticipantBusy[];
  preferences?: ArrangementPreferences;
  settings?: Partial<SchedulingSettings>;
  /** The last session before this year (held or booked), so the first gap is checked too. */
  previousSessionDate?: IsoDate;
  /**
   * The sessions the arrangement already has (held or booked, not cancelled), any year. A window of this
   * year or the next that has one is not planned again, and the gap is kept to and from their dates.
   */
  booked?: readonly BookedSession[];
  now: IsoInstant;
}

/** A session already held or booked: the year and window it counts for, and its (London) day. */
export interface BookedSession {
  academicYear: string;
  windowId: string;
  date: IsoDate;
}

export type PlannedSession =
  | { outcome: 'planned'; window: TargetWindow; slot: Slot; reason: string; setAside: string[] }
  | { outcome: 'booked'; window: TargetWindow; date: IsoDate; reason: string }
  | { outcome: 'no-slot'; window: TargetWindow; reason: string }
  | { outcome: 'past'; window: TargetWindow; reason: string };

type Preference = 'week' | 'days' | 'times' | 'edges';

// Preferences are relaxed in this order, the softest wish first. The policy's maximum gap is never traded
// for a preference: it is set aside only when no free time in the window can keep it (then first, so
// that every preference still counts).
const RELAX_ORDER: Preference[] = ['week', 'days', 'times', 'edges'];

const WEEKDAY_NAMES = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function preferenceText(c: Preference, prefs: ArrangementPreferences): string {
  switch (c) {
    case 'week':
      return `week ${prefs.weekOfHalfTerm ?? ''} of the half term`;
    case 'days':
      return `preferred days (${(prefs.days ?? []).map((d) => WEEKDAY_NAMES[d]).join(', ')})`;
    case 'times':
      return `preferred times (${(prefs.times ?? []).map((t) => `${t.from}–${t.to}`).join(', ')})`;
    case 'edges':
      return 'keeping clear of the first and last days';
  }
}

function activePreferences(prefs: ArrangementPreferences): Preference[] {
  return RELAX_ORDER.filter((c) => {
    if (c === 'week') return prefs.weekOfHalfTerm !== undefined;
    if (c === 'days') return (prefs.days?.length ?? 0) > 0;
    if (c === 'times') return (prefs.times?.length ?? 0) > 0;
    return (prefs.avoidFirstDays ?? 0) > 0 || (prefs.avoidLastDays ?? 0) > 0;
  });
}

/** What every window of one plan shares. */
interface PlanContext {
  req: PlanRequest;
  settings: SchedulingSettings;
  prefs: ArrangementPreferences;
  hours: WorkingHours;
  busy: BusyLookup;
  days: CalendarDays;
  clocks: (DayClock | undefined)[];
  nowMs: number;
  today: IsoDate;
  /** Parsed from the hours on first use, where a day's slots were first worked out before. */
  grid(): SlotGrid;
}

/**
 * One window's plannable days (indexes into the calendar's days). Whether a day has a free slot, and
 * which, is worked out only when asked: most days only ever need a yes or no.
 */
interface WindowDays {
  window: TargetWindow;
  /** 0 for the year being planned, 1 for the next (look-ahead only). */
  yearIndex: number;
  /** The first and last days of the sessions already booked for it: then it is not planned. */
  booked?: { first: IsoDate; last: IsoDate };
  past: boolean;
  /** Plannable days from today on, in order. */
  days: number[];
  /** Week of the window and first/last-days flag of each of `days`. */
  week: number[];
  edge: boolean[];
  insetSkipped: number;
  /** Positions in `days` of the days with at least one free slot, in order (worked out on first use). */
  free?: number[];
  /** Free slot starts (minutes of the day) by position in `days`, worked out on first use. */
  starts: (number[] | undefined)[];
}

function windowDays(ctx: PlanContext, window: TargetWindow, yearIndex: number, booked: { first: IsoDate; last: IsoDate } | undefined): WindowDays {
  const { req, prefs, days: cal, today } = ctx;
  if (booked) return { window, yearIndex, booked, past: window.end < today, days: [], week: [], edge: [], insetSkipped: 0, starts: [] };
  const past = window.end < today;
  const working = past ? [] : workingDayIndexes(req.calendar, window.start, window.end);
  const positions = working.map((_, i) => i);
  const isEdge = new Array<boolean>(working.length).fill(false);
  for (const i of positions.slice(0, prefs.avoidFirstDays ?? 0)) isEdge[i] = true;
  if (prefs.avoidLastDays) for (const i of positions.slice(-prefs.avoidLastDays)) isEdge[i] = true;
  const s = cal.indexOf(window.start);
  const mondayOrdinal = s !== undefined ? cal.ordinal0 + s + 1 - (cal.weekdays[s] as number) : daysBetween('1970-01-01', addDays(window.start, 1 - weekday(window.start)));
  let insetSkipped = 0;
  const days: number[] = [];
  const week: number[] = [];
  const edge: boolean[] = [];
  working.forEach((d, i) => {
    const cls = cal.classes[d];
    if (!(cls === DayClass.Term || (cls === DayClass.Inset && ctx.settings.allowInsetDays))) {
      if (cls === DayClass.Inset) insetSkipped++;
    } else if ((cal.dates[d] as IsoDate) >= today) {
      days.push(d);
      week.push(Math.floor((cal.ordinal0 + d - mondayOrdinal) / 7) + 1);
      edge.push(isEdge[i] as boolean);
    }
  });
  return { window, yearIndex, past, days, week, edge, insetSkipped, starts: [] };
}

const dayClocks = new WeakMap<CalendarDays, (DayClock | undefined)[]>();

/** The London clocks of a calendar's days, kept per calendar (an array: no date-string lookups). */
function dayClocksOf(cal: CalendarDays): (DayClock | undefined)[] {
  let clocks = dayClocks.get(cal);
  if (!clocks) dayClocks.set(cal, (clocks = []));
  return clocks;
}

function clockOf(ctx: PlanContext, d: number): DayClock {
  return (ctx.clocks[d] ??= cachedDayClock(ctx.days.dates[d] as IsoDate));
}

function freeDays(ctx: PlanContext, w: WindowDays): number[] {
  if (!w.free) {
    const free: number[] = [];
    w.days.forEach((d, p) => {
      // One free slot answers the question; the rest are found only for a day that is looked at.
      if ((w.starts[p] ?? freeStartsOn(clockOf(ctx, d), ctx.grid(), ctx.busy, ctx.nowMs, 1)).length > 0) free.push(p);
    });
    w.free = free;
  }
  return w.free;
}

function startsOn(ctx: PlanContext, w: WindowDays, p: number): number[] {
  return (w.starts[p] ??= freeStartsOn(clockOf(ctx, w.days[p] as number), ctx.grid(), ctx.busy, ctx.nowMs));
}

// A gap longer than the maximum costs one breach; between two equally short plans, one that breaks the
// gap across the summer holiday beats one that breaks it inside a school year.
const BREACH = 1000;
const breachCost = (sameYear: boolean) => BREACH + (sameYear ? 1 : 0);

const monthsLater = new WeakMap<CalendarDays, Map<number, (IsoDate | undefined)[]>>();

/** `maxGapLimit` of a calendar day, kept per calendar (the same few hundred days in every plan). */
function gapLimitOf(cal: CalendarDays, d: number, months: number): IsoDate {
  let byMonths = monthsLater.get(cal);
  if (!byMonths) monthsLater.set(cal, (byMonths = new Map()));
  let dates = byMonths.get(months);
  if (!dates) byMonths.set(months, (dates = []));
  return (dates[d] ??= maxGapLimit(cal.dates[d] as IsoDate, months));
}

/**
 * For each free day of each window (aligned with `freeDays`), the least breach cost possible from that
 * session to the end of the windows given (this year and the next, when the calendar has it). Windows
 * with no free day are passed over: the gap then runs to the next window that has one. A booked window
 * is fixed: the gap runs to its first session and on from its last.
 */
function breachesAhead(ctx: PlanContext, windows: readonly WindowDays[], maxGapMonths: number): number[][] {
  const out: number[][] = windows.map(() => []);
  // The next window with a free day: its days, costs, and the least cost up to each day.
  let next: { dates: IsoDate[]; leastUpTo: number[]; best: number } | undefined;
  let nextYear = 0;
  for (let i = windows.length - 1; i >= 0; i--) {
    const w = windows[i] as WindowDays;
    const free = w.booked ? [] : freeDays(ctx, w);
    if (!w.booked && free.length === 0) continue;
    const penalty = breachCost(w.yearIndex === nextYear);
    const here = out[i] as number[];
    const limits = w.booked ? [maxGapLimit(w.booked.last, maxGapMonths)] : free.map((p) => gapLimitOf(ctx.days, w.days[p] as number, maxGapMonths));
    for (const limit of limits) {
      if (!next) {
        here.push(0);
        continue;
      }
      // Days on or before the limit are a prefix of the next window's (they are in order).
      let lo = 0;
      let hi = next.dates.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((next.dates[mid] as IsoDate) <= limit) lo = mid + 1;
        else hi = mid;
      }
      const within = lo > 0 ? (next.leastUpTo[lo - 1] as number) : Infinity;
      here.push(Math.min(within, next.best + penalty));
    }
    const leastUpTo: number[] = [];
    here.forEach((h, k) => leastUpTo.push(Math.min(h, k > 0 ? (leastUpTo[k - 1] as number) : Infinity)));
    const dates = w.booked ? [w.booked.first] : free.map((p) => ctx.days.dates[w.days[p] as number] as IsoDate);
    next = { dates, leastUpTo, best: leastUpTo[leastUpTo.length - 1] as number };
    nextYear = w.yearIndex;
  }
  return out;
}

function noSlot(ctx: PlanContext, w: WindowDays): PlannedSession {
  const { req, hours, today } = ctx;
  const { window } = w;
  const days = w.days.map((d) => ctx.days.dates[d] as IsoDate);
  // Every plannable day is worked out in full here (no free slot anywhere), so the counts are complete.
  const entries = days.map((d) => freeSlotsOn(d, req.durationMinutes, hours, ctx.settings.slotStepMinutes, ctx.busy.blocks(), ctx.nowMs));
  const clashes = entries.reduce((n, d) => n + d.clashes, 0);
  const busyPeople = new Set(entries.flatMap((d) => [...d.busyPeople]));
  const why: string[] = [`${days.length} school day${days.length === 1 ? '' : 's'} checked`];
  if (w.insetSkipped) why.push(`${w.insetSkipped} INSET day${w.insetSkipped === 1 ? '' : 's'} not used (the school does not allow planning on INSET days)`);
  if (clashes) why.push(`every time in working hours clashes with someone's calendar (${[...busyPeople].sort().join(', ')})`);
  if (window.start < today) why.push(`days before today (${today}) are not offered`);
  if (minutesOfDay(hours.end) - minutesOfDay(hours.start) < req.durationMinutes)
    why.push(`the working hours (${hours.start}–${hours.end}) are shorter than the ${req.durationMinutes}-minute session`);
  return {
    outcome: 'no-slot',
    window,
    reason: `No ${req.durationMinutes}-minute time in ${window.label} (${window.start} to ${window.end}) between ${hours.start} and ${hours.end} when everyone is free: ${why.join('; ')}. Book it by hand or widen the working hours.`,
  };
}

/**
 * Tests slot start/end minutes against the preferred times. Each bound is read the first time it is
 * needed (an unreadable one throws then, as checking slot by slot always has) and kept.
 */
function timesMatcher(prefs: ArrangementPreferences): { fits(s: number, e: number): boolean; allRead(): boolean } {
  const times = prefs.times ?? [];
  const bounds: (number | undefined)[] = [];
  let read = 0;
  const bound = (k: number) => {
    let v = bounds[k];
    if (v === undefined) {
      const t = times[k >> 1] as { from: string; to: string };
      bounds[k] = v = minutesOfDay(k & 1 ? t.to : t.from);
      read++;
    }
    return v;
  };
  return {
    fits: (s, e) => times.some((_, i) => bound(2 * i) <= s && e <= bound(2 * i + 1)),
    allRead: () => read === 2 * times.length,
  };
}

/**
 * The earliest slot on day `p` of the window that meets the preferences kept, as checking each free
 * slot of the day in turn would find it.
 */
function pickOn(ctx: PlanContext, w: WindowDays, p: number, kept: ReadonlySet<Preference>, times: ReturnType<typeof timesMatcher>): number | undefined {
  const { prefs } = ctx;
  const d = w.days[p] as number;
  if (kept.has('week') && w.week[p] !== prefs.weekOfHalfTerm) return undefined;
  if (kept.has('days') && !(prefs.days ?? []).includes(ctx.days.weekdays[d] as number)) return undefined;
  const offEdge = !(kept.has('edges') && w.edge[p]);
  if (!kept.has('times')) return offEdge ? freeStartOn(ctx, w, p) : undefined;
  if (!offEdge && times.allRead()) return undefined;
  // Whole minutes (the step and the duration are whole numbers), so no 'HH:mm' round trip is needed.
  const duration = ctx.req.durationMinutes;
  for (const m of startsOn(ctx, w, p)) if (times.fits(m, m + duration) && offEdge) return m;
  return undefined;
}

function freeStartOn(ctx: PlanContext, w: WindowDays, p: number): number | undefined {
  const known = w.starts[p];
  if (known) return known[0];
  return freeStartsOn(clockOf(ctx, w.days[p] as number), ctx.grid(), ctx.busy, ctx.nowMs, 1)[0];
}

function slotAt(date: IsoDate, m: number, durationMinutes: number): Slot {
  const startMs = cachedDayClock(date).at(m);
  const endMs = startMs + durationMinutes * 60_000;
  return { start: toIsoInstant(startMs), end: toIsoInstant(endMs), date, localStart: timeFromMinutes(m), localEnd: timeFromMinutes(m + durationMinutes) };
}

interface GapContext {
  maxGapMonths: number;
  previous: IsoDate | undefined;
  /** True when the previous session is in this school year (not `previousSessionDate` from last year). */
  previousThisYear: boolean;
  /** The next window with a free day, for the reason. */
  nextLabel: string | undefined;
}

// seed 000 "Key Functions" (minimum every three months) and seed 003 §C (never less than three-monthly):
// the maximum gap is policy, so it outranks every preference.
function planWindow(ctx: PlanContext, w: WindowDays, ahead: readonly number[], gap: GapContext): PlannedSession {
  const { req, prefs } = ctx;
  const { window } = w;
  if (w.past) return { outcome: 'past', window, reason: `${window.label} ended on ${window.end}, before today (${ctx.today})` };
  const free = freeDays(ctx, w);
  if (free.length === 0) return noSlot(ctx, w);
  const dateOf = (p: number) => ctx.days.dates[w.days[p] as number] as IsoDate;

  const m = gap.maxGapMonths;
  const limit = gap.previous ? maxGapLimit(gap.previous, m) : undefined;
  const breachesBack = (p: number) => (limit !== undefined && dateOf(p) > limit ? 1 : 0);
  const costs = free.map((p, k) => breachesBack(p) * breachCost(gap.previousThisYear) + (ahead[k] ?? 0));
  const best = Math.min(...costs);
  let allowed = free.filter((_, k) => costs[k] === best);
  // Between equally good days, keep the gap to the session before (it is certain; the rest is a plan).
  if (allowed.some((p) => breachesBack(p) === 0)) allowed = allowed.filter((p) => breachesBack(p) === 0);
  const gapSetAside = limit !== undefined && allowed.every((p) => breachesBack(p) === 1);
  const firstAllowed = dateOf(allowed[0] as number);
  const heldBack = firstAllowed > dateOf(free[0] as number);

  const preferences = activePreferences(prefs);
  const kept = new Set(preferences);
  const relaxed: Preference[] = [];
  const times = timesMatcher(prefs);
  for (;;) {
    let pick: Slot | undefined;
    for (const p of allowed) {
      const start = pickOn(ctx, w, p, kept, times);
      if (start !== undefined) {
        pick = slotAt(dateOf(p), start, req.durationMinutes);
        break;
      }
    }
    if (pick) {
      const setAside = [...(gapSetAside ? [`the ${m}-month maximum gap`] : []), ...relaxed.map((c) => preferenceText(c, prefs))];
      const when = `${describeDate(pick.date)} ${pick.localStart}–${pick.localEnd}`;
      const met = preferences.filter((c) => kept.has(c)).map((c) => preferenceText(c, prefs));
      if (limit !== undefined && !gapSetAside) met.push(`within ${m} months of the previous session (by ${limit})`);
      let text = `${when}: the earliest time in ${window.label}`;
      if (heldBack) text += ` from ${firstAllowed} (so that the next session${gap.nextLabel ? `, in ${gap.nextLabel},` : ''} can be within ${m} months)`;
      text += ' when everyone is free';
      if (met.length) text += `, matching ${met.join('; ')}`;
      if (gapSetAside) {
        const anyInTime = free.some((p) => breachesBack(p) === 0);
        text += anyInTime
          ? `. The ${m}-month maximum gap after the previous session (${gap.previous}, so by ${limit}) was set aside: keeping to it here would mean more gaps longer than ${m} months later`
          : `. No time when everyone is free in ${window.label} is within ${m} months of the previous session (${gap.previous}, so by ${limit}), so the ${m}-month maximum gap was set aside`;
      }
      if (relaxed.length) text += `. Nothing fitted ${relaxed.map((c) => preferenceText(c, prefs)).join(' or ')}, so ${relaxed.length === 1 ? 'that was' : 'those were'} set aside`;
      return { outcome: 'planned', window, slot: pick, setAside, reason: `${text}.` };
    }
    const next = preferences.find((c) => kept.has(c));
    // Unreachable: `allowed` holds only days with a free slot, so with no preference left one fits.
    if (!next) return noSlot(ctx, w);
    kept.delete(next);
    relaxed.push(next);
  }
}

function nextYearLabel(wc: WorkingCalendar, yearLabel: string): string | undefined {
  const years = wc.calendar.years;
  const i = years.findIndex((y) => y.label === yearLabel);
  return i >= 0 ? years[i + 1]?.label : undefined;
}

/**
 * Plans an arrangement's sessions for one academic year: its target windows from the cadence and, in
 * each, the earliest slot when every participant is free that best meets the preferences. The maximum
 * gap comes first: the planner looks ahead through the rest of this year and the next (when the
 * calendar has it) and plans each session so that the fewest gaps exceed `maxGapMonths` (none, when
 * that is possible), then honours preferences, then takes the earliest such time. Pure and
 * deterministic: the same inputs always give the same plan.
 */
export function planSessions(req: PlanRequest): PlannedSession[] {
  if (!Number.isInteger(req.durationMinutes) || req.durationMinutes <= 0) {
    throw new InvalidInputError('durationMinutes', `A session must last a whole number of minutes, more than zero (got ${req.durationMinutes})`);
  }
  if (!Number.isInteger(req.maxGapMonths) || req.maxGapMonths < 1) {
    throw new InvalidInputError('maxGapMonths', `The maximum gap must be a whole number of months, at least 1 (got ${req.maxGapMonths})`);
  }
  if (req.previousSessionDate !== undefined && !isIsoDate(req.previousSessionDate)) {
    throw new InvalidInputError('previousSessionDate', `${req.previousSessionDate} is not a date (expected YYYY-MM-DD, a day that exists)`);
  }
  (req.booked ?? []).forEach((b, i) => {
    if (!isIsoDate(b.date)) throw new InvalidInputError(`booked[${i}].date`, `${b.date} is not a date (expected YYYY-MM-DD, a day that exists)`);
  });
  const settings = schedulingSettings(req.settings);
  const prefs = req.preferences ?? {};
  if (prefs.workingHours !== undefined) assertWorkingHours(prefs.workingHours, 'preferences.workingHours');
  const hours = narrowHours(settings.workingHours, prefs.workingHours);
  const spans = busySpans(req.participants);
  const windows = targetWindows(req.calendar, req.yearLabel, req.cadence);
  const following = nextYearLabel(req.calendar, req.yearLabel);
  // Next year's windows only inform the look-ahead; they are planned when that year is.
  const lookAhead = following ? targetWindows(req.calendar, following, req.cadence) : [];
  const listed = [...windows.map((w) => [w, 0] as const), ...lookAhead.map((w) => [w, 1] as const)];
  const labels = [req.yearLabel, following];
  // No windows (debriefs): nothing to plan, and nothing more (not even `now`) is read.
  if (listed.length === 0) return [];
  let grid: SlotGrid | undefined;
  let blocks: MsInterval[] | undefined;
  const nowMs = instantMs(req.now);
  const today = cachedLondonDate(req.now);
  if (!hours) {
    const why = noOverlapText(settings.workingHours, prefs.workingHours as WorkingHours);
    return windows.map((window) =>
      window.end < today
        ? { outcome: 'past', window, reason: `${window.label} ended on ${window.end}, before today (${today})` }
        : { outcome: 'no-slot', window, reason: `No time in ${window.label} (${window.start} to ${window.end}): ${why}. Change the arrangement's working hours.` },
    );
  }
  // The sessions already held or booked, by window, and every one of their days in order.
  const bookedIn = new Map<string, { first: IsoDate; last: IsoDate }>();
  for (const b of req.booked ?? []) {
    const key = `${b.academicYear}|${b.windowId}`;
    const known = bookedIn.get(key);
    bookedIn.set(key, known ? { first: b.date < known.first ? b.date : known.first, last: b.date > known.last ? b.date : known.last } : { first: b.date, last: b.date });
  }
  const bookedDays = (req.booked ?? []).map((b) => b.date).sort();
  const days = calendarDays(req.calendar);
  const ctx: PlanContext = {
    req,
    settings,
    prefs,
    hours,
    busy: { spans, blocks: () => (blocks ??= busyInMs(req.participants)) },
    nowMs,
    today,
    days,
    clocks: dayClocksOf(days),
    grid: () => (grid ??= slotGrid(req.durationMinutes, hours, settings.slotStepMinutes)),
  };
  const all = listed.map(([w, y]) => windowDays(ctx, w, y, bookedIn.get(`${labels[y] ?? ''}|${w.id}`)));
  const ahead = breachesAhead(ctx, all, req.maxGapMonths);
  const out: PlannedSession[] = [];
  let previous = req.previousSessionDate;
  let previousThisYear = false;
  const yearStart = windows[0]?.start as IsoDate;
  windows.forEach((_, i) => {
    const w = all[i] as WindowDays;
    // seed 000 "Key Functions"; seed 003 §C: a session held or booked is a fixed point for the gap.
    if (w.booked) {
      if (previous === undefined || w.booked.last > previous) [previous, previousThisYear] = [w.booked.last, true];
      out.push({
        outcome: 'booked',
        window: w.window,
        date: w.booked.last,
        reason: `Already booked (${describeDate(w.booked.last)}); the gaps before and after it are kept to that day.`,
      });
      return;
    }
    // The latest session before this window, in any year, even one that is in no window planned here.
    const before = bookedDays.filter((d) => d < w.window.start).pop();
    if (before !== undefined && (previous === undefined || before > previous)) [previous, previousThisYear] = [before, before >= yearStart];
    const nextLabel = all.slice(i + 1).find((x) => x.booked || freeDays(ctx, x).length > 0)?.window.label;
    const planned = planWindow(ctx, w, ahead[i] ?? [], { maxGapMonths: req.maxGapMonths, previous, previousThisYear, nextLabel });
    if (planned.outcome === 'planned') {
      previous = planned.slot.date;
      previousThisYear = true;
    }
    out.push(planned);
  });
  return out;
}
