import type { Caller } from '../../shared/access/app-roles.js';
import { isParty } from '../../shared/access/authorise.js';
import type { Arrangement } from '../../shared/arrangements/arrangement.js';
import { agendaClosed } from '../../shared/agenda/agenda-closed.js';
import type { IsoInstant } from '../../shared/calendar/london-time.js';
import type { Session } from '../../shared/sessions/session.js';
import type { AppPorts, Stored } from '../ports.js';
import { loadSession } from '../sessions/load-session.js';
import { refuse, type Refusal } from '../use-case.js';

// seed 000 "Preparation": supervisor and supervisee bring and share the agenda; nobody else writes in it.
const partyOnly = (caller: Caller, a: Arrangement) =>
  isParty(caller.id, a) ? { ok: true as const } : { ok: false as const, reason: 'Only the supervisor and the supervisees of this session can change its agenda.' };

export type LoadedAgendaSession = { ok: true; session: Stored<Session>; arrangement: Arrangement } | { ok: false; refusal: Refusal };

/** A session whose agenda the caller may change: theirs, booked, and not yet over. */
export async function loadAgendaSession(deps: Pick<AppPorts, 'arrangements' | 'sessions'>, caller: Caller, sessionId: string, now: IsoInstant): Promise<LoadedAgendaSession> {
  const loaded = await loadSession(deps, caller, sessionId, partyOnly);
  if (!loaded.ok) return loaded;
  // Anyone who may see it but is not a party (the DSL, the admin) reads it in the tab instead.
  const allowed = partyOnly(caller, loaded.arrangement);
  if (!allowed.ok) return refuse('forbidden', 'forbidden', allowed.reason);
  const closed = agendaClosed(loaded.session.value, now);
  return closed ? refuse('conflict', closed.code, closed.message) : loaded;
}
