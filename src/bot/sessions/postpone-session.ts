import type { Caller } from '../../shared/access/app-roles.js';
import { instantMs } from '../../shared/calendar/london-time.js';
import type { PostponementReason, Session } from '../../shared/sessions/session.js';
import { audited } from '../audit/audited.js';
import type { AppPorts } from '../ports.js';
import { done, invalid, refuse, type Outcome } from '../use-case.js';
import { loadPostponableSession } from './postponable-session.js';
import { sessionView, type SessionView } from './session-view.js';

export interface PostponeRequest {
  start: string;
  reason: PostponementReason;
  note?: string | undefined;
}

// seed 000 "Frequency of Safeguarding Supervision" and Appendix 3 §3: a postponed session is re-booked
// within one working week of the original.
/**
 * Moves a session to one of the offered times (within one working week, everyone free): the Outlook
 * meeting moves and attendees get the update; the session keeps the postponement and its reason.
 */
export async function postponeSession(
  deps: Pick<AppPorts, 'arrangements' | 'sessions' | 'schoolCalendar' | 'calendar' | 'clock' | 'settings' | 'audit'>,
  input: { caller: Caller; sessionId: string; request: PostponeRequest },
): Promise<Outcome<SessionView>> {
  const { caller, sessionId, request } = input;
  const loaded = await loadPostponableSession(deps, caller, sessionId);
  if (!loaded.ok) return audited(deps.audit, caller, 'session.postpone', sessionId, loaded);
  const session = loaded.session.value;
  const wanted = instantMs(request.start, 'start');
  // The time it was last moved to, asked again (a second press, or Teams repeating the card's action): already done.
  const last = session.postponements.at(-1);
  if (last && session.start === last.toStart && instantMs(last.toStart) === wanted)
    return audited(deps.audit, caller, 'session.postpone', sessionId, done(sessionView(caller, session, loaded.arrangement)), () => 'already at that time');
  const options = loaded.options;
  if (options.kind === 'escalate') return audited(deps.audit, caller, 'session.postpone', sessionId, refuse('conflict', 'no_alternative', options.reason));
  const chosen = options.candidates.find((c) => instantMs(c.slot.start) === wanted);
  if (!chosen) {
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
  await deps.calendar.updateEvent(session.organiserMailbox, session.eventId, { startUtc: chosen.slot.start, endUtc: chosen.slot.end });
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
  const saved = await deps.sessions.update(loaded.session, next);
  return audited(
    deps.audit,
    caller,
    'session.postpone',
    sessionId,
    done(sessionView(caller, saved.value, loaded.arrangement)),
    () => `reason ${request.reason}; ${chosen.workingDaysLater} working day(s) later`,
  );
}
