import type { Caller } from '../../shared/access/app-roles.js';
import { canSeeArrangement, type Decision } from '../../shared/access/authorise.js';
import type { Arrangement } from '../../shared/arrangements/arrangement.js';
import type { Session } from '../../shared/sessions/session.js';
import type { AppPorts, Stored } from '../ports.js';
import { refuse, type Refusal } from '../use-case.js';

export type LoadedSession = { ok: true; session: Stored<Session>; arrangement: Arrangement } | { ok: false; refusal: Refusal };

/** Loads a session and its arrangement and checks the caller may act on it: unknown id → not found, not theirs → forbidden. */
export async function loadSession(
  deps: Pick<AppPorts, 'arrangements' | 'sessions'>,
  caller: Caller,
  sessionId: string,
  rule: (caller: Caller, a: Arrangement) => Decision = canSeeArrangement,
): Promise<LoadedSession> {
  const session = await deps.sessions.get(sessionId);
  const arrangement = session ? await deps.arrangements.get(session.value.arrangementId) : undefined;
  if (!session || !arrangement) return refuse('not-found', 'session_not_found', 'There is no supervision session with that id.');
  const seen = canSeeArrangement(caller, arrangement.value);
  if (!seen.ok) return refuse('forbidden', 'forbidden', seen.reason);
  const allowed = rule(caller, arrangement.value);
  if (!allowed.ok) return refuse('forbidden', 'forbidden', allowed.reason);
  return { ok: true, session, arrangement: arrangement.value };
}
