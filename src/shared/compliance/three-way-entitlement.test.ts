import { describe, expect, it } from 'vitest';
import type { DashboardRow } from './dashboard.js';
import { escalationsDue } from './escalation.js';
import { threeWayEntitlement } from './three-way-entitlement.js';
import { dashboardRow, maxGapOverdue } from '../../../tests/support/dashboard-rows.js';
import type { ComplianceFinding } from './types.js';

// Fictional people only.
const maxGap = maxGapOverdue('arr-1', { message: 'Supervision is overdue.' });
const row = (findings: ComplianceFinding[], extra: Partial<DashboardRow> = {}): DashboardRow => dashboardRow(findings, { arrangementId: 'arr-1', superviseeId: 'ta-1', ...extra });

describe('threeWayEntitlement (seed 000 "Entitlement", seed 003 §F)', () => {
  it('entitles a supervisee with a lapse the escalation sends to the supervisor’s manager: the same escalations', () => {
    const rows = [row([maxGap])];
    expect(threeWayEntitlement(rows, 'arr-1', 'ta-1')).toEqual(escalationsDue(rows));
    expect(threeWayEntitlement(rows, 'arr-1', 'ta-1')).toHaveLength(1);
  });

  it('does not entitle a supervisee who is on track, only due soon, or overdue on something that is not escalated', () => {
    expect(threeWayEntitlement([row([])], 'arr-1', 'ta-1')).toEqual([]);
    expect(threeWayEntitlement([row([{ ...maxGap, status: 'due-soon' }])], 'arr-1', 'ta-1')).toEqual([]);
    const unsigned: ComplianceFinding = { rule: 'record-unsigned', status: 'overdue', arrangementId: 'arr-1', subjectId: 'rec-1', dueBy: '2026-11-01', message: 'Not signed.' };
    expect(threeWayEntitlement([row([unsigned])], 'arr-1', 'ta-1')).toEqual([]);
  });

  it('looks only at this supervisee in this arrangement', () => {
    const rows = [row([maxGap], { superviseeId: 'ta-2', superviseeName: 'Rowan Pell' }), row([], { arrangementId: 'arr-2' })];
    expect(threeWayEntitlement(rows, 'arr-1', 'ta-1')).toEqual([]);
    expect(threeWayEntitlement(rows, 'arr-2', 'ta-1')).toEqual([]);
    expect(threeWayEntitlement(rows, 'arr-1', 'ta-2')).toHaveLength(1);
  });
});
