import type { DashboardRow } from './dashboard.js';
import { escalationsDue, type Escalation } from './escalation.js';

// seed 000 "Entitlement", seed 003 §F: only a supervisee not supervised as often as their role requires may ask
// for a three-way meeting with their supervisor and the supervisor's line manager.
/**
 * The lapses that entitle this supervisee of this arrangement to a three-way meeting: exactly the ones that are
 * escalated to the supervisor's manager (`escalationsDue` over the same dashboard rows). Empty when they are
 * not overdue, so there is no second overdue rule.
 */
export function threeWayEntitlement(rows: readonly DashboardRow[], arrangementId: string, superviseeId: string): Escalation[] {
  return escalationsDue(rows).filter((e) => e.arrangementId === arrangementId && e.superviseeId === superviseeId);
}
