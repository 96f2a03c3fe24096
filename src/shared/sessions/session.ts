import { z } from 'zod';
import { instantMs, isIsoInstant, type IsoInstant } from '../calendar/london-time.js';

const instant = z.string().refine(isIsoInstant, { message: 'expected a UTC instant that exists, e.g. 2027-02-12T09:00:00Z' });

// seed 000 Appendix 3 §3 ("Postponement"): the reason is recorded; choices keep case detail out.
export const POSTPONEMENT_REASONS = ['illness', 'unavailable', 'school-event', 'clash', 'other'] as const;
export type PostponementReason = (typeof POSTPONEMENT_REASONS)[number];
export const POSTPONEMENT_REASON_TEXT: Record<PostponementReason, string> = {
  illness: 'Illness or absence',
  unavailable: 'A party is unavailable',
  'school-event': 'A school event or emergency',
  clash: 'A clash in the calendar',
  other: 'Another reason',
};

export const postponementSchema = z.object({
  fromStart: instant,
  fromEnd: instant,
  toStart: instant,
  toEnd: instant,
  reason: z.enum(POSTPONEMENT_REASONS),
  note: z.string().max(200).optional(),
  byId: z.string(),
  at: instant,
});
export type Postponement = z.infer<typeof postponementSchema>;

/**
 * One supervision session: the arrangement's session for one planning window (a half term, say), with
 * its Outlook meeting. Postponing moves it within the window's rules and keeps the history; it still
 * counts for the window it was booked for (seed 000 "Frequency of Safeguarding Supervision").
 */
export const sessionSchema = z.object({
  id: z.string().min(1),
  arrangementId: z.string().min(1),
  academicYear: z.string(),
  windowId: z.string(),
  windowLabel: z.string(),
  start: instant,
  end: instant,
  status: z.enum(['booked', 'cancelled', 'held']),
  organiserMailbox: z.string(),
  eventId: z.string(),
  iCalUId: z.string(),
  postponements: z.array(postponementSchema),
  cancellation: z.object({ reason: z.string().max(200), byId: z.string(), at: instant }).optional(),
});
export type Session = z.infer<typeof sessionSchema>;

/**
 * The session's id, derived from its arrangement and window, so booking the same year twice, or
 * resuming after a restart, finds the session instead of making another. A window booked again after
 * its session was cancelled gets the next attempt number (a new session, a new meeting). URL-safe.
 */
export function sessionId(arrangementId: string, windowId: string, attempt = 1): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9-]+/g, '-');
  return `${safe(arrangementId)}.${safe(windowId)}${attempt > 1 ? `.${attempt}` : ''}`;
}

/** The Outlook transactionId for the session's meeting: Exchange refuses a second create with it. */
export function meetingTransactionId(id: string): string {
  return `ss-${id}`;
}

export const SESSION_SUBJECT = 'Safeguarding supervision';

/**
 * The invitation's text: a neutral title, the time and a link. Never agenda or case detail
 * (calendars are widely delegated; docs/deploy.md step 3).
 */
export function meetingBodyHtml(link: string): string {
  const safe = link.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<p>Safeguarding supervision.</p><p>Agenda, records and changes: <a href="${safe}">open the session in the Safeguarding Supervision app</a>.</p>`;
}

/** Whether the session's time is over at `now` (its end has come). */
export function sessionHasEnded(s: Pick<Session, 'end'>, now: IsoInstant): boolean {
  return instantMs(s.end) <= instantMs(now);
}
