import { addDays, daysBetween, type IsoDate } from '../calendar/dates.js';
import { instantToLondon } from '../calendar/london-time.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { addWorkingDays } from '../calendar/working-days.js';
import type { Cadence } from '../policy/supervision-policy.js';
import { targetWindows, type TargetWindow } from '../scheduling/target-windows.js';
import type { SessionFacts } from './types.js';

/** A window of the cadence (half term, term, month, N weeks) and the academic year it is in. */
export interface CadenceWindow extends TargetWindow {
  year: string;
}

/** Every window of the cadence, in every year of the calendar, in order. */
export function cadenceWindows(wc: WorkingCalendar, cadence: Cadence): CadenceWindow[] {
  return wc.calendar.years.flatMap((y) => targetWindows(wc, y.label, cadence).map((w) => ({ ...w, year: y.label })));
}

// A window counts only if the arrangement began by its midpoint (docs/rules.md `overdue-cadence`): one test
// for the cadence rule, the dashboard's tally and the evidence pack, so they never disagree.
/** Whether an arrangement that began on `startDate` owes a session in window `w`. */
export function windowApplies(w: Pick<TargetWindow, 'start' | 'end'>, startDate: IsoDate): boolean {
  return startDate <= addDays(w.start, Math.floor(daysBetween(w.start, w.end) / 2));
}

/** The last day a postponed session may be held on; past the calendar's end, weekdays are counted instead. */
export function postponementDeadline(wc: WorkingCalendar, firstBooked: IsoDate, workingDays: number): IsoDate {
  try {
    return addWorkingDays(wc, firstBooked, workingDays);
  } catch {
    return addDays(firstBooked, Math.ceil((workingDays * 7) / 5));
  }
}

/** The day whose window a session counts for and, when that is the day it was first booked, its deadline. */
export interface CountedDay {
  date: IsoDate;
  deadline?: IsoDate;
}

// seed 000 "Frequency of Safeguarding Supervision": re-booked "within one working week of the original", the
// session is still the original window's. Held later than that, it counts where it is held; moved earlier,
// it was not postponed and counts where it is held too.
/** The day whose window a session counts for: the day first booked when held from then to the deadline, else the day held. */
export function countedDay(wc: WorkingCalendar, s: Pick<SessionFacts, 'start' | 'firstBookedStart'>, workingDays: number): CountedDay {
  const held = instantToLondon(s.start).date;
  if (!s.firstBookedStart) return { date: held };
  const booked = instantToLondon(s.firstBookedStart).date;
  if (held < booked) return { date: held };
  const deadline = postponementDeadline(wc, booked, workingDays);
  return held <= deadline ? { date: booked, deadline } : { date: held };
}

/** Which windows an arrangement's sessions count for, as the cadence rule, the dashboard and the evidence pack read them. */
export interface SessionWindows {
  windows: CadenceWindow[];
  /** Windows with a session held (on or before today) that counts for them. */
  held: Set<string>;
  /** Windows with a session booked that counts for them. */
  booked: Set<string>;
  /** Windows whose postponed session is booked within its working week: until when that holds. */
  pendingUntil: Map<string, IsoDate>;
}

/** The one place that says which window each session counts for (see countedDay). */
export function sessionWindows(wc: WorkingCalendar, a: { cadence: Cadence; sessions: readonly SessionFacts[] }, workingDays: number, today: IsoDate): SessionWindows {
  const windows = cadenceWindows(wc, a.cadence);
  const windowOn = (d: IsoDate) => windows.find((w) => w.start <= d && d <= w.end);
  const held = new Set<string>();
  const booked = new Set<string>();
  const pendingUntil = new Map<string, IsoDate>();
  for (const s of a.sessions) {
    if (s.status === 'cancelled') continue;
    if (s.status === 'held' && instantToLondon(s.start).date > today) continue;
    const counted = countedDay(wc, s, workingDays);
    const w = windowOn(counted.date);
    if (!w) continue;
    if (s.status === 'held') held.add(w.id);
    else {
      booked.add(w.id);
      const until = counted.deadline;
      const known = pendingUntil.get(w.id);
      if (until !== undefined && today <= until && (known === undefined || known < until)) pendingUntil.set(w.id, until);
    }
  }
  return { windows, held, booked, pendingUntil };
}
