import { randomUUID } from 'node:crypto';
import type { Caller } from '../../shared/access/app-roles.js';
import { canGrantAuditorAccess } from '../../shared/access/records.js';
import { grantExpiry, isGrantActive, type AuditorGrant } from '../../shared/records/auditor-grant.js';
import { instantMs } from '../../shared/calendar/london-time.js';
import { audited } from '../audit/audited.js';
import type { AppPorts } from '../ports.js';
import { done, invalid, refuse, type Outcome } from '../use-case.js';

/** How long after a grant the same request counts as asked again rather than asked anew. */
const REPEAT_WINDOW_MS = 10 * 60_000;

/**
 * The DSL lets an auditor (an inspector, an investigating officer) read records for a set number of days;
 * the access ends by itself (seed 001 "Confidentiality and Access").
 */
export async function grantAuditorAccess(
  deps: Pick<AppPorts, 'auditorGrants' | 'directory' | 'clock' | 'audit'>,
  input: { caller: Caller; auditorId: string; days: number; purpose: string },
): Promise<Outcome<AuditorGrant>> {
  const { caller } = input;
  const allowed = canGrantAuditorAccess(caller);
  if (!allowed.ok) return audited(deps.audit, caller, 'auditor.grant', input.auditorId, refuse('forbidden', 'forbidden', allowed.reason));
  const person = await deps.directory.getUser(input.auditorId);
  if (!person) return audited(deps.audit, caller, 'auditor.grant', input.auditorId, invalid([{ field: 'auditorId', message: 'There is nobody with that id in the directory.' }]));
  const now = deps.clock.now();
  // The same grant asked for again (a retry after a lost answer) while the first is new and running: that one,
  // so the DSL never sees two grants where revoking one would leave the other.
  const repeated = (await deps.auditorGrants.listForAuditor(person.id)).find(
    (g) =>
      isGrantActive(g.value, now) &&
      g.value.grantedById === caller.id &&
      g.value.purpose === input.purpose &&
      g.value.expiresAt === grantExpiry(g.value.grantedAt, input.days) &&
      instantMs(now) - instantMs(g.value.grantedAt) < REPEAT_WINDOW_MS,
  );
  if (repeated) return audited(deps.audit, caller, 'auditor.grant', person.id, done(repeated.value), (g) => `until ${g.expiresAt} (asked again)`);
  const grant: AuditorGrant = {
    id: randomUUID(),
    auditorId: person.id,
    auditorName: person.displayName,
    grantedById: caller.id,
    grantedAt: now,
    expiresAt: grantExpiry(now, input.days),
    purpose: input.purpose,
  };
  const stored = await deps.auditorGrants.create(grant);
  return audited(deps.audit, caller, 'auditor.grant', stored.value.auditorId, done(stored.value), (g) => `until ${g.expiresAt}`);
}
