import { daysBetween, type IsoDate } from '../calendar/dates.js';
import { maxGapLimit } from '../scheduling/max-gap.js';
import { instantToLondon, type IsoInstant } from '../calendar/london-time.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { DEFAULT_POSTPONEMENT_WORKING_DAYS } from '../calendar/working-days.js';
import type { ComplianceSettings } from './compliance-settings.js';
import { sessionWindows, windowApplies } from './session-windows.js';
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
  const dueBy = maxGapLimit(since, a.maxGapMonths);
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
  if (
    daysBetween(today, dueBy) <= settings.dueSoonDays &&
    !a.sessions.some((s) => s.status === 'planned' && instantToLondon(s.start).date <= dueBy && instantToLondon(s.start).date >= today)
  ) {
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
 * Overdue when a finished window of the cadence (half term, term, month, N weeks) in the current school
 * year had no held session: the most recent one, or an earlier one not made up (seed 000 "Entitlement":
 * "during the year"). A window counts only if the arrangement began by its midpoint. Due-soon when the
 * current window has nothing held or booked.
 *
 * A session postponed from window W and held within the postponement window (seed 000 "Frequency of
 * Safeguarding Supervision": "within a working week of the original") is W's session, even when it falls
 * in the next window (see sessionWindows). While it is still booked ahead, W is not overdue until that
 * deadline has passed.
 */
export function checkCadence(wc: WorkingCalendar, a: ArrangementFacts, now: IsoInstant, settings?: Pick<ComplianceSettings, 'postponementWorkingDays'>): ComplianceFinding[] {
  const today = instantToLondon(now).date;
  const workingDays = settings?.postponementWorkingDays ?? DEFAULT_POSTPONEMENT_WORKING_DAYS;
  const { windows: allWindows, held: covered, booked, pendingUntil } = sessionWindows(wc, a, workingDays, today);

  const windows = allWindows.filter((w) => windowApplies(w, a.startDate));
  const findings: ComplianceFinding[] = [];

  const finished = windows.filter((w) => w.end < today);
  const latest = finished[finished.length - 1];
  if (latest) {
    const missedThisYear = finished.filter((w) => w.year === latest.year && !covered.has(w.id) && !pendingUntil.has(w.id));
    const missed = missedThisYear[missedThisYear.length - 1];
    if (missed) {
      const others = missedThisYear.length > 1 ? `; ${missedThisYear.length} periods missed in ${latest.year}` : '';
      const notMadeUp = missed === latest ? '' : ' and it has not been made up';
      findings.push({
        rule: 'overdue-cadence',
        status: 'overdue',
        arrangementId: a.id,
        subjectId: a.id,
        dueBy: missed.end,
        message: `No session was held in ${missed.label} (${missed.start} to ${missed.end})${notMadeUp}${others}. Book one now; if it cannot happen, tell the supervisor's manager.`,
        escalateTo: 'supervisor-manager',
      });
    }
  }
  // Postponed out of a finished window and booked within its working week: not missed yet, but it must go ahead.
  for (const w of finished.filter((x) => x.year === latest?.year && !covered.has(x.id))) {
    const until = pendingUntil.get(w.id);
    if (until === undefined) continue;
    findings.push({
      rule: 'overdue-cadence',
      status: 'due-soon',
      arrangementId: a.id,
      subjectId: a.id,
      dueBy: until,
      message: `The ${w.label} session was postponed and is booked within one working week: it must be held by ${until}, or ${w.label} has no session.`,
    });
  }
  const current = windows.find((w) => w.start <= today && today <= w.end);
  if (current && !covered.has(current.id) && !booked.has(current.id)) {
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
