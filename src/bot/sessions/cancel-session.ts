import type { Caller } from '../../shared/access/app-roles.js';
import { canCancelSession } from '../../shared/access/authorise.js';
import type { Session } from '../../shared/sessions/session.js';
import { audited } from '../audit/audited.js';
import type { AppPorts } from '../ports.js';
import { done, refuse, type Outcome } from '../use-case.js';
import { loadSession } from './load-session.js';
import { sessionView, type SessionView } from './session-view.js';

/** What attendees read in Outlook's cancellation: never the reason, which may carry detail. */
const CANCELLATION_NOTE = 'This safeguarding supervision session has been cancelled. The app has the details.';

/** Cancels a session: Outlook sends attendees the cancellation; the session keeps who cancelled it and why. */
export async function cancelSession(
  deps: Pick<AppPorts, 'arrangements' | 'sessions' | 'calendar' | 'clock' | 'audit'>,
  input: { caller: Caller; sessionId: string; reason: string },
): Promise<Outcome<SessionView>> {
  const { caller, sessionId } = input;
  const loaded = await loadSession(deps, caller, sessionId, canCancelSession);
  if (!loaded.ok) return audited(deps.audit, caller, 'session.cancel', sessionId, loaded);
  const session = loaded.session.value;
  if (session.status !== 'booked')
    return audited(deps.audit, caller, 'session.cancel', sessionId, refuse('conflict', 'session_not_booked', `This session is already ${session.status}.`));
  await deps.calendar.cancelEvent(session.organiserMailbox, session.eventId, CANCELLATION_NOTE);
  const next: Session = { ...session, status: 'cancelled', cancellation: { reason: input.reason, byId: caller.id, at: deps.clock.now() } };
  const saved = await deps.sessions.update(loaded.session, next);
  return audited(deps.audit, caller, 'session.cancel', sessionId, done(sessionView(caller, saved.value, loaded.arrangement)));
}
