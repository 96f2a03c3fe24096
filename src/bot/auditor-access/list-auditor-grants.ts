import type { Caller } from '../../shared/access/app-roles.js';
import { canGrantAuditorAccess } from '../../shared/access/records.js';
import { isGrantActive, type AuditorGrant } from '../../shared/records/auditor-grant.js';
import { audited } from '../audit/audited.js';
import type { AppPorts } from '../ports.js';
import { done, refuse, type Outcome } from '../use-case.js';

/** Every auditor grant, newest first, with whether it is active now: the DSL. */
export async function listAuditorGrants(
  deps: Pick<AppPorts, 'auditorGrants' | 'clock' | 'audit'>,
  input: { caller: Caller },
): Promise<Outcome<(AuditorGrant & { active: boolean })[]>> {
  const allowed = canGrantAuditorAccess(input.caller);
  if (!allowed.ok) return audited(deps.audit, input.caller, 'auditor.list', '-', refuse('forbidden', 'forbidden', allowed.reason));
  const now = deps.clock.now();
  const grants = (await deps.auditorGrants.list()).map((g) => ({ ...g.value, active: isGrantActive(g.value, now) })).sort((a, b) => b.grantedAt.localeCompare(a.grantedAt));
  return audited(deps.audit, input.caller, 'auditor.list', '-', done(grants), (g) => `${g.length} grants`);
}
