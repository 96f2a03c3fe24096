import type { Caller } from '../../shared/access/app-roles.js';
import { canPostponeSession } from '../../shared/access/authorise.js';
import { InvalidInputError } from '../../shared/errors/invalid-input.js';
import type { RescheduleResult } from '../../shared/scheduling/reschedule.js';
import { auditedIfRefused } from '../audit/audited.js';
import type { AppPorts } from '../ports.js';
import { done, refuse, type Outcome } from '../use-case.js';
import { loadSession } from './load-session.js';
import { alternativesFor } from './session-alternatives.js';

/** Slots a session could be postponed to: within one working week, when everyone is free. */
export async function listSessionAlternatives(
  deps: Pick<AppPorts, 'arrangements' | 'sessions' | 'schoolCalendar' | 'calendar' | 'clock' | 'settings' | 'audit'>,
  input: { caller: Caller; sessionId: string },
): Promise<Outcome<RescheduleResult>> {
  const loaded = await loadSession(deps, input.caller, input.sessionId, canPostponeSession);
  if (!loaded.ok) return auditedIfRefused(deps.audit, input.caller, 'session.alternatives', input.sessionId, loaded);
  const session = loaded.session.value;
  if (session.status !== 'booked') return refuse('conflict', 'session_not_booked', `This session is ${session.status}: only a booked session can be postponed.`);
  try {
    return done(await alternativesFor(deps, session, loaded.arrangement, session.organiserMailbox));
  } catch (e) {
    if (e instanceof InvalidInputError) return refuse('conflict', 'cannot_postpone', e.message);
    throw e;
  }
}
