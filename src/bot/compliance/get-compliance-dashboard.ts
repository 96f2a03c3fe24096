import type { Caller } from '../../shared/access/app-roles.js';
import { canSeeEveryone } from '../../shared/access/authorise.js';
import type { DashboardRow, WindowTally } from '../../shared/compliance/dashboard.js';
import { audited } from '../audit/audited.js';
import { done, refuse, type Outcome } from '../use-case.js';
import { dashboardOf, type ComplianceDeps } from './compliance-view.js';

export interface DashboardFilter {
  status?: DashboardRow['status'] | undefined;
  supervisorId?: string | undefined;
  /** The supervisee's role ('teaching-assistant', …). */
  role?: string | undefined;
  schoolId?: string | undefined;
}

export interface ComplianceDashboard {
  generatedAt: string;
  rows: DashboardRow[];
  windows: WindowTally[];
  /** The trust's schools (GET /api/schools), or the one implicit school ('school', 'All staff') while none are set. */
  schools: { id: string; name: string }[];
}

/**
 * Where every supervisee stands against their supervision policy (frequency, records, contract, actions,
 * decisions), and sessions held against due per half term: for the safeguarding admin, the DSL and
 * deputies, and oversight. Read from the compliance read model, never list by list.
 */
export async function getComplianceDashboard(deps: ComplianceDeps, input: { caller: Caller; filter?: DashboardFilter }): Promise<Outcome<ComplianceDashboard>> {
  const { caller } = input;
  const filter = input.filter ?? {};
  if (!canSeeEveryone(caller))
    return audited(
      deps.audit,
      caller,
      'compliance.dashboard',
      '-',
      refuse(
        'forbidden',
        'forbidden',
        'Only the safeguarding admin, a designated safeguarding lead or oversight (principal, trust safeguarding lead) can see the compliance dashboard.',
      ),
    );
  const dashboard = await dashboardOf(deps, (a) => filter.supervisorId === undefined || a.supervisor.id === filter.supervisorId);
  const rows = dashboard.rows.filter(
    (r) =>
      (filter.status === undefined || r.status === filter.status) &&
      (filter.role === undefined || r.superviseeRole === filter.role) &&
      (filter.schoolId === undefined || r.schoolId === filter.schoolId),
  );
  const windows = dashboard.windows.filter((w) => filter.schoolId === undefined || w.schoolId === filter.schoolId);
  return audited(
    deps.audit,
    caller,
    'compliance.dashboard',
    '-',
    done({ generatedAt: dashboard.generatedAt, rows, windows, schools: dashboard.schools }),
    (d) => `${d.rows.length} rows; ${d.rows.filter((r) => r.status === 'overdue').length} overdue`,
  );
}
