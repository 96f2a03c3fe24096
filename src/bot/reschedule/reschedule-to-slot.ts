import type { Caller } from '../../shared/access/app-roles.js';
import { partiesOf } from '../../shared/arrangements/arrangement.js';
import { buildPostponedNoticeCard } from '../../shared/cards/reschedule-cards.js';
import { POSTPONEMENT_REASON_TEXT, type PostponementReason } from '../../shared/sessions/session.js';
import { publishAgendaLater } from '../agenda/publish-agenda.js';
import type { AppPorts } from '../ports.js';
import { postponeSessionMade } from '../sessions/postpone-session.js';
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
  | 'records'
>;

export interface Rescheduled {
  session: SessionView;
  fromStart: string;
  toStart: string;
  /** 'You', or the party whose pick of the same time at the same moment moved it. */
  movedBy: string;
  reason: PostponementReason;
  /** Parties told of the move whom the bot could not reach. */
  notMessaged: string[];
}

/**
 * Moves the session to the time picked on the card (checked again: within the working week and
 * everyone free), through the same use case as the tab; then every other party gets a card saying so
 * and the posted agenda cards show the new time. Only the request that made the postponement (won the
 * session's eTag-checked save, on whichever server) tells anyone: a repeat, or a second party pressing the
 * same time at the same moment, is answered with the move and tells nobody, so each party is told once.
 */
export async function rescheduleToSlot(
  deps: Deps,
  /** fromStart: the session's time when the times were offered (absent on cards posted before it was sent). */
  input: { caller: Caller; sessionId: string; start: string; reason: PostponementReason; note?: string | undefined; fromStart?: string | undefined },
): Promise<Outcome<Rescheduled>> {
  const { start, reason, note, fromStart } = input;
  const moved = await postponeSessionMade(deps, { caller: input.caller, sessionId: input.sessionId, request: { start, reason, note, fromStart } });
  if (!moved.ok) return moved;
  const { view, arrangement, made } = moved.value;
  const session = view.session;
  if (!made) {
    // Already at that time (the same pick again, or someone else's at the same moment): the same answer; whoever moved it tells the others.
    const last = session.postponements.at(-1);
    const byOther = last && last.byId !== input.caller.id ? last.byId : undefined;
    return done({
      session: view,
      fromStart: last?.fromStart ?? session.start,
      toStart: session.start,
      movedBy: byOther === undefined ? 'You' : (partiesOf(arrangement).find((p) => p.id === byOther)?.displayName ?? 'The safeguarding team'),
      reason: last?.reason ?? input.reason,
      notMessaged: [],
    });
  }
  const me = partiesOf(arrangement).find((p) => p.id === input.caller.id);
  const others = partiesOf(arrangement)
    .map((p) => p.id)
    .filter((id) => id !== input.caller.id);
  const notMessaged = await notifyPeople(deps, others, () =>
    buildPostponedNoticeCard({
      fromStart: made.fromStart,
      toStart: made.toStart,
      byName: me?.displayName ?? 'The safeguarding team',
      reasonText: POSTPONEMENT_REASON_TEXT[made.reason],
    }),
  );
  publishAgendaLater(deps, session, arrangement);
  return done({ session: view, fromStart: made.fromStart, toStart: made.toStart, movedBy: 'You', reason: made.reason, notMessaged });
}
