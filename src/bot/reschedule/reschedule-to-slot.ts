import type { Caller } from '../../shared/access/app-roles.js';
import { partiesOf } from '../../shared/arrangements/arrangement.js';
import { buildPostponedNoticeCard } from '../../shared/cards/reschedule-cards.js';
import { POSTPONEMENT_REASON_TEXT, type PostponementReason } from '../../shared/sessions/session.js';
import { publishAgendaLater } from '../agenda/publish-agenda.js';
import type { AppPorts } from '../ports.js';
import { postponeSession } from '../sessions/postpone-session.js';
import type { SessionView } from '../sessions/session-view.js';
import { done, type Outcome } from '../use-case.js';
import { notifyPeople } from './notify.js';

type Deps = Pick<
  AppPorts,
  | 'compliance'
  | 'arrangements'
  | 'sessions'
  | 'schoolCalendar'
  | 'calendar'
  | 'clock'
  | 'settings'
  | 'audit'
  | 'conversations'
  | 'messenger'
  | 'agendaItems'
  | 'postedCards'
  | 'afterwards'
>;

/**
 * Moves the session to the time picked on the card (checked again: within the working week and
 * everyone free), through the same use case as the tab; then every other party gets a card saying so
 * and the posted agenda cards show the new time.
 */
export async function rescheduleToSlot(
  deps: Deps,
  input: { caller: Caller; sessionId: string; start: string; reason: PostponementReason; note?: string | undefined },
): Promise<Outcome<{ session: SessionView; fromStart: string; toStart: string; notMessaged: string[] }>> {
  const before = await deps.sessions.get(input.sessionId);
  const moved = await postponeSession(deps, { caller: input.caller, sessionId: input.sessionId, request: { start: input.start, reason: input.reason, note: input.note } });
  if (!moved.ok) return moved;
  const session = await deps.sessions.get(input.sessionId);
  // Already at that time (the same pick again): the same answer, and nobody is told twice.
  if (before && session && session.value.postponements.length === before.value.postponements.length) {
    const last = session.value.postponements.at(-1);
    return done({ session: moved.value, fromStart: last?.fromStart ?? session.value.start, toStart: session.value.start, notMessaged: [] });
  }
  const arrangement = session ? (await deps.arrangements.get(session.value.arrangementId))?.value : undefined;
  const fromStart = before?.value.start ?? input.start;
  let notMessaged: string[] = [];
  if (session && arrangement) {
    const me = partiesOf(arrangement).find((p) => p.id === input.caller.id);
    const others = partiesOf(arrangement)
      .map((p) => p.id)
      .filter((id) => id !== input.caller.id);
    notMessaged = await notifyPeople(deps, others, () =>
      buildPostponedNoticeCard({ fromStart, toStart: session.value.start, byName: me?.displayName ?? 'The safeguarding team', reasonText: POSTPONEMENT_REASON_TEXT[input.reason] }),
    );
    publishAgendaLater(deps, session.value, arrangement);
  }
  return done({ session: moved.value, fromStart, toStart: moved.value.session.start, notMessaged });
}
