// Dashboard rows for the escalation tests (fictional people): Grace Mwangi supervises Liam Doherty unless told otherwise.
import type { DashboardRow } from '../../src/shared/compliance/dashboard.js';
import type { ComplianceFinding } from '../../src/shared/compliance/types.js';

/** The maximum gap passed: an overdue finding that escalates to the supervisor's manager. */
export function maxGapOverdue(arrangementId: string, over: Partial<ComplianceFinding> = {}): ComplianceFinding {
  return {
    rule: 'overdue-max-gap',
    status: 'overdue',
    arrangementId,
    subjectId: arrangementId,
    dueBy: '2026-11-01',
    message: 'Supervision is overdue: the last session was more than 3 months ago.',
    escalateTo: 'supervisor-manager',
    ...over,
  };
}

/** A row with these findings (none: on track); its status follows them unless `over` sets it. */
export function dashboardRow(findings: readonly ComplianceFinding[], over: Partial<DashboardRow> = {}): DashboardRow {
  return {
    arrangementId: findings[0]?.arrangementId ?? 'a1',
    schoolId: 'school',
    superviseeId: 'liam',
    superviseeName: 'Liam Doherty',
    superviseeRole: 'teaching-assistant',
    supervisorId: 'grace',
    supervisorName: 'Grace Mwangi',
    format: 'individual',
    status: findings.some((f) => f.status === 'overdue') ? 'overdue' : findings.length > 0 ? 'due-soon' : 'on-track',
    findings: [...findings],
    unsignedRecords: 0,
    contract: 'signed',
    openActions: 0,
    overdueActions: 0,
    decisionsAwaiting: 0,
    decisionsOverdue: 0,
    unreachable: false,
    ...over,
  };
}
