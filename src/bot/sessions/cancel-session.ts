import type { Caller } from '../../shared/access/app-roles.js';
import { canCancelSession } from '../../shared/access/authorise.js';
import type { Session } from '../../shared/sessions/session.js';
import { audited } from '../audit/audited.js';
import type { AppPorts, Stored } from '../ports.js';
import { done, refuse, type Outcome, type Refusal } from '../use-case.js';
import { loadSession } from './load-session.js';
import { saveUnlessChanged } from './meeting-in-step.js';
import { refuseIfRecordSigned } from './signed-record.js';
import { sessionView, type SessionView } from './session-view.js';

/** What attendees read in Outlook's cancellation: never the reason, which may carry detail. */
const CANCELLATION_NOTE = 'This safeguarding supervision session has been cancelled. The app has the details.';

/** Cancels a session: Outlook sends attendees the cancellation; the session keeps who cancelled it and why. */
export async function cancelSession(
  deps: Pick<AppPorts, 'arrangements' | 'sessions' | 'calendar' | 'clock' | 'audit' | 'records'>,
  input: { caller: Caller; sessionId: string; reason: string },
): Promise<Outcome<SessionView>> {
  const { caller, sessionId } = input;
  const loaded = await loadSession(deps, caller, sessionId, canCancelSession);
  if (!loaded.ok) return audited(deps.audit, caller, 'session.cancel', sessionId, loaded);
  const session = loaded.session.value;
  if (session.status !== 'booked')
    return audited(deps.audit, caller, 'session.cancel', sessionId, refuse('conflict', 'session_not_booked', `This session is already ${session.status}.`));
  const signed = await refuseIfRecordSigned(deps, sessionId, 'cancelled');
  if (signed) return audited(deps.audit, caller, 'session.cancel', sessionId, signed);
  const next: Session = { ...session, status: 'cancelled', cancellation: { reason: input.reason, byId: caller.id, at: deps.clock.now() } };
  // Saved first, with the eTag, then Outlook: a cancellation cannot be taken back, so it is sent only once the session is cancelled.
  const saved = await saveUnlessChanged(deps, loaded.session, next);
  if (!saved) return audited(deps.audit, caller, 'session.cancel', sessionId, asItIsNow(await deps.sessions.get(sessionId)));
  try {
    await deps.calendar.cancelEvent(session.organiserMailbox, session.eventId, CANCELLATION_NOTE);
  } catch (error) {
    // The meeting still stands: the session is booked again, so the two agree and nothing is lost.
    await saveUnlessChanged(deps, saved, session);
    throw error;
  }
  return audited(deps.audit, caller, 'session.cancel', sessionId, done(sessionView(caller, saved.value, loaded.arrangement)));
}

/** Why it was not cancelled, when someone else changed the session at the same moment. */
function asItIsNow(now: Stored<Session> | undefined): { ok: false; refusal: Refusal } {
  if (!now) return refuse('not-found', 'session_not_found', 'There is no supervision session with that id.');
  if (now.value.status !== 'booked') return refuse('conflict', 'session_not_booked', `This session is already ${now.value.status}.`);
  return refuse(
    'conflict',
    'changed_meanwhile',
    'Someone else changed this session at the same moment (it may have moved). Reload it, and cancel it again if it still needs cancelling.',
  );
}
