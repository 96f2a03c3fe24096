import { randomUUID } from 'node:crypto';
import type { AppPorts } from '../ports.js';
import { dashboardOf, type ComplianceDeps } from './compliance-view.js';
import { escalateOverdue } from './escalate-overdue.js';
import { sendWeeklyDigest } from './send-weekly-digest.js';

type Deps = ComplianceDeps & Parameters<typeof escalateOverdue>[0] & Parameters<typeof sendWeeklyDigest>[0] & Pick<AppPorts, 'settings'>;

/**
 * What the scheduler does after the reminders: escalate supervisees who have become overdue (once each) and
 * send the DSL's weekly digest (once a week), both from the compliance read model.
 */
export async function runComplianceJob(deps: Deps): Promise<{ escalated: number; escalationsFailed: number; digests: number }> {
  const { rows } = await dashboardOf(deps, () => true);
  const claimant = `${deps.settings.instanceId ?? 'server'}:${randomUUID()}`;
  // A failed escalation is counted, not thrown: the digest still goes.
  const { escalated, failed } = await escalateOverdue(deps, { rows, claimant });
  const { sent } = await sendWeeklyDigest(deps, { rows, claimant });
  return { escalated, escalationsFailed: failed, digests: sent };
}
