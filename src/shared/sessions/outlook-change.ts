import type { IsoDate } from '../calendar/dates.js';
import { instantMs, instantToLondon, type IsoInstant } from '../calendar/london-time.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { postponementWindow } from '../calendar/working-days.js';
import type { Session } from './session.js';

/**
 * A session's Outlook meeting as a calendar sync sees it now, in the organiser's mailbox. `removed`: Graph no
 * longer has it (404 when read). A delta's `@removed` alone is not that: it also means "changed outside the
 * delta's window".
 */
export type OutlookMeeting =
  | { removed: true }
  | {
      removed: false;
      startUtc: IsoInstant;
      endUtc: IsoInstant;
      isCancelled: boolean;
      /** Each attendee's address and response ('accepted', 'declined', 'tentativelyAccepted', 'none', …). */
      attendees: readonly { address: string; response: string }[];
    };

/** What a change made in Outlook means for the session. Subject and body edits mean nothing. */
export type OutlookChange =
  | { kind: 'cancelled' }
  | {
      kind: 'moved';
      start: IsoInstant;
      end: IsoInstant;
      /** The last day of the working week from the time first booked; undefined when the calendar cannot say. */
      deadline: IsoDate | undefined;
      withinWindow: boolean;
    }
  | { kind: 'declined'; userIds: string[] };

export interface OutlookChangeInput {
  session: Session;
  /** The arrangement's parties and their mail addresses (how Outlook names attendees). */
  parties: readonly { id: string; mail: string }[];
  meeting: OutlookMeeting;
  calendar: WorkingCalendar;
  postponementWorkingDays: number;
}

/**
 * What the organiser's meeting, as it is now, says happened to a booked session: cancelled (or deleted),
 * moved (and whether the new day is still within one working week of the time first booked, seed 000
 * "Frequency of Safeguarding Supervision" and Appendix 3 §3), and which parties have declined. Pure and
 * idempotent: the same meeting read twice gives the same answer, and a session already in step with its
 * meeting gives none, so a change reported twice is acted on once.
 */
export function outlookChangesOf(input: OutlookChangeInput): OutlookChange[] {
  const { session, meeting } = input;
  if (session.status !== 'booked') return [];
  if (meeting.removed || meeting.isCancelled) return [{ kind: 'cancelled' }];
  const changes: OutlookChange[] = [];
  if (instantMs(meeting.startUtc) !== instantMs(session.start) || instantMs(meeting.endUtc) !== instantMs(session.end)) {
    const firstBooked = session.postponements[0]?.fromStart ?? session.start;
    let deadline: IsoDate | undefined;
    try {
      deadline = postponementWindow(input.calendar, instantToLondon(firstBooked).date, input.postponementWorkingDays).deadline;
    } catch {
      // The calendar does not cover the week after the session: nobody can say the move is in time.
      deadline = undefined;
    }
    // Earlier is never late; later must be by the deadline.
    const withinWindow = deadline !== undefined && instantToLondon(meeting.startUtc).date <= deadline;
    changes.push({ kind: 'moved', start: meeting.startUtc, end: meeting.endUtc, deadline, withinWindow });
  }
  const declined = new Set(meeting.attendees.filter((a) => a.response === 'declined').map((a) => a.address.toLowerCase()));
  const userIds = input.parties.filter((p) => declined.has(p.mail.toLowerCase())).map((p) => p.id);
  if (userIds.length > 0) changes.push({ kind: 'declined', userIds });
  return changes;
}
