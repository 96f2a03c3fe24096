import type { Caller } from '../../shared/access/app-roles.js';
import { canPostponeSession } from '../../shared/access/authorise.js';
import type { Arrangement } from '../../shared/arrangements/arrangement.js';
import { InvalidInputError } from '../../shared/errors/invalid-input.js';
import type { RescheduleResult } from '../../shared/scheduling/reschedule.js';
import type { Session } from '../../shared/sessions/session.js';
import type { AppPorts, Stored } from '../ports.js';
import { refuse, type Refusal } from '../use-case.js';
import { loadSession } from './load-session.js';
import { alternativesFor } from './session-alternatives.js';
import { refuseIfRecordSigned } from './signed-record.js';

export type PostponableSession = { ok: true; session: Stored<Session>; arrangement: Arrangement; options: RescheduleResult } | { ok: false; refusal: Refusal };

/**
 * A booked session the caller may postpone, with the times it could move to (the tab, the API and the card all ask
 * this). `refuseAlso`: a caller's own further reason to refuse, asked before Outlook is read for the times.
 */
export async function loadPostponableSession(
  deps: Pick<AppPorts, 'arrangements' | 'sessions' | 'schoolCalendar' | 'calendar' | 'clock' | 'settings' | 'records'>,
  caller: Caller,
  sessionId: string,
  refuseAlso: (session: Session) => { ok: false; refusal: Refusal } | undefined = () => undefined,
): Promise<PostponableSession> {
  const loaded = await loadSession(deps, caller, sessionId, canPostponeSession);
  if (!loaded.ok) return loaded;
  const session = loaded.session.value;
  if (session.status !== 'booked') return refuse('conflict', 'session_not_booked', `This session is ${session.status}: only a booked session can be postponed.`);
  const refused = refuseAlso(session);
  if (refused) return refused;
  const signed = await refuseIfRecordSigned(deps, sessionId, 'moved');
  if (signed) return signed;
  try {
    return { ...loaded, options: await alternativesFor(deps, session, loaded.arrangement, session.organiserMailbox) };
  } catch (e) {
    if (e instanceof InvalidInputError) return refuse('conflict', 'cannot_postpone', e.message);
    throw e;
  }
}
