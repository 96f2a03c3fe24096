import { addDays, addMonths, daysBetween, describeDate, weekday, type IsoDate } from '../calendar/dates.js';
import { instantMs, instantToLondon, minutesOfDay, type IsoInstant } from '../calendar/london-time.js';
import { dayKind, isPlannableDay, type WorkingCalendar } from '../calendar/working-calendar.js';
import { workingDaysIn } from '../calendar/working-days.js';
import type { Cadence } from '../policy/supervision-policy.js';
import { freeSlotsOn, type Slot } from './free-slots.js';
import { busyInMs, type ParticipantBusy } from './intervals.js';
import type { ArrangementPreferences } from './preferences.js';
import { schedulingSettings, type SchedulingSettings, type WorkingHours } from './scheduling-settings.js';
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

type Constraint = 'week' | 'days' | 'times' | 'edges' | 'max-gap';

// Relaxed in this order: the softest wish first, the policy's maximum gap last.
const RELAX_ORDER: Constraint[] = ['week', 'days', 'times', 'edges', 'max-gap'];

const WEEKDAY_NAMES = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function setAsideText(c: Constraint, prefs: ArrangementPreferences, maxGapMonths: number): string {
  switch (c) {
    case 'week':
      return `week ${prefs.weekOfHalfTerm ?? ''} of the half term`;
    case 'days':
      return `preferred days (${(prefs.days ?? []).map((d) => WEEKDAY_NAMES[d]).join(', ')})`;
    case 'times':
      return `preferred times (${(prefs.times ?? []).map((t) => `${t.from}–${t.to}`).join(', ')})`;
    case 'edges':
      return 'keeping clear of the first and last days';
    case 'max-gap':
      return `the ${maxGapMonths}-month maximum gap`;
  }
}

function activeConstraints(prefs: ArrangementPreferences, hasGapLimit: boolean): Constraint[] {
  return RELAX_ORDER.filter((c) => {
    if (c === 'week') return prefs.weekOfHalfTerm !== undefined;
    if (c === 'days') return (prefs.days?.length ?? 0) > 0;
    if (c === 'times') return (prefs.times?.length ?? 0) > 0;
    if (c === 'edges') return (prefs.avoidFirstDays ?? 0) > 0 || (prefs.avoidLastDays ?? 0) > 0;
    return hasGapLimit;
  });
}

interface Candidate {
  slot: Slot;
  week: number;
  edge: boolean;
}

function meets(c: Candidate, kept: Set<Constraint>, prefs: ArrangementPreferences, latest: IsoDate | undefined): boolean {
  if (kept.has('week') && c.week !== prefs.weekOfHalfTerm) return false;
  if (kept.has('days') && !(prefs.days ?? []).includes(weekday(c.slot.date))) return false;
  if (kept.has('times')) {
    const s = minutesOfDay(c.slot.localStart);
    const e = minutesOfDay(c.slot.localEnd);
    if (!(prefs.times ?? []).some((t) => minutesOfDay(t.from) <= s && e <= minutesOfDay(t.to))) return false;
  }
  if (kept.has('edges') && c.edge) return false;
  if (kept.has('max-gap') && latest !== undefined && c.slot.date > latest) return false;
  return true;
}

function effectiveHours(settings: SchedulingSettings, prefs: ArrangementPreferences): WorkingHours {
  const own = prefs.workingHours;
  if (!own) return settings.workingHours;
  // An arrangement may narrow the school's hours, never widen them.
  const start = minutesOfDay(own.start) > minutesOfDay(settings.workingHours.start) ? own.start : settings.workingHours.start;
  const end = minutesOfDay(own.end) < minutesOfDay(settings.workingHours.end) ? own.end : settings.workingHours.end;
  return { start, end };
}

function planWindow(
  req: PlanRequest,
  window: TargetWindow,
  settings: SchedulingSettings,
  prefs: ArrangementPreferences,
  previous: IsoDate | undefined,
): PlannedSession {
  const wc = req.calendar;
  const nowMs = instantMs(req.now);
  const today = instantToLondon(req.now).date;
  if (window.end < today) return { outcome: 'past', window, reason: `${window.label} ended on ${window.end}, before today (${today})` };

  const hours = effectiveHours(settings, prefs);
  const busy = busyInMs(req.participants);
  const working = workingDaysIn(wc, window.start, window.end);
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

  // Free slots are worked out a day at a time, only as far as the search needs.
  const perDay = new Map<IsoDate, { candidates: Candidate[]; clashes: number; busyPeople: Set<string> }>();
  const dayCandidates = (date: IsoDate) => {
    let entry = perDay.get(date);
    if (!entry) {
      const day = freeSlotsOn(date, req.durationMinutes, hours, settings.slotStepMinutes, busy, nowMs);
      const week = Math.floor(daysBetween(windowMonday, date) / 7) + 1;
      const edge = first.has(date) || last.has(date);
      entry = { candidates: day.free.map((slot) => ({ slot, week, edge })), clashes: day.clashes, busyPeople: day.busyPeople };
      perDay.set(date, entry);
    }
    return entry.candidates;
  };

  const latest = previous ? addMonths(previous, req.maxGapMonths) : undefined;
  const constraints = activeConstraints(prefs, latest !== undefined);
  const kept = new Set(constraints);
  const setAside: Constraint[] = [];
  for (;;) {
    let pick: Candidate | undefined;
    for (const date of days) {
      pick = dayCandidates(date).find((c) => meets(c, kept, prefs, latest));
      if (pick) break;
    }
    if (pick) {
      return {
        outcome: 'planned',
        window,
        slot: pick.slot,
        setAside: setAside.map((c) => setAsideText(c, prefs, req.maxGapMonths)),
        reason: plannedReason(pick, window, constraints, setAside, prefs, req.maxGapMonths, latest),
      };
    }
    const next = constraints.find((c) => kept.has(c));
    if (!next) break;
    kept.delete(next);
    setAside.push(next);
  }

  // Nothing at all: every plannable day has been worked out, so the counts below are complete.
  const clashes = [...perDay.values()].reduce((n, d) => n + d.clashes, 0);
  const busyPeople = new Set([...perDay.values()].flatMap((d) => [...d.busyPeople]));
  const why: string[] = [`${days.length} school day${days.length === 1 ? '' : 's'} checked`];
  if (insetSkipped) why.push(`${insetSkipped} INSET day${insetSkipped === 1 ? '' : 's'} not used (the school does not allow planning on INSET days)`);
  if (clashes) why.push(`every time in working hours clashes with someone's calendar (${[...busyPeople].sort().join(', ')})`);
  if (window.start < today) why.push(`days before today (${today}) are not offered`);
  return {
    outcome: 'no-slot',
    window,
    reason: `No ${req.durationMinutes}-minute time in ${window.label} (${window.start} to ${window.end}) between ${hours.start} and ${hours.end} when everyone is free: ${why.join('; ')}. Book it by hand or widen the working hours.`,
  };
}

function plannedReason(
  pick: Candidate,
  window: TargetWindow,
  constraints: Constraint[],
  setAside: Constraint[],
  prefs: ArrangementPreferences,
  maxGapMonths: number,
  latest: IsoDate | undefined,
): string {
  const when = `${describeDate(pick.slot.date)} ${pick.slot.localStart}–${pick.slot.localEnd}`;
  const met = constraints.filter((c) => !setAside.includes(c)).map((c) => (c === 'max-gap' ? `within ${maxGapMonths} months of the previous session (by ${latest})` : setAsideText(c, prefs, maxGapMonths)));
  let text = `${when}: the earliest time in ${window.label} when everyone is free`;
  if (met.length) text += `, matching ${met.join('; ')}`;
  if (setAside.length) text += `. Nothing fitted ${setAside.map((c) => setAsideText(c, prefs, maxGapMonths)).join(' or ')}, so ${setAside.length === 1 ? 'that was' : 'those were'} set aside`;
  return `${text}.`;
}

/**
 * Plans an arrangement's sessions for one academic year: its target windows from the cadence and, in
 * each, the earliest slot when every participant is free that best meets the preferences. Pure and
 * deterministic: the same inputs always give the same plan.
 */
export function planSessions(req: PlanRequest): PlannedSession[] {
  const settings = schedulingSettings(req.settings);
  const prefs = req.preferences ?? {};
  const windows = targetWindows(req.calendar, req.yearLabel, req.cadence);
  const out: PlannedSession[] = [];
  let previous = req.previousSessionDate;
  for (const w of windows) {
    const planned = planWindow(req, w, settings, prefs, previous);
    if (planned.outcome === 'planned') previous = planned.slot.date;
    out.push(planned);
  }
  return out;
}
