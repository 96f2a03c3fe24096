import { addDays, isWeekend, type IsoDate } from '../calendar/dates.js';
import { addMinutes, instantMs, instantToLondon, londonToInstant, minutesOfDay, timeFromMinutes, type IsoInstant } from '../calendar/london-time.js';
import { isWorkingDay, type WorkingCalendar } from '../calendar/working-calendar.js';
import { addWorkingDays } from '../calendar/working-days.js';
import type { ComplianceSettings } from './compliance-settings.js';
import type { ActionFacts, ComplianceFinding, DecisionFacts, RecordFacts } from './types.js';

function signOffDueBy(wc: WorkingCalendar, sessionDate: IsoDate, workingDays: number): IsoDate {
  try {
    return addWorkingDays(wc, sessionDate, workingDays);
  } catch {
    // Past the end of the calendar: count weekdays as a fallback rather than miss the record.
    return addDays(sessionDate, Math.ceil((workingDays * 7) / 5));
  }
}

// seed 000 "Recording", seed 003 §D, seed 004 "Underlying principles": records signed and dated by both (all, for groups).
/** Overdue when anyone has not signed the record N working days after the session (N is a setting). */
export function checkRecordSignOff(wc: WorkingCalendar, record: RecordFacts, now: IsoInstant, settings: ComplianceSettings): ComplianceFinding | undefined {
  const missing = record.signatories.filter((p) => !record.signedBy.includes(p));
  if (missing.length === 0) return undefined;
  const dueBy = signOffDueBy(wc, record.sessionDate, settings.recordSignOffWorkingDays);
  if (instantToLondon(now).date <= dueBy) return undefined;
  return {
    rule: 'record-unsigned',
    status: 'overdue',
    arrangementId: record.arrangementId,
    subjectId: record.id,
    dueBy,
    message: `The record of the ${record.sessionDate} session still needs ${missing.length} signature${missing.length === 1 ? '' : 's'}; it was due by ${dueBy} (${settings.recordSignOffWorkingDays} working days after the session).`,
  };
}

function countsAsWorkingDay(wc: WorkingCalendar | undefined, date: IsoDate): boolean {
  if (wc && date >= wc.firstDay && date <= wc.lastDay) return isWorkingDay(wc, date);
  // Outside the school calendar (or with none): weekdays that are not bank holidays.
  return !isWeekend(date) && !(wc?.bankHolidays.has(date) ?? false);
}

/**
 * `hours` of working-day time after `from`: London wall-clock hours on working days only, so Friday
 * 15:00 + 24 h is Monday 15:00 (whatever the clocks did on the Sunday). A start on a day off counts from
 * the next working day's midnight.
 */
export function addWorkingDayHours(wc: WorkingCalendar | undefined, from: IsoInstant, hours: number): IsoInstant {
  const start = instantToLondon(from);
  let left = hours * 60;
  let date = start.date;
  let minute = minutesOfDay(start.time);
  for (let guard = 0; guard < 3660; guard++) {
    if (countsAsWorkingDay(wc, date)) {
      if (minute + left < 1440) return londonToInstant(date, timeFromMinutes(minute + left));
      left -= 1440 - minute;
      if (left === 0) return londonToInstant(addDays(date, 1), '00:00');
    }
    date = addDays(date, 1);
    minute = 0;
  }
  return addMinutes(from, hours * 60);
}

/** When a decision made at `decidedAt` must be on the child's case record (the hours and clock are settings). */
export function decisionDueBy(decidedAt: IsoInstant, settings: ComplianceSettings, wc?: WorkingCalendar): IsoInstant {
  const clock = settings.decisionRecordClock ?? 'elapsed';
  return clock === 'working-days' ? addWorkingDayHours(wc, decidedAt, settings.decisionRecordHours) : addMinutes(decidedAt, settings.decisionRecordHours * 60);
}

// seed 002 §4.1 d): changes to a child's plan go on the child's CPOMS record within 24 hours;
// seed 000 "Recording" and Appendix 3: decisions recorded on the child's record.
/**
 * Overdue when a decision record is not confirmed on the case system within the hours allowed: elapsed
 * hours by default, or working-day hours (`decisionRecordClock: 'working-days'`, needs the calendar).
 */
export function checkDecisionRecord(decision: DecisionFacts, now: IsoInstant, settings: ComplianceSettings, wc?: WorkingCalendar): ComplianceFinding | undefined {
  if (decision.confirmedOnCaseSystemAt) return undefined;
  const dueBy = decisionDueBy(decision.decidedAt, settings, wc);
  const left = instantMs(dueBy) - instantMs(now);
  const when = instantToLondon(dueBy);
  const base = { rule: 'decision-not-on-case-system' as const, arrangementId: decision.arrangementId, subjectId: decision.id, dueBy };
  if (left < 0) {
    return { ...base, status: 'overdue', message: `A decision from supervision is not yet confirmed on the child's case record; it was due by ${when.date} ${when.time}.` };
  }
  return { ...base, status: 'due-soon', message: `Confirm the decision on the child's case record by ${when.date} ${when.time}.` };
}

// seed 000 Appendix 5 ("Agreed Actions / By whom / By when"), seed 003 "Supervisee's responsibilities".
/** Overdue when an agreed action is not done after its date. */
export function checkAction(action: ActionFacts, now: IsoInstant): ComplianceFinding | undefined {
  if (action.done) return undefined;
  if (instantToLondon(now).date <= action.dueDate) return undefined;
  return {
    rule: 'action-past-due',
    status: 'overdue',
    arrangementId: action.arrangementId,
    subjectId: action.id,
    dueBy: action.dueDate,
    message: `An agreed action was due by ${action.dueDate} and is not done. It carries into the next session's agenda.`,
  };
}
