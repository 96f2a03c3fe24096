import type { Arrangement } from '../../shared/arrangements/arrangement.js';
import { addMinutes, instantMs, toIsoInstant, type IsoInstant } from '../../shared/calendar/london-time.js';
import type { WorkingCalendar } from '../../shared/calendar/working-calendar.js';
import type { OutlookMeeting } from '../../shared/sessions/outlook-change.js';
import type { Session } from '../../shared/sessions/session.js';
import { currentCalendar } from '../school-year/school-calendar.js';
import { ConcurrentUpdateError } from '../graph/graph-errors.js';
import { DeltaExpiredError, type EventDelta } from '../graph/calendar-changes.js';
import type { AppPorts, MailboxSync, Stored } from '../ports.js';
import { applyMeetingChange, type MeetingChangeDeps } from './apply-meeting-change.js';

export type SyncDeps = MeetingChangeDeps & Pick<AppPorts, 'calendarChanges' | 'mailboxSync'>;

const DAY_MINUTES = 24 * 60;
/** A delta's window starts a day ago and reaches a little over a year ahead (a booked year and the next)... */
const READ_BACK_MINUTES = DAY_MINUTES;
const READ_AHEAD_MINUTES = 400 * DAY_MINUTES;
/** ...and at least this far past the last booked session; a window ending less than this from now is renewed. */
const MARGIN_MINUTES = 90 * DAY_MINUTES;

export interface SyncResult {
  mailbox: string;
  /** Events the delta reported. */
  seen: number;
  /** Of those, sessions brought into step with their meeting. */
  changed: number;
  /** The delta link had expired, so the mailbox was read in full. */
  resynced: boolean;
  /** The delta's window no longer reached far enough, so a new delta was started (the mailbox read in full). */
  restarted: boolean;
}

type Known = { session: Session; arrangement: Arrangement };

/** The mailbox's sync item, made when it has none yet (of two servers making it at once, one item wins). */
export async function syncItemOf(deps: Pick<AppPorts, 'mailboxSync'>, mailbox: string): Promise<Stored<MailboxSync>> {
  return (await deps.mailboxSync.get(mailbox)) ?? deps.mailboxSync.create({ mailbox });
}

/**
 * Reads what changed in one organiser's calendar since the last sync (Graph's calendar delta, the link kept
 * in the MailboxSync list) and brings each session whose meeting changed into step with it. The new link is
 * saved only after every change is applied, so a restart or a failure part way reads the same changes again
 * (applying one twice does nothing). A link Graph has forgotten (410), or one whose window no longer reaches
 * far enough, means reading the calendar in full: every meeting as it is now, which changes only what is
 * out of step (claims keep cards from going out twice).
 */
export async function syncMailbox(deps: SyncDeps, input: { mailbox: string }): Promise<SyncResult> {
  const now = deps.clock.now();
  let item = await syncItemOf(deps, input.mailbox);
  const sessions = await sessionsByEvent(deps, input.mailbox);
  // Graph fixes a delta's window when it starts and reports changes outside it as `@removed` (if at all): a new
  // delta starts once the window no longer reaches a margin past today and past every booked session.
  let lastEndMs = 0;
  for (const { session } of sessions.values()) if (session.status === 'booked') lastEndMs = Math.max(lastEndMs, instantMs(session.end));
  const needMs = Math.max(instantMs(addMinutes(now, MARGIN_MINUTES)), lastEndMs);
  const windowEnd = item.value.deltaWindowEnd;
  const stale = !windowEnd || instantMs(windowEnd) < needMs;
  const from = addMinutes(now, -READ_BACK_MINUTES);
  const to = toIsoInstant(Math.max(instantMs(addMinutes(now, READ_AHEAD_MINUTES)), lastEndMs + MARGIN_MINUTES * 60_000));
  const link = stale ? undefined : item.value.deltaLink;
  const restarted = stale && item.value.deltaLink !== undefined;
  let resynced = false;
  let delta: { events: EventDelta[]; deltaLink: string };
  try {
    delta = await deps.calendarChanges.delta(input.mailbox, link, from, to);
  } catch (error) {
    if (!(error instanceof DeltaExpiredError)) throw error;
    resynced = true;
    delta = await deps.calendarChanges.delta(input.mailbox, undefined, from, to);
  }
  const fresh = link === undefined || resynced;

  // The school calendar is read once per sync, and only when a session's meeting is among the changes.
  let calendar: WorkingCalendar | undefined;
  let changed = 0;
  const bringIntoStep = async (known: Known, meetingOf: (organiserMailbox: string) => OutlookMeeting | Promise<OutlookMeeting>) => {
    // Read again from its list: the read model may be a moment behind, and the update needs the eTag.
    const stored = await deps.sessions.get(known.session.id);
    if (!stored) return;
    try {
      const meeting = await meetingOf(stored.value.organiserMailbox);
      calendar ??= (await currentCalendar(deps.schoolCalendar)).working;
      if ((await applyMeetingChange(deps, { stored, arrangement: known.arrangement, meeting, calendar })).length > 0) changed += 1;
    } catch (error) {
      // Someone changed the session at the same moment (the app itself, moving it): the next sync looks again.
      if (!(error instanceof ConcurrentUpdateError)) throw error;
    }
  };
  const seen = new Set<string>();
  for (const event of delta.events) {
    seen.add(event.id);
    const known = sessions.get(event.id);
    if (!known) continue;
    await bringIntoStep(known, (mailbox) =>
      event.removed
        ? meetingNow(deps, mailbox, event.id)
        : { removed: false, startUtc: event.startUtc, endUtc: event.endUtc, isCancelled: event.isCancelled, attendees: event.attendees },
    );
  }
  if (fresh) {
    // A full read lists every meeting in the window: a booked session's meeting missing from it changed while
    // no delta was watching (deleted, or moved out of the window), so it is read directly.
    for (const [eventId, known] of sessions) {
      const { status, start, end } = known.session;
      if (seen.has(eventId) || status !== 'booked' || instantMs(end) <= instantMs(from) || instantMs(start) >= instantMs(to)) continue;
      await bringIntoStep(known, (mailbox) => meetingNow(deps, mailbox, eventId));
    }
  }
  try {
    item = await deps.mailboxSync.update(item, {
      ...item.value,
      deltaLink: delta.deltaLink,
      deltaWindowEnd: fresh ? to : item.value.deltaWindowEnd,
      lastSyncAt: deps.clock.now(),
    });
  } catch (error) {
    // Another server saved its link first: both read the same changes, and applying them twice does nothing.
    if (!(error instanceof ConcurrentUpdateError)) throw error;
  }
  return { mailbox: input.mailbox, seen: delta.events.length, changed, resynced, restarted };
}

/**
 * The organiser's meeting as it is now. `@removed` in a delta means only that the event left the delta's
 * view: deleted, or changed or moved outside its window (Graph reports both alike). Only an event Graph no
 * longer has (404) counts as deleted; one it has is taken as it is (a move, a cancellation, or nothing).
 */
async function meetingNow(deps: Pick<AppPorts, 'calendar'>, mailbox: string, eventId: string): Promise<OutlookMeeting> {
  const event = await deps.calendar.getEvent(mailbox, eventId);
  if (!event) return { removed: true };
  return {
    removed: false,
    startUtc: event.startUtc as IsoInstant,
    endUtc: event.endUtc as IsoInstant,
    isCancelled: event.isCancelled,
    attendees: event.attendees.map((a) => ({ address: a.address, response: a.response })),
  };
}

/** The sessions booked in this mailbox, by their meeting's event id, with their arrangements (from the read model). */
async function sessionsByEvent(deps: Pick<AppPorts, 'compliance'>, mailbox: string): Promise<Map<string, Known>> {
  const wanted = mailbox.toLowerCase();
  const byEvent = new Map<string, Known>();
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
