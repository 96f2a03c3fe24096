import type { DashboardRow } from './dashboard.js';
import type { ComplianceFinding } from './types.js';

/** One supervisee not supervised at the required frequency: who to tell, once per finding. */
export interface Escalation {
  /** Unique per supervisee, arrangement, rule and due date: the same lapse is escalated once. */
  key: string;
  arrangementId: string;
  superviseeId: string;
  superviseeName: string;
  supervisorId: string;
  supervisorName: string;
  finding: ComplianceFinding;
}

// seed 000 "Entitlement", seed 003 §F: a supervisee not supervised at the required frequency is escalated to
// the supervisor's line manager, and may ask for a three-way meeting.
/** The escalations the dashboard's rows call for: every overdue finding that escalates to the supervisor's manager. */
export function escalationsDue(rows: readonly DashboardRow[]): Escalation[] {
  const out: Escalation[] = [];
  for (const row of rows) {
    for (const f of row.findings) {
      if (f.status !== 'overdue' || f.escalateTo !== 'supervisor-manager') continue;
      out.push({
        key: `escalation|${row.arrangementId}|${row.superviseeId}|${f.rule}|${f.dueBy}`,
        arrangementId: row.arrangementId,
        superviseeId: row.superviseeId,
        superviseeName: row.superviseeName,
        supervisorId: row.supervisorId,
        supervisorName: row.supervisorName,
        finding: f,
      });
    }
  }
  return out;
}
