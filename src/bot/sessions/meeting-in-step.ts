import { instantMs } from '../../shared/calendar/london-time.js';
import type { Session } from '../../shared/sessions/session.js';
import { ConcurrentUpdateError } from '../graph/graph-errors.js';
import type { AppPorts, Stored } from '../ports.js';

/** Whether two versions of a session ask the same of its Outlook meeting (status and time). */
export const sameMeeting = (a: Session, b: Session): boolean =>
  a.status === b.status && a.eventId === b.eventId && instantMs(a.start) === instantMs(b.start) && instantMs(a.end) === instantMs(b.end);

/** The eTag-checked save lost: someone else changed the session since it was read. */
export const changedMeanwhile = (error: unknown): boolean => error instanceof ConcurrentUpdateError;

/**
 * Saves `next` over `base` and says whether it was saved; false when someone else saved in between
 * (`put back` after a failed Outlook change, which must never overwrite a newer change).
 */
export async function saveUnlessChanged(deps: Pick<AppPorts, 'sessions'>, base: Stored<Session>, next: Session): Promise<Stored<Session> | undefined> {
  try {
    return await deps.sessions.update(base, next);
  } catch (error) {
    if (changedMeanwhile(error)) return undefined;
    throw error;
  }
}

/**
 * Leaves the organiser's meeting showing the session as stored now. The app saves a session first and
 * changes Outlook after, so when two requests race, the Outlook change of the one that saved first can
 * reach Graph last; each request that wrote to Outlook therefore reads the session again and, if it is
 * no longer what it put in Outlook (`shown`; undefined: not known), moves the meeting to the stored time
 * and looks again. Whoever writes to Outlook last leaves it matching the store. A cancelled or held session
 * is left alone: the meeting of a cancelled one is cancelled by whoever cancelled it. Returns the session as stored.
 */
export async function keepMeetingInStep(deps: Pick<AppPorts, 'sessions' | 'calendar'>, sessionId: string, shown: Session | undefined): Promise<Stored<Session> | undefined> {
  let put = shown;
  for (let round = 0; round < 3; round++) {
    const stored = await deps.sessions.get(sessionId);
    if (!stored || stored.value.status !== 'booked' || (put && sameMeeting(stored.value, put))) return stored;
    const s = stored.value;
    const event = await deps.calendar.getEvent(s.organiserMailbox, s.eventId);
    // Gone or cancelled in Outlook, or already at the stored time: nothing for this request to change.
    if (!event || event.isCancelled || (instantMs(event.startUtc) === instantMs(s.start) && instantMs(event.endUtc) === instantMs(s.end))) return stored;
    await deps.calendar.updateEvent(s.organiserMailbox, s.eventId, { startUtc: s.start, endUtc: s.end });
    put = s;
  }
  return deps.sessions.get(sessionId);
}
