import type { Caller } from '../../shared/access/app-roles.js';
import type { DashboardRow } from '../../shared/compliance/dashboard.js';
import { audited } from '../audit/audited.js';
import { done, type Outcome } from '../use-case.js';
import { dashboardOf, type ComplianceDeps } from './compliance-view.js';

/**
 * Where each of the caller's own supervisees stands: the dashboard's rows for the arrangements the caller
 * supervises (active ones), empty for anyone who supervises no one. Read from the compliance read model.
 */
export async function listMySuperviseesStatus(deps: ComplianceDeps, input: { caller: Caller }): Promise<Outcome<DashboardRow[]>> {
  const { caller } = input;
  const dashboard = await dashboardOf(deps, (a) => a.supervisor.id === caller.id);
  return audited(deps.audit, caller, 'compliance.my-supervisees', '-', done(dashboard.rows), (rows) => `${rows.length} rows`);
}
