import type { Caller } from '../../shared/access/app-roles.js';
import { isParty } from '../../shared/access/authorise.js';
import type { Arrangement } from '../../shared/arrangements/arrangement.js';
import type { Session } from '../../shared/sessions/session.js';
import { auditedIfRefused } from '../audit/audited.js';
import type { AppPorts } from '../ports.js';
import { done, refuse, type Outcome } from '../use-case.js';
import { loadSession } from './load-session.js';
import { sessionView, type SessionView } from './session-view.js';

type Deps = Pick<AppPorts, 'arrangements' | 'sessions' | 'calendar' | 'compliance' | 'audit'>;

export const NOT_A_SESSION = 'This meeting is not a supervision session booked by the Safeguarding Supervision app.';
const UNREADABLE = 'The app could not read this meeting from your calendar, so it cannot tell which supervision session it is. Open the session from the Supervision tab instead.';

export interface FindSessionByEventInput {
  caller: Caller;
  /** The REST id of the Outlook item open in the pane (Office.js `convertToRestId`). */
  eventId: string;
  /** Outlook's start of the item and its organiser's address: only to choose among the caller's own sessions. */
  start?: string | undefined;
  organizer?: string | undefined;
}

/**
 * The Outlook add-in's meeting pane: which session is this meeting? Never from its subject or body
 * (anyone can send a meeting called "Safeguarding supervision"):
 *
 * 1. The organiser's copy: a session whose meeting has that event id.
 * 2. An attendee's copy: the event is read from the caller's own mailbox (the caller's id from the
 *    token, never a mailbox the client names), and its iCalUId, the same in every copy of a meeting,
 *    is matched to a session's.
 * 3. When the caller's copy cannot be read or found (the app's calendar access is scoped to the organiser
 *    mailboxes, so a supervisee's is refused; docs/deploy.md step 5), never when it was read and is no
 *    session's meeting: one of the caller's own sessions
 *    (a party to it) that starts when the item starts and is organised from the item's organiser's
 *    mailbox. What the client says can only pick among sessions the caller may see anyway.
 *
 * The session found is then read again and authorised as every session read is (loadSession): a
 * meeting forwarded to someone who is not a party gives them 403 and nothing else. Read-only;
 * refusals are audited.
 */
export async function findSessionByEvent(deps: Deps, input: FindSessionByEventInput): Promise<Outcome<SessionView>> {
  const { caller, eventId } = input;
  const known = (await deps.compliance.snapshot()).arrangements;
  const sessions = known.flatMap((a) => a.sessions);
  let match = sessions.find((s) => s.eventId !== '' && s.eventId === eventId);
  let unreadable = false;
  /** The caller's copy was read and is no session's meeting: what Outlook says of its time cannot make it one. */
  let readNotASession = false;
  if (!match) {
    try {
      const iCalUId = (await deps.calendar.getEvent(caller.id, eventId))?.iCalUId ?? '';
      if (iCalUId) {
        match = sessions.find((s) => s.iCalUId === iCalUId);
        readNotASession = !match;
      }
    } catch {
      // Exchange refused the caller's mailbox (outside the app's scope) or Graph did not answer.
      unreadable = true;
    }
  }
  if (!match && !readNotASession && input.start && input.organizer) match = ownSessionAt(known, caller.id, input.start, input.organizer);
  if (!match && unreadable) return auditedIfRefused(deps.audit, caller, 'session.find-by-event', '-', refuse('unavailable', 'event_unreadable', UNREADABLE));
  if (!match) return refuse('not-found', 'not_a_supervision_session', NOT_A_SESSION);
  const loaded = await loadSession(deps, caller, match.id);
  if (!loaded.ok) return auditedIfRefused(deps.audit, caller, 'session.find-by-event', match.id, loaded);
  return done(sessionView(caller, loaded.session.value, loaded.arrangement));
}

/** The caller's one session (as a party) starting at `start` whose meeting is organised from `organizer`'s mailbox. */
function ownSessionAt(known: readonly { arrangement: Arrangement; sessions: readonly Session[] }[], callerId: string, start: string, organizer: string): Session | undefined {
  const at = Date.parse(start);
  const address = organizer.trim().toLowerCase();
  const found = known
    .filter(({ arrangement }) => isParty(callerId, arrangement))
    .flatMap(({ arrangement, sessions }) =>
      sessions.filter((s) => {
        const organiser = s.organiserMailbox.toLowerCase();
        const fromOrganiser = organiser === address || (organiser === arrangement.supervisor.id.toLowerCase() && arrangement.supervisor.mail.toLowerCase() === address);
        return s.status === 'booked' && Date.parse(s.start) === at && fromOrganiser;
      }),
    );
  return found.length === 1 ? found[0] : undefined;
}
