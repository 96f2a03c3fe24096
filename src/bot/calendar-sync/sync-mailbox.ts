import type { Arrangement } from '../../shared/arrangements/arrangement.js';
import { addMinutes, instantMs } from '../../shared/calendar/london-time.js';
import type { WorkingCalendar } from '../../shared/calendar/working-calendar.js';
import type { Session } from '../../shared/sessions/session.js';
import { currentCalendar } from '../school-year/school-calendar.js';
import { ConcurrentUpdateError } from '../graph/graph-errors.js';
import { DeltaExpiredError, type EventDelta } from '../graph/calendar-changes.js';
import type { AppPorts, MailboxSync, Stored } from '../ports.js';
import { applyMeetingChange, type MeetingChangeDeps } from './apply-meeting-change.js';

export type SyncDeps = MeetingChangeDeps & Pick<AppPorts, 'calendarChanges' | 'mailboxSync'>;

/** A full read covers sessions from a day ago to a little over a year ahead (a booked year and the next). */
const FULL_READ_BACK_MINUTES = 24 * 60;
const FULL_READ_AHEAD_MINUTES = 400 * 24 * 60;

export interface SyncResult {
  mailbox: string;
  /** Events the delta reported. */
  seen: number;
  /** Of those, sessions brought into step with their meeting. */
  changed: number;
  /** The delta link had expired, so the mailbox was read in full. */
  resynced: boolean;
}

/** The mailbox's sync item, made when it has none yet (of two servers making it at once, one item wins). */
export async function syncItemOf(deps: Pick<AppPorts, 'mailboxSync'>, mailbox: string): Promise<Stored<MailboxSync>> {
  return (await deps.mailboxSync.get(mailbox)) ?? deps.mailboxSync.create({ mailbox });
}

/**
 * Reads what changed in one organiser's calendar since the last sync (Graph's calendar delta, the link kept
 * in the MailboxSync list) and brings each session whose meeting changed into step with it. The new link is
 * saved only after every change is applied, so a restart or a failure part way reads the same changes again
 * (applying one twice does nothing). A link Graph has forgotten (410) means reading the calendar in full.
 */
export async function syncMailbox(deps: SyncDeps, input: { mailbox: string }): Promise<SyncResult> {
  const now = deps.clock.now();
  let item = await syncItemOf(deps, input.mailbox);
  const from = addMinutes(now, -FULL_READ_BACK_MINUTES);
  const to = addMinutes(now, FULL_READ_AHEAD_MINUTES);
  let resynced = false;
  let delta: { events: EventDelta[]; deltaLink: string };
  try {
    delta = await deps.calendarChanges.delta(input.mailbox, item.value.deltaLink, from, to);
  } catch (error) {
    if (!(error instanceof DeltaExpiredError)) throw error;
    resynced = true;
    delta = await deps.calendarChanges.delta(input.mailbox, undefined, from, to);
  }
  const sessions = await sessionsByEvent(deps, input.mailbox);
  // The school calendar is read once per sync, and only when a session's meeting is among the changes.
  let calendar: WorkingCalendar | undefined;
  let changed = 0;
  for (const event of delta.events) {
    const known = sessions.get(event.id);
    if (!known) continue;
    // Read again from its list: the read model may be a moment behind, and the update needs the eTag.
    const stored = await deps.sessions.get(known.session.id);
    if (!stored) continue;
    const meeting = event.removed
      ? { removed: true as const }
      : { removed: false as const, startUtc: event.startUtc, endUtc: event.endUtc, isCancelled: event.isCancelled, attendees: event.attendees };
    try {
      calendar ??= (await currentCalendar(deps.schoolCalendar)).working;
      if ((await applyMeetingChange(deps, { stored, arrangement: known.arrangement, meeting, calendar })).length > 0) changed += 1;
    } catch (error) {
      // Someone changed the session at the same moment (the app itself, moving it): the next sync looks again.
      if (!(error instanceof ConcurrentUpdateError)) throw error;
    }
  }
  try {
    item = await deps.mailboxSync.update(item, { ...item.value, deltaLink: delta.deltaLink, lastSyncAt: deps.clock.now() });
  } catch (error) {
    // Another server saved its link first: both read the same changes, and applying them twice does nothing.
    if (!(error instanceof ConcurrentUpdateError)) throw error;
  }
  return { mailbox: input.mailbox, seen: delta.events.length, changed, resynced };
}

/** The sessions booked in this mailbox, by their meeting's event id, with their arrangements (from the read model). */
async function sessionsByEvent(deps: Pick<AppPorts, 'compliance'>, mailbox: string): Promise<Map<string, { session: Session; arrangement: Arrangement }>> {
  const wanted = mailbox.toLowerCase();
  const byEvent = new Map<string, { session: Session; arrangement: Arrangement }>();
  for (const { arrangement, sessions } of (await deps.compliance.snapshot()).arrangements)
    for (const session of sessions) if (session.organiserMailbox.toLowerCase() === wanted && session.eventId) byEvent.set(session.eventId, { session, arrangement });
  return byEvent;
}

/** The mailboxes with a booked session still to come: the only ones the app subscribes to and syncs. */
export async function servedMailboxes(deps: Pick<AppPorts, 'compliance' | 'clock'>): Promise<string[]> {
  const nowMs = instantMs(deps.clock.now());
  const mailboxes = new Map<string, string>();
  for (const { sessions } of (await deps.compliance.snapshot()).arrangements)
    for (const s of sessions) if (s.status === 'booked' && instantMs(s.end) > nowMs && s.organiserMailbox) mailboxes.set(s.organiserMailbox.toLowerCase(), s.organiserMailbox);
  return [...mailboxes.values()].sort();
}
