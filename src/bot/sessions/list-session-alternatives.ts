import type { Caller } from '../../shared/access/app-roles.js';
import type { RescheduleResult } from '../../shared/scheduling/reschedule.js';
import { auditedIfRefused } from '../audit/audited.js';
import type { AppPorts } from '../ports.js';
import { done, type Outcome } from '../use-case.js';
import { loadPostponableSession } from './postponable-session.js';

/** Slots a session could be postponed to: within one working week, when everyone is free. */
export async function listSessionAlternatives(
  deps: Pick<AppPorts, 'arrangements' | 'sessions' | 'schoolCalendar' | 'calendar' | 'clock' | 'settings' | 'audit' | 'records'>,
  input: { caller: Caller; sessionId: string },
): Promise<Outcome<RescheduleResult>> {
  const loaded = await loadPostponableSession(deps, input.caller, input.sessionId);
  // A session that is no longer booked is no one's attempt to see too much: only a forbidden or unknown id is audited.
  if (!loaded.ok) return loaded.refusal.kind === 'conflict' ? loaded : auditedIfRefused(deps.audit, input.caller, 'session.alternatives', input.sessionId, loaded);
  return done(loaded.options);
}
