import type { Caller } from '../../shared/access/app-roles.js';
import type { AuditLog } from '../ports.js';
import type { Outcome } from '../use-case.js';

/**
 * Appends the use case's one audit entry: what the caller did or tried, and how it ended. A refusal
 * is audited too (a forged or foreign id is worth knowing about).
 */
export async function audited<T>(audit: AuditLog, caller: Caller, action: string, targetId: string, outcome: Outcome<T>, detail?: (value: T) => string): Promise<Outcome<T>> {
  await audit.append({
    actorId: caller.id,
    action,
    targetId,
    outcome: outcome.ok ? 'done' : 'refused',
    ...(outcome.ok && detail ? { detail: detail(outcome.value) } : !outcome.ok ? { detail: outcome.refusal.code } : {}),
  });
  return outcome;
}

/** For reads: only a refusal is audited (someone tried to see what they may not). */
export async function auditedIfRefused<T>(audit: AuditLog, caller: Caller, action: string, targetId: string, outcome: Outcome<T>): Promise<Outcome<T>> {
  if (!outcome.ok) await audit.append({ actorId: caller.id, action, targetId, outcome: 'refused', detail: outcome.refusal.code });
  return outcome;
}
