import type { Caller } from '../../shared/access/app-roles.js';
import { canGrantAuditorAccess } from '../../shared/access/records.js';
import type { AuditorGrant } from '../../shared/records/auditor-grant.js';
import { audited } from '../audit/audited.js';
import type { AppPorts } from '../ports.js';
import { done, refuse, type Outcome } from '../use-case.js';

/** Ends an auditor's access before it expires: the DSL. */
export async function revokeAuditorGrant(deps: Pick<AppPorts, 'auditorGrants' | 'clock' | 'audit'>, input: { caller: Caller; grantId: string }): Promise<Outcome<AuditorGrant>> {
  const { caller, grantId } = input;
  const allowed = canGrantAuditorAccess(caller);
  if (!allowed.ok) return audited(deps.audit, caller, 'auditor.revoke', grantId, refuse('forbidden', 'forbidden', allowed.reason));
  const stored = (await deps.auditorGrants.list()).find((g) => g.value.id === grantId);
  if (!stored) return audited(deps.audit, caller, 'auditor.revoke', grantId, refuse('not-found', 'grant_not_found', 'There is no auditor access with that id.'));
  if (stored.value.revokedAt) return audited(deps.audit, caller, 'auditor.revoke', grantId, done(stored.value), () => 'already revoked');
  const saved = await deps.auditorGrants.update(stored, { ...stored.value, revokedAt: deps.clock.now() });
  return audited(deps.audit, caller, 'auditor.revoke', grantId, done(saved.value));
}
