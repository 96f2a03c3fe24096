import { addDays, addMonths, daysBetween, describeDate, weekday, type IsoDate } from '../calendar/dates.js';
import { instantMs, instantToLondon, minutesOfDay, type IsoInstant } from '../calendar/london-time.js';
import { dayKind, isPlannableDay, type WorkingCalendar } from '../calendar/working-calendar.js';
import { workingDaysIn } from '../calendar/working-days.js';
import type { Cadence } from '../policy/supervision-policy.js';
import { freeSlotsOn, type Slot } from './free-slots.js';
import { busyInMs, type ParticipantBusy } from './intervals.js';
import type { ArrangementPreferences } from './preferences.js';
import { narrowHours, schedulingSettings, type SchedulingSettings, type WorkingHours } from './scheduling-settings.js';
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
  now: IsoInstant;
}

export type PlannedSession =
  | { outcome: 'planned'; window: TargetWindow; slot: Slot; reason: string; setAside: string[] }
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

interface Candidate {
  slot: Slot;
  week: number;
  edge: boolean;
}

function meets(c: Candidate, kept: ReadonlySet<Preference>, prefs: ArrangementPreferences): boolean {
  if (kept.has('week') && c.week !== prefs.weekOfHalfTerm) return false;
  if (kept.has('days') && !(prefs.days ?? []).includes(weekday(c.slot.date))) return false;
  if (kept.has('times')) {
    const s = minutesOfDay(c.slot.localStart);
    const e = minutesOfDay(c.slot.localEnd);
    if (!(prefs.times ?? []).some((t) => minutesOfDay(t.from) <= s && e <= minutesOfDay(t.to))) return false;
  }
  if (kept.has('edges') && c.edge) return false;
  return true;
}

function effectiveHours(settings: SchedulingSettings, prefs: ArrangementPreferences): WorkingHours {
  return narrowHours(settings.workingHours, prefs.workingHours);
}

interface DayEntry {
  candidates: Candidate[];
  clashes: number;
  busyPeople: Set<string>;
}

/** One window's plannable days, with free slots worked out a day at a time and kept. */
interface WindowDays {
  window: TargetWindow;
  /** 0 for the year being planned, 1 for the next (look-ahead only). */
  yearIndex: number;
  past: boolean;
  /** Plannable days from today on, in order. */
  days: IsoDate[];
  insetSkipped: number;
  entry(date: IsoDate): DayEntry;
  /** Days with at least one free slot, in order (worked out on first use). */
  freeDays(): IsoDate[];
}

function windowDays(
  req: PlanRequest,
  window: TargetWindow,
  yearIndex: number,
  settings: SchedulingSettings,
  prefs: ArrangementPreferences,
  hours: WorkingHours,
  busy: ReturnType<typeof busyInMs>,
): WindowDays {
  const wc = req.calendar;
  const nowMs = instantMs(req.now);
  const today = instantToLondon(req.now).date;
  const past = window.end < today;
  const working = past ? [] : workingDaysIn(wc, window.start, window.end);
  const first = new Set(working.slice(0, prefs.avoidFirstDays ?? 0));
  const last = new Set(prefs.avoidLastDays ? working.slice(-prefs.avoidLastDays) : []);
  const windowMonday = addDays(window.start, 1 - weekday(window.start));
  let insetSkipped = 0;
  const days: IsoDate[] = [];
  for (const date of working) {
    if (!isPlannableDay(wc, date, settings.allowInsetDays)) {
      if (dayKind(wc, date).kind === 'inset') insetSkipped++;
    } else if (date >= today) days.push(date);
  }
  const perDay = new Map<IsoDate, DayEntry>();
  const entry = (date: IsoDate): DayEntry => {
    let e = perDay.get(date);
    if (!e) {
      const day = freeSlotsOn(date, req.durationMinutes, hours, settings.slotStepMinutes, busy, nowMs);
      const week = Math.floor(daysBetween(windowMonday, date) / 7) + 1;
      const edge = first.has(date) || last.has(date);
      e = { candidates: day.free.map((slot) => ({ slot, week, edge })), clashes: day.clashes, busyPeople: day.busyPeople };
      perDay.set(date, e);
    }
    return e;
  };
  let free: IsoDate[] | undefined;
  return { window, yearIndex, past, days, insetSkipped, entry, freeDays: () => (free ??= days.filter((d) => entry(d).candidates.length > 0)) };
}

// A gap longer than the maximum costs one breach; between two equally short plans, one that breaks the
// gap across the summer holiday beats one that breaks it inside a school year.
const BREACH = 1000;
const breachCost = (sameYear: boolean) => BREACH + (sameYear ? 1 : 0);

/**
 * For each free day of each window, the least breach cost possible from that session to the end of the
 * windows given (this year and the next, when the calendar has it). Windows with no free day are passed
 * over: the gap then runs to the next window that has one.
 */
function breachesAhead(windows: readonly WindowDays[], maxGapMonths: number): Map<IsoDate, number>[] {
  const out: Map<IsoDate, number>[] = windows.map(() => new Map());
  let next: Map<IsoDate, number> | undefined;
  let nextYear = 0;
  for (let i = windows.length - 1; i >= 0; i--) {
    const w = windows[i] as WindowDays;
    const free = w.freeDays();
    if (free.length === 0) continue;
    const penalty = breachCost(w.yearIndex === nextYear);
    const here = out[i] as Map<IsoDate, number>;
    const ahead = next ? [...next] : [];
    const best = ahead.reduce((m, [, h]) => Math.min(m, h), Infinity);
    for (const d of free) {
      if (!next) {
        here.set(d, 0);
        continue;
      }
      const limit = addMonths(d, maxGapMonths);
      const within = ahead.reduce((m, [d2, h]) => (d2 <= limit ? Math.min(m, h) : m), Infinity);
      here.set(d, Math.min(within, best + penalty));
    }
    next = here;
    nextYear = w.yearIndex;
  }
  return out;
}

function noSlot(req: PlanRequest, w: WindowDays, hours: WorkingHours): PlannedSession {
  const today = instantToLondon(req.now).date;
  const { window, days } = w;
  // Every plannable day has been worked out, so the counts below are complete.
  const entries = days.map((d) => w.entry(d));
  const clashes = entries.reduce((n, d) => n + d.clashes, 0);
  const busyPeople = new Set(entries.flatMap((d) => [...d.busyPeople]));
  const why: string[] = [`${days.length} school day${days.length === 1 ? '' : 's'} checked`];
  if (w.insetSkipped) why.push(`${w.insetSkipped} INSET day${w.insetSkipped === 1 ? '' : 's'} not used (the school does not allow planning on INSET days)`);
  if (clashes) why.push(`every time in working hours clashes with someone's calendar (${[...busyPeople].sort().join(', ')})`);
  if (window.start < today) why.push(`days before today (${today}) are not offered`);
  return {
    outcome: 'no-slot',
    window,
    reason: `No ${req.durationMinutes}-minute time in ${window.label} (${window.start} to ${window.end}) between ${hours.start} and ${hours.end} when everyone is free: ${why.join('; ')}. Book it by hand or widen the working hours.`,
  };
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
function planWindow(req: PlanRequest, w: WindowDays, ahead: Map<IsoDate, number>, prefs: ArrangementPreferences, hours: WorkingHours, gap: GapContext): PlannedSession {
  const { window } = w;
  if (w.past) {
    const today = instantToLondon(req.now).date;
    return { outcome: 'past', window, reason: `${window.label} ended on ${window.end}, before today (${today})` };
  }
  const free = w.freeDays();
  if (free.length === 0) return noSlot(req, w, hours);

  const m = gap.maxGapMonths;
  const limit = gap.previous ? addMonths(gap.previous, m) : undefined;
  const breachesBack = (d: IsoDate) => (limit !== undefined && d > limit ? 1 : 0);
  const cost = (d: IsoDate) => breachesBack(d) * breachCost(gap.previousThisYear) + (ahead.get(d) ?? 0);
  const best = Math.min(...free.map(cost));
  let allowed = free.filter((d) => cost(d) === best);
  // Between equally good days, keep the gap to the session before (it is certain; the rest is a plan).
  if (allowed.some((d) => breachesBack(d) === 0)) allowed = allowed.filter((d) => breachesBack(d) === 0);
  const gapSetAside = limit !== undefined && allowed.every((d) => breachesBack(d) === 1);
  const firstAllowed = allowed[0] as IsoDate;
  const heldBack = firstAllowed > (free[0] as IsoDate);

  const preferences = activePreferences(prefs);
  const kept = new Set(preferences);
  const relaxed: Preference[] = [];
  for (;;) {
    let pick: Candidate | undefined;
    for (const date of allowed) {
      pick = w.entry(date).candidates.find((c) => meets(c, kept, prefs));
      if (pick) break;
    }
    if (pick) {
      const setAside = [...(gapSetAside ? [`the ${m}-month maximum gap`] : []), ...relaxed.map((c) => preferenceText(c, prefs))];
      const when = `${describeDate(pick.slot.date)} ${pick.slot.localStart}–${pick.slot.localEnd}`;
      const met = preferences.filter((c) => kept.has(c)).map((c) => preferenceText(c, prefs));
      if (limit !== undefined && !gapSetAside) met.push(`within ${m} months of the previous session (by ${limit})`);
      let text = `${when}: the earliest time in ${window.label}`;
      if (heldBack) text += ` from ${firstAllowed} (so that the next session${gap.nextLabel ? `, in ${gap.nextLabel},` : ''} can be within ${m} months)`;
      text += ' when everyone is free';
      if (met.length) text += `, matching ${met.join('; ')}`;
      if (gapSetAside) {
        const anyInTime = free.some((d) => breachesBack(d) === 0);
        text += anyInTime
          ? `. The ${m}-month maximum gap after the previous session (${gap.previous}, so by ${limit}) was set aside: keeping to it here would mean more gaps longer than ${m} months later`
          : `. No time when everyone is free in ${window.label} is within ${m} months of the previous session (${gap.previous}, so by ${limit}), so the ${m}-month maximum gap was set aside`;
      }
      if (relaxed.length) text += `. Nothing fitted ${relaxed.map((c) => preferenceText(c, prefs)).join(' or ')}, so ${relaxed.length === 1 ? 'that was' : 'those were'} set aside`;
      return { outcome: 'planned', window, slot: pick.slot, setAside, reason: `${text}.` };
    }
    const next = preferences.find((c) => kept.has(c));
    // Unreachable: `allowed` holds only days with a free slot, so with no preference left one fits.
    if (!next) return noSlot(req, w, hours);
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
  const settings = schedulingSettings(req.settings);
  const prefs = req.preferences ?? {};
  const hours = effectiveHours(settings, prefs);
  const busy = busyInMs(req.participants);
  const windows = targetWindows(req.calendar, req.yearLabel, req.cadence);
  const following = nextYearLabel(req.calendar, req.yearLabel);
  // Next year's windows only inform the look-ahead; they are planned when that year is.
  const lookAhead = following ? targetWindows(req.calendar, following, req.cadence) : [];
  const all = [...windows.map((w) => [w, 0] as const), ...lookAhead.map((w) => [w, 1] as const)].map(([w, y]) => windowDays(req, w, y, settings, prefs, hours, busy));
  const ahead = breachesAhead(all, req.maxGapMonths);
  const out: PlannedSession[] = [];
  let previous = req.previousSessionDate;
  let previousThisYear = false;
  windows.forEach((_, i) => {
    const w = all[i] as WindowDays;
    const nextLabel = all.slice(i + 1).find((x) => x.freeDays().length > 0)?.window.label;
    const planned = planWindow(req, w, ahead[i] ?? new Map(), prefs, hours, { maxGapMonths: req.maxGapMonths, previous, previousThisYear, nextLabel });
    if (planned.outcome === 'planned') {
      previous = planned.slot.date;
      previousThisYear = true;
    }
    out.push(planned);
  });
  return out;
}
