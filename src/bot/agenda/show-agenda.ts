import type { Caller } from '../../shared/access/app-roles.js';
import type { AgendaView } from '../../shared/agenda/agenda.js';
import { agendaClosed } from '../../shared/agenda/agenda-closed.js';
import { buildAgendaCard } from '../../shared/cards/agenda-card.js';
import { auditedIfRefused } from '../audit/audited.js';
import type { AppPorts, ConversationRef } from '../ports.js';
import { loadSession } from '../sessions/load-session.js';
import { done, refuse, type Outcome } from '../use-case.js';
import { loadAgendaSession } from './agenda-access.js';
import { loadAgendaView } from './agenda-view.js';
import { upcomingSessionsOf } from './upcoming-sessions.js';

type Deps = Pick<AppPorts, 'arrangements' | 'sessions' | 'agendaItems' | 'postedCards' | 'messenger' | 'settings' | 'clock' | 'audit' | 'compliance'>;

/** At most this many agendas for one `agenda` command (one per arrangement). */
const MAX_AGENDAS = 3;

/**
 * Posts the agenda card of the caller's next session (one per arrangement they are in, or the one
 * asked for) to their conversation, and keeps each posted card so later changes update it in place.
 */
export async function showAgenda(deps: Deps, input: { caller: Caller; to: ConversationRef; sessionId?: string | undefined }): Promise<Outcome<{ posted: AgendaView[] }>> {
  const { caller } = input;
  const now = deps.clock.now();
  let targets;
  if (input.sessionId) {
    const loaded = await loadAgendaSession(deps, caller, input.sessionId, now);
    if (!loaded.ok) return auditedIfRefused(deps.audit, caller, 'agenda.show', input.sessionId, loaded);
    targets = [{ session: loaded.session.value, arrangement: loaded.arrangement }];
  } else {
    targets = (await upcomingSessionsOf(deps, caller.id, now)).slice(0, MAX_AGENDAS);
    if (targets.length === 0) return refuse('not-found', 'no_upcoming_session', 'You have no upcoming supervision session, so there is no agenda yet.');
  }
  const posted: AgendaView[] = [];
  for (const t of targets) {
    const view = await loadAgendaView(deps, t.session, t.arrangement);
    const activityId = await deps.messenger.post(input.to, buildAgendaCard(view, caller.id, { refreshUserIds: [caller.id] }));
    await deps.postedCards.add({ sessionId: view.sessionId, userId: caller.id, kind: 'agenda', conversation: input.to, activityId, postedAt: now });
    posted.push(view);
  }
  return done({ posted });
}

/**
 * The agenda of a session the caller is in, for a card's refresh or an action's answer; `closed` says why it
 * can no longer be changed (an old card then shows it without Add, Edit and Remove, which would be refused).
 */
export async function getAgenda(
  deps: Pick<AppPorts, 'arrangements' | 'sessions' | 'agendaItems' | 'settings' | 'audit' | 'compliance' | 'clock'>,
  input: { caller: Caller; sessionId: string },
): Promise<Outcome<AgendaView>> {
  const loaded = await loadSession(deps, input.caller, input.sessionId);
  if (!loaded.ok) return auditedIfRefused(deps.audit, input.caller, 'agenda.get', input.sessionId, loaded);
  const view = await loadAgendaView(deps, loaded.session.value, loaded.arrangement);
  const closed = agendaClosed(loaded.session.value, deps.clock.now());
  return done(closed ? { ...view, closed: closed.message } : view);
}
