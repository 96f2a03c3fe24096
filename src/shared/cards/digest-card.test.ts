import { describe, expect, it } from 'vitest';
import { dashboardRow, maxGapOverdue } from '../../../tests/support/dashboard-rows.js';
import { digestFigures } from './digest-card.js';

// Fictional people. Grace supervises Liam and Ava in one group arrangement (g1); Liam also has an individual
// arrangement with Ben (i1). Dashboard rows are one per supervisee per arrangement.
const group = [
  dashboardRow([maxGapOverdue('g1')], { arrangementId: 'g1', superviseeId: 'liam', unsignedRecords: 2, unreachable: true }),
  dashboardRow([maxGapOverdue('g1')], { arrangementId: 'g1', superviseeId: 'ava', superviseeName: 'Ava Lindqvist', unsignedRecords: 2 }),
];
const individual = dashboardRow([], { arrangementId: 'i1', superviseeId: 'liam', supervisorId: 'ben', supervisorName: 'Ben Okoro', unsignedRecords: 1, unreachable: true });

describe('digestFigures: counts people and records once each', () => {
  it("a group arrangement's records awaiting signature count once, not once per supervisee", () => {
    expect(digestFigures(group).unsignedRecords).toBe(2);
    expect(digestFigures([...group, individual]).unsignedRecords).toBe(3);
  });

  it('a supervisee with two arrangements is one supervisee, counted by the worse of their two standings', () => {
    const f = digestFigures([...group, individual]);
    expect(f.supervisees).toBe(2);
    expect(f.overdue).toBe(2);
    expect(f.dueSoon).toBe(0);
    expect(f.unreachable).toBe(1);
  });

  it('due soon in one arrangement and on track in another: due soon, once', () => {
    const dueSoon = dashboardRow([{ ...maxGapOverdue('i2'), status: 'due-soon' }], { arrangementId: 'i2', superviseeId: 'liam' });
    expect(digestFigures([dueSoon, individual])).toMatchObject({ supervisees: 1, overdue: 0, dueSoon: 1 });
  });
});
