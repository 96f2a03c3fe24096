import type { Caller } from '../../shared/access/app-roles.js';
import { canPostponeSession } from '../../shared/access/authorise.js';
import { partiesOf } from '../../shared/arrangements/arrangement.js';
import { buildEscalationCard } from '../../shared/cards/reschedule-cards.js';
import { sessionHasEnded, type PostponementReason } from '../../shared/sessions/session.js';
import { audited, auditedIfRefused } from '../audit/audited.js';
import { once } from '../claims/once.js';
import type { AppPorts } from '../ports.js';
import { loadSession } from '../sessions/load-session.js';
import { loadPostponableSession } from '../sessions/postponable-session.js';
import { done, refuse, type Outcome, type Refusal } from '../use-case.js';
import { notifyPeople } from './notify.js';

/** The most times a card offers. */
export const MAX_SLOTS_OFFERED = 8;

export type RescheduleOffer =
  /** currentStart: the session's time as the times are offered; a pick sends it back, so a pick made after it moved moves nothing. */
  | { kind: 'slots'; sessionId: string; originalStart: string; currentStart: string; deadline: string; slots: { start: string; end: string }[] }
  | { kind: 'no-slot'; sessionId: string; originalStart: string; deadline: string; notified: string[] };

type Deps = Pick<
  AppPorts,
  'arrangements' | 'sessions' | 'schoolCalendar' | 'calendar' | 'clock' | 'settings' | 'audit' | 'conversations' | 'messenger' | 'links' | 'reminderClaims' | 'records'
>;

/** The session a party may postpone, still booked. */
export async function beginReschedule(
  deps: Pick<AppPorts, 'arrangements' | 'sessions' | 'audit' | 'clock'>,
  input: { caller: Caller; sessionId: string },
): Promise<Outcome<{ sessionId: string; start: string }>> {
  const loaded = await loadSession(deps, input.caller, input.sessionId, canPostponeSession);
  if (!loaded.ok) return auditedIfRefused(deps.audit, input.caller, 'session.reschedule', input.sessionId, loaded);
  const s = loaded.session.value;
  if (s.status !== 'booked') return refuse('conflict', 'session_not_booked', `This session is ${s.status}: only a booked session can be moved.`);
  if (sessionHasEnded(s, deps.clock.now())) return sessionOver();
  return done({ sessionId: s.id, start: s.start });
}

/**
 * "I can't make it" is for a session still to come: pressed on an old reminder card (or an Outlook decline
 * tidied away afterwards) it would escalate a session that was held. One that did not take place is
 * postponed in the tab.
 */
function sessionOver(): { ok: false; refusal: Refusal } {
  return refuse(
    'conflict',
    'session_over',
    "This session's time has passed, so it cannot be moved from here. If it did not take place, its supervisor or the safeguarding team can postpone it in the Supervision tab.",
  );
}

// seed 000 "Frequency of Safeguarding Supervision" and Appendix 3 §3: re-booked within one working week;
// when that cannot be done the supervisor and the safeguarding admin act.
/**
 * "I can't make it": the times within one working week of the original when every party is free (from
 * Outlook free/busy), best first. With none, the supervisor and the safeguarding admins get a card to act.
 */
export async function offerReschedule(deps: Deps, input: { caller: Caller; sessionId: string; reason: PostponementReason }): Promise<Outcome<RescheduleOffer>> {
  const { caller, sessionId } = input;
  const now = deps.clock.now();
  const loaded = await loadPostponableSession(deps, caller, sessionId, (s) => (sessionHasEnded(s, now) ? sessionOver() : undefined));
  if (!loaded.ok) return audited(deps.audit, caller, 'session.reschedule', sessionId, loaded);
  const session = loaded.session.value;
  const options = loaded.options;
  const originalStart = session.postponements[0]?.fromStart ?? session.start;
  if (options.kind === 'candidates' && options.candidates.length > 0) {
    const slots = options.candidates.slice(0, MAX_SLOTS_OFFERED).map((c) => ({ start: c.slot.start, end: c.slot.end }));
    return done({ kind: 'slots', sessionId, originalStart, currentStart: session.start, deadline: options.window.deadline, slots });
  }
  const deadline = options.window.deadline;
  const parties = partiesOf(loaded.arrangement);
  const toTell = [loaded.arrangement.supervisor.id, ...(deps.settings.safeguardingAdminIds ?? [])];
  // Once per session and original time, on whichever server: asking again (or Teams repeating the action)
  // finds that the supervisor and the admins were already told.
  let missed: string[] = [];
  await once(deps, { key: `no-slot:${sessionId}:${originalStart}`, sessionId, userId: caller.id, sessionStart: originalStart }, deps.settings.instanceId ?? 'server', async () => {
    missed = await notifyPeople(deps, toTell, () =>
      buildEscalationCard({ sessionStart: originalStart, deadline, partyNames: parties.map((p) => p.displayName), sessionLink: deps.links.session(sessionId) }),
    );
  });
  return audited(
    deps.audit,
    caller,
    'session.reschedule',
    sessionId,
    done({ kind: 'no-slot', sessionId, originalStart, deadline, notified: toTell.filter((id) => !missed.includes(id)) }),
    (v) => `no time within the working week; ${v.kind === 'no-slot' ? v.notified.length : 0} told`,
  );
}
