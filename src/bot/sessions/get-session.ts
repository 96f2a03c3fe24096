import type { Caller } from '../../shared/access/app-roles.js';
import { auditedIfRefused } from '../audit/audited.js';
import type { AppPorts } from '../ports.js';
import { done, type Outcome } from '../use-case.js';
import { loadSession } from './load-session.js';
import { sessionView, type SessionView } from './session-view.js';

export async function getSession(deps: Pick<AppPorts, 'arrangements' | 'sessions' | 'audit'>, input: { caller: Caller; sessionId: string }): Promise<Outcome<SessionView>> {
  const loaded = await loadSession(deps, input.caller, input.sessionId);
  if (!loaded.ok) return auditedIfRefused(deps.audit, input.caller, 'session.read', input.sessionId, loaded);
  return done(sessionView(input.caller, loaded.session.value, loaded.arrangement));
}
