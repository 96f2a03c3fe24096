import type { IsoInstant } from '../calendar/london-time.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { complianceSettings, type ComplianceSettings } from './compliance-settings.js';
import { checkContractReview, checkContractSigned } from './contract.js';
import { checkAction, checkDecisionRecord, checkRecordSignOff } from './records-and-actions.js';
import { checkCadence, checkMaximumGap } from './supervision-frequency.js';
import type { ActionFacts, ArrangementFacts, ComplianceFinding, DecisionFacts, RecordFacts } from './types.js';

export interface ComplianceInput {
  calendar: WorkingCalendar;
  arrangements: readonly ArrangementFacts[];
  records?: readonly RecordFacts[];
  decisions?: readonly DecisionFacts[];
  actions?: readonly ActionFacts[];
  settings?: Partial<ComplianceSettings>;
  now: IsoInstant;
}

// Plain code-unit order, not localeCompare: the same order on every machine and locale.
const byCodeUnits = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Every rule over everything given, overdue first, then by due date. */
export function runComplianceChecks(input: ComplianceInput): ComplianceFinding[] {
  const settings = complianceSettings(input.settings);
  const { now } = input;
  const found: (ComplianceFinding | undefined)[] = [];
  for (const a of input.arrangements) {
    if (a.cadence.kind !== 'as-required') {
      found.push(...checkCadence(input.calendar, a, now, settings));
      found.push(checkMaximumGap(a, now, settings));
    }
    found.push(checkContractSigned(a, now, settings), checkContractReview(a, now, settings));
  }
  for (const r of input.records ?? []) found.push(checkRecordSignOff(input.calendar, r, now, settings));
  for (const d of input.decisions ?? []) found.push(checkDecisionRecord(d, now, settings, input.calendar));
  for (const x of input.actions ?? []) found.push(checkAction(x, now));
  return found
    .filter((f): f is ComplianceFinding => f !== undefined)
    .sort((a, b) => (a.status === b.status ? 0 : a.status === 'overdue' ? -1 : 1) || byCodeUnits(a.dueBy, b.dueBy) || byCodeUnits(a.subjectId, b.subjectId));
}
