import type { Arrangement } from '../../shared/arrangements/arrangement.js';
import type { ProposedSession } from '../../shared/booking/plan-booking.js';
import { meetingBodyHtml, meetingTransactionId, SESSION_SUBJECT, type Session } from '../../shared/sessions/session.js';
import type { AppPorts, NewCalendarEvent } from '../ports.js';

export interface SessionToBook {
  arrangement: Arrangement;
  academicYear: string;
  proposal: ProposedSession & { start: string; end: string };
}

export type BookedOutcome = { ok: true; session: Session } | { ok: false; sessionId: string; arrangementId: string; windowLabel: string; reason: string };

/** The mailbox the meeting is booked in. */
export function organiserOf(a: Arrangement, safeguardingMailbox: string | undefined): string {
  return a.organiser === 'safeguarding-mailbox' && safeguardingMailbox ? safeguardingMailbox : a.supervisor.id;
}

// seed 000 Appendix 3: meeting requests go out through Outlook; every party is a required attendee.
function meetingFor(item: SessionToBook, organizerId: string, link: string): NewCalendarEvent {
  const { arrangement: a, proposal: p } = item;
  const attendees = [a.supervisor, ...a.supervisees]
    .filter((x) => !(a.organiser === 'supervisor' && x.id === organizerId))
    .map((x) => ({ address: x.mail, name: x.displayName, type: 'required' as const }));
  return {
    organizerId,
    transactionId: meetingTransactionId(p.sessionId),
    subject: SESSION_SUBJECT,
    startUtc: p.start,
    endUtc: p.end,
    ...(a.location ? { location: a.location } : {}),
    bodyHtml: meetingBodyHtml(link),
    attendees,
    ...(a.teamsMeeting ? { teamsMeeting: true } : {}),
  };
}

/**
 * Books sessions: the Outlook meetings first (idempotent by transactionId), then the Sessions items
 * (idempotent by session id), both through `$batch`. Run again with the same sessions it creates
 * nothing new: Exchange refuses a repeated transactionId and the adapter returns the first meeting,
 * whose real time is what the session records.
 */
export async function bookSessions(deps: Pick<AppPorts, 'calendar' | 'sessions' | 'links' | 'settings'>, items: readonly SessionToBook[]): Promise<BookedOutcome[]> {
  const organisers = items.map((i) => organiserOf(i.arrangement, deps.settings.safeguardingMailbox));
  const created = await deps.calendar.createEvents(items.map((i, n) => meetingFor(i, organisers[n] as string, deps.links.session(i.proposal.sessionId))));
  const outcomes: (BookedOutcome | undefined)[] = new Array(items.length);
  const toStore: { index: number; session: Session }[] = [];
  created.forEach((r, n) => {
    const { arrangement: a, proposal: p, academicYear } = items[n] as SessionToBook;
    if (!r.ok) {
      outcomes[n] = {
        ok: false,
        sessionId: p.sessionId,
        arrangementId: a.id,
        windowLabel: p.windowLabel,
        reason: `Outlook did not create the meeting (HTTP ${r.status}). Try again.`,
      };
      return;
    }
    toStore.push({
      index: n,
      session: {
        id: p.sessionId,
        arrangementId: a.id,
        academicYear,
        windowId: p.windowId,
        windowLabel: p.windowLabel,
        start: r.event.startUtc,
        end: r.event.endUtc,
        status: 'booked',
        organiserMailbox: organisers[n] as string,
        eventId: r.event.id,
        iCalUId: r.event.iCalUId,
        postponements: [],
      },
    });
  });
  const stored = await deps.sessions.createMany(toStore.map((t) => t.session));
  stored.forEach((s, k) => {
    const { index, session } = toStore[k] as { index: number; session: Session };
    outcomes[index] =
      s instanceof Error
        ? {
            ok: false,
            sessionId: session.id,
            arrangementId: session.arrangementId,
            windowLabel: session.windowLabel,
            reason: 'The meeting was booked but its record could not be saved. Retry: nothing will be booked twice.',
          }
        : { ok: true, session: s.value };
  });
  return outcomes as BookedOutcome[];
}
