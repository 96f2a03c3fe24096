import type { Caller } from '../../shared/access/app-roles.js';
import { instantMs } from '../../shared/calendar/london-time.js';
import { formatLondonDateTime } from '../../shared/calendar/london-format.js';
import type { Arrangement } from '../../shared/arrangements/arrangement.js';
import type { Postponement, PostponementReason, Session } from '../../shared/sessions/session.js';
import { audited } from '../audit/audited.js';
import type { AppPorts, Stored } from '../ports.js';
import { done, invalid, refuse, type Outcome } from '../use-case.js';
import { keepMeetingInStep, sameMeeting, saveUnlessChanged } from './meeting-in-step.js';
import { loadPostponableSession } from './postponable-session.js';
import { sessionView, type SessionView } from './session-view.js';

export interface PostponeRequest {
  start: string;
  reason: PostponementReason;
  note?: string | undefined;
  /** The session's time as the caller saw it: when it has moved since (to another time than `start`), nothing moves. */
  fromStart?: string | undefined;
}

/** A postponement asked for, and who made it: the one request that saved it, or nobody (a repeat, or someone else at the same moment). */
export interface PostponeResult {
  view: SessionView;
  arrangement: Arrangement;
  /**
   * The postponement this request made: it won the session's eTag-checked save and the meeting moved. Undefined when
   * the session was already at that time (a repeat, or another request saved the same move at the same moment):
   * whatever follows a postponement once (telling the other parties) is for the request that made it.
   */
  made: Postponement | undefined;
}

// seed 000 "Frequency of Safeguarding Supervision" and Appendix 3 §3: a postponed session is re-booked
// within one working week of the original.
/**
 * Moves a session to one of the offered times (within one working week, everyone free): the Outlook
 * meeting moves and attendees get the update; the session keeps the postponement and its reason.
 */
export async function postponeSession(
  deps: Pick<AppPorts, 'arrangements' | 'sessions' | 'schoolCalendar' | 'calendar' | 'clock' | 'settings' | 'audit' | 'records'>,
  input: { caller: Caller; sessionId: string; request: PostponeRequest },
): Promise<Outcome<SessionView>> {
  const result = await postponeSessionMade(deps, input);
  return result.ok ? done(result.value.view) : result;
}

/** As postponeSession, saying whether this request made the postponement. */
export async function postponeSessionMade(
  deps: Pick<AppPorts, 'arrangements' | 'sessions' | 'schoolCalendar' | 'calendar' | 'clock' | 'settings' | 'audit' | 'records'>,
  input: { caller: Caller; sessionId: string; request: PostponeRequest },
): Promise<Outcome<PostponeResult>> {
  const { caller, sessionId, request } = input;
  const wanted = instantMs(request.start, 'start');
  const seenAt = request.fromStart === undefined ? undefined : instantMs(request.fromStart, 'fromStart');
  // Moved by someone else since the caller looked (another tab, a card, Outlook), to another time: their move stands.
  const movedSince = (s: Session) =>
    seenAt !== undefined && seenAt !== instantMs(s.start) && !alreadyAt(s, wanted)
      ? refuse(
          'conflict',
          'session_moved',
          `This session has moved to ${formatLondonDateTime(s.start)} since you looked, so it was not moved again. If it still needs to move, choose again from its new time.`,
        )
      : undefined;
  const loaded = await loadPostponableSession(deps, caller, sessionId, movedSince);
  if (!loaded.ok) return audited(deps.audit, caller, 'session.postpone', sessionId, loaded);
  const session = loaded.session.value;
  // Only the request that saved the postponement (and moved the meeting) says it made it.
  const answer = (outcome: Outcome<SessionView>, made?: Postponement): Outcome<PostponeResult> =>
    outcome.ok ? done({ view: outcome.value, arrangement: loaded.arrangement, made }) : outcome;
  // Already there: a repeat (a second press, or Teams repeating the card's action), or someone else's move to that very time.
  const alreadyThere = async (stored: Session): Promise<Outcome<PostponeResult>> => {
    // A repeat after a save whose Outlook change never happened (the server stopped in between) puts it right.
    await keepMeetingInStep(deps, sessionId, undefined);
    return audited(deps.audit, caller, 'session.postpone', sessionId, answer(done(sessionView(caller, stored, loaded.arrangement))), () => 'already at that time');
  };
  if (alreadyAt(session, wanted)) return alreadyThere(session);
  const options = loaded.options;
  const chosen = options.kind === 'escalate' ? undefined : options.candidates.find((c) => instantMs(c.slot.start) === wanted);
  if (!chosen) {
    // Not offered, perhaps because someone else moved it to that time since it was read here (the meeting fills it now).
    const now = await deps.sessions.get(sessionId);
    if (now && now.value.status === 'booked' && alreadyAt(now.value, wanted)) return alreadyThere(now.value);
    if (options.kind === 'escalate') return audited(deps.audit, caller, 'session.postpone', sessionId, refuse('conflict', 'no_alternative', options.reason));
    return audited(
      deps.audit,
      caller,
      'session.postpone',
      sessionId,
      invalid([
        {
          field: 'start',
          message: `That time is not one of the times offered. Choose one of the times within one working week (by ${options.window.deadline}) when everyone is free.`,
        },
      ]),
    );
  }
  const next: Session = {
    ...session,
    start: chosen.slot.start,
    end: chosen.slot.end,
    postponements: [
      ...session.postponements,
      {
        fromStart: session.start,
        fromEnd: session.end,
        toStart: chosen.slot.start,
        toEnd: chosen.slot.end,
        reason: request.reason,
        ...(request.note ? { note: request.note } : {}),
        byId: caller.id,
        at: deps.clock.now(),
      },
    ],
  };
  // Saved first, with the eTag, then Outlook: a request that loses the save has not touched the meeting.
  const saved = await saveUnlessChanged(deps, loaded.session, next);
  if (!saved)
    return audited(
      deps.audit,
      caller,
      'session.postpone',
      sessionId,
      answer(asItIsNow(caller, await deps.sessions.get(sessionId), loaded.arrangement, wanted)),
      () => 'already at that time',
    );
  try {
    await deps.calendar.updateEvent(session.organiserMailbox, session.eventId, { startUtc: chosen.slot.start, endUtc: chosen.slot.end });
  } catch (error) {
    // The meeting did not move: the session goes back to its time, so the two agree and nothing is lost.
    const putBack = await saveUnlessChanged(deps, saved, session);
    const now = await keepMeetingInStep(deps, sessionId, putBack ? undefined : saved.value);
    if (putBack) throw error;
    // Changed again meanwhile (cancelled, or moved by someone else): say how it is now.
    return audited(deps.audit, caller, 'session.postpone', sessionId, answer(asItIsNow(caller, now, loaded.arrangement, undefined)));
  }
  const now = await keepMeetingInStep(deps, sessionId, saved.value);
  if (!now || !sameMeeting(now.value, saved.value))
    return audited(deps.audit, caller, 'session.postpone', sessionId, answer(asItIsNow(caller, now, loaded.arrangement, undefined)));
  return audited(
    deps.audit,
    caller,
    'session.postpone',
    sessionId,
    answer(done(sessionView(caller, saved.value, loaded.arrangement)), saved.value.postponements.at(-1)),
    () => `reason ${request.reason}; ${chosen.workingDaysLater} working day(s) later`,
  );
}

/** Already at the time last moved to and asked for again (a second press, or Teams repeating the card's action). */
const alreadyAt = (session: Session, wanted: number): boolean => {
  const last = session.postponements.at(-1);
  return last !== undefined && session.start === last.toStart && instantMs(last.toStart) === wanted;
};

/**
 * The answer when someone else changed the session at the same moment: the same as a repeat when they
 * moved it to the very time asked for (`wanted`), else why it was not moved, from the session as stored now.
 */
function asItIsNow(caller: Caller, now: Stored<Session> | undefined, arrangement: Arrangement, wanted: number | undefined): Outcome<SessionView> {
  if (!now) return refuse('not-found', 'session_not_found', 'There is no supervision session with that id.');
  const s = now.value;
  if (s.status !== 'booked') return refuse('conflict', 'session_not_booked', `This session is ${s.status}: only a booked session can be postponed.`);
  if (wanted !== undefined && alreadyAt(s, wanted)) return done(sessionView(caller, s, arrangement));
  return refuse('conflict', 'changed_meanwhile', 'Someone else moved this session at the same moment. Reload it to see its time, and choose again if it still needs to move.');
}
