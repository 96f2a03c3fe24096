import type { Caller } from '../../shared/access/app-roles.js';
import { canSeeEveryone, isParty } from '../../shared/access/authorise.js';
import { auditedIfRefused } from '../audit/audited.js';
import type { AppPorts } from '../ports.js';
import { done, refuse, type Outcome } from '../use-case.js';
import { sessionView, type SessionView } from './session-view.js';

/**
 * My supervision: the sessions of the caller's arrangements (as supervisor or supervisee), by start.
 * With `everyone`, the admin, the DSL and oversight see every arrangement's sessions.
 */
export async function listSessions(
  deps: Pick<AppPorts, 'arrangements' | 'sessions' | 'audit'>,
  input: { caller: Caller; everyone: boolean; academicYear?: string | undefined },
): Promise<Outcome<SessionView[]>> {
  const { caller } = input;
  if (input.everyone && !canSeeEveryone(caller))
    return auditedIfRefused(
      deps.audit,
      caller,
      'sessions.list-everyone',
      '-',
      refuse('forbidden', 'forbidden', 'Only the safeguarding admin, a designated safeguarding lead or oversight can see everyone’s sessions.'),
    );
  const arrangements = (await deps.arrangements.list()).map((s) => s.value).filter((a) => (input.everyone ? true : isParty(caller.id, a)));
  const byId = new Map(arrangements.map((a) => [a.id, a]));
  const sessions = (await deps.sessions.listForArrangements([...byId.keys()]))
    .map((s) => s.value)
    .filter((s) => !input.academicYear || s.academicYear === input.academicYear)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : 1));
  return done(
    sessions.flatMap((s) => {
      const a = byId.get(s.arrangementId);
      return a ? [sessionView(caller, s, a)] : [];
    }),
  );
}
