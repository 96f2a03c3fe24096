import { addDays, addMonths, daysBetween, type IsoDate } from '../calendar/dates.js';
import { instantToLondon, type IsoInstant } from '../calendar/london-time.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { targetWindows } from '../scheduling/target-windows.js';
import type { ComplianceSettings } from './compliance-settings.js';
import type { ArrangementFacts, ComplianceFinding } from './types.js';

function heldDates(a: ArrangementFacts, today: IsoDate): IsoDate[] {
  return a.sessions
    .filter((s) => s.status === 'held')
    .map((s) => instantToLondon(s.start).date)
    .filter((d) => d <= today)
    .sort();
}

// seed 000 "Key Functions" (minimum every three months), seed 003 §C (never less than three-monthly).
/** Overdue when the time since the last held session (or the start) passes the policy's maximum gap. */
export function checkMaximumGap(a: ArrangementFacts, now: IsoInstant, settings: ComplianceSettings): ComplianceFinding | undefined {
  const today = instantToLondon(now).date;
  const held = heldDates(a, today);
  const last = held[held.length - 1];
  const since = last ?? a.startDate;
  const dueBy = addMonths(since, a.maxGapMonths);
  const what = last ? `the last session on ${last}` : `the arrangement started on ${a.startDate} with no session since`;
  if (today > dueBy) {
    return {
      rule: 'overdue-max-gap',
      status: 'overdue',
      arrangementId: a.id,
      subjectId: a.id,
      dueBy,
      message: `Supervision is overdue: ${what}, more than ${a.maxGapMonths} months ago (due by ${dueBy}). Book a session now and tell the supervisor's manager.`,
      escalateTo: 'supervisor-manager',
    };
  }
  if (daysBetween(today, dueBy) <= settings.dueSoonDays && !a.sessions.some((s) => s.status === 'planned' && instantToLondon(s.start).date <= dueBy && instantToLondon(s.start).date >= today)) {
    return {
      rule: 'overdue-max-gap',
      status: 'due-soon',
      arrangementId: a.id,
      subjectId: a.id,
      dueBy,
      message: `A session is needed by ${dueBy} (${a.maxGapMonths} months after ${last ?? a.startDate}) and none is booked.`,
    };
  }
  return undefined;
}

// seed 000 "Frequency of Safeguarding Supervision" (once per half term); seed 001 "Formal Supervision" (termly);
// seed 003 §C (monthly); seed 004 Appendix 1 §1 (six-weekly).
/**
 * Overdue when the most recent finished window of the cadence (half term, term, month, N weeks) had no
 * held session. A window counts only if the arrangement began by its midpoint. Due-soon when the
 * current window has nothing held or booked.
 */
export function checkCadence(wc: WorkingCalendar, a: ArrangementFacts, now: IsoInstant): ComplianceFinding[] {
  const today = instantToLondon(now).date;
  const sessionDays = (statuses: string[]) =>
    a.sessions.filter((s) => statuses.includes(s.status)).map((s) => instantToLondon(s.start).date);
  const held = sessionDays(['held']);
  const heldOrBooked = sessionDays(['held', 'planned']);
  const windows = wc.calendar.years
    .flatMap((y) => targetWindows(wc, y.label, a.cadence))
    .filter((w) => a.startDate <= addDays(w.start, Math.floor(daysBetween(w.start, w.end) / 2)));
  const findings: ComplianceFinding[] = [];

  const finished = windows.filter((w) => w.end < today);
  const latest = finished[finished.length - 1];
  if (latest && !held.some((d) => d >= latest.start && d <= latest.end)) {
    const missed = finished.filter((w) => !held.some((d) => d >= w.start && d <= w.end)).length;
    findings.push({
      rule: 'overdue-cadence',
      status: 'overdue',
      arrangementId: a.id,
      subjectId: a.id,
      dueBy: latest.end,
      message: `No session was held in ${latest.label} (${latest.start} to ${latest.end})${missed > 1 ? `; ${missed} periods missed in all` : ''}. Book one now; if it cannot happen, tell the supervisor's manager.`,
      escalateTo: 'supervisor-manager',
    });
  }
  const current = windows.find((w) => w.start <= today && today <= w.end);
  if (current && !heldOrBooked.some((d) => d >= current.start && d <= current.end)) {
    findings.push({
      rule: 'overdue-cadence',
      status: 'due-soon',
      arrangementId: a.id,
      subjectId: a.id,
      dueBy: current.end,
      message: `No session is held or booked in ${current.label}, which ends on ${current.end}.`,
    });
  }
  return findings;
}
