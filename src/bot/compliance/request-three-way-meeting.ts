import { createHash } from 'node:crypto';
import type { Caller } from '../../shared/access/app-roles.js';
import { addMinutes, instantMs, instantToLondon, londonToInstant, type IsoInstant } from '../../shared/calendar/london-time.js';
import { threeWayEntitlement } from '../../shared/compliance/three-way-entitlement.js';
import { rescheduleOptions } from '../../shared/scheduling/reschedule.js';
import { meetingBodyHtml, SESSION_SUBJECT } from '../../shared/sessions/session.js';
import { audited } from '../audit/audited.js';
import { busyByPerson } from '../booking/free-busy.js';
import { organiserOf } from '../booking/book-sessions.js';
import type { AppPorts } from '../ports.js';
import { currentCalendar } from '../school-year/school-calendar.js';
import { isWorkingDay, type WorkingCalendar } from '../../shared/calendar/working-calendar.js';
import { addWorkingDays } from '../../shared/calendar/working-days.js';
import { addDays, type IsoDate } from '../../shared/calendar/dates.js';
import { schedulingSettings } from '../../shared/scheduling/scheduling-settings.js';
import { done, refuse, type Outcome } from '../use-case.js';
import { dashboardOf, type ComplianceDeps } from './compliance-view.js';

type Deps = Pick<AppPorts, 'arrangements' | 'directory' | 'calendar' | 'schoolCalendar' | 'settings' | 'links' | 'clock' | 'audit'> & ComplianceDeps;

export interface ThreeWayMeeting {
  start: IsoInstant;
  end: IsoInstant;
  managerName: string;
  supervisorName: string;
  /** My supervision in the app. */
  link: string;
}

// seed 000 "Entitlement", seed 003 §F: a supervisee not supervised as often as their role requires may
// ask for a three-way meeting with their supervisor and the supervisor's line manager.
/**
 * Books the three-way meeting the supervisee asked for: the first time within one working week when all
 * three are free in Outlook, as a meeting request from the supervisor's mailbox. Asking again the same day
 * books nothing new. Only for a supervisee of an active arrangement who is overdue as the escalation says
 * (the compliance read model's dashboard rows); anyone else sending the card's action is refused.
 */
export async function requestThreeWayMeeting(deps: Deps, input: { caller: Caller; arrangementId: string }): Promise<Outcome<ThreeWayMeeting>> {
  const { caller, arrangementId } = input;
  const refused = (...reason: Parameters<typeof refuse>): Promise<Outcome<ThreeWayMeeting>> => audited(deps.audit, caller, 'escalation.meeting', arrangementId, refuse(...reason));
  const stored = await deps.arrangements.get(arrangementId);
  if (!stored) return refused('not-found', 'arrangement_not_found', 'There is no supervision arrangement with that id.');
  const a = stored.value;
  const me = a.supervisees.find((s) => s.id === caller.id);
  if (!me) return refused('forbidden', 'forbidden', 'Only a supervisee of this arrangement can ask for a three-way meeting.');
  if (a.status !== 'active')
    return refused(
      'conflict',
      'arrangement_ended',
      `Your supervision arrangement with ${a.supervisor.displayName} has ended, so a three-way meeting cannot be booked for it. Ask the designated safeguarding lead if you need one.`,
    );
  // seed 000 "Entitlement", seed 003 §F: only when this supervisee is overdue, by the same rows and rule the
  // escalation uses (the dashboard over the compliance read model, then escalationsDue).
  const { rows } = await dashboardOf(deps, (x) => x.id === a.id);
  if (threeWayEntitlement(rows, a.id, me.id).length === 0)
    return refused(
      'conflict',
      'not_overdue',
      `Your supervision with ${a.supervisor.displayName} is not overdue, so there is no three-way meeting to book. A meeting with ${a.supervisor.displayName} and their line manager is for when your supervision has not happened as often as your role requires.`,
    );
  const manager = await deps.directory.getManager(a.supervisor.id);
  if (!manager?.mail)
    return refused(
      'conflict',
      'no_manager',
      `The directory does not say who ${a.supervisor.displayName}'s line manager is. Ask the designated safeguarding lead to arrange the meeting.`,
    );
  const now = deps.clock.now();
  const { working } = await currentCalendar(deps.schoolCalendar);
  const today = instantToLondon(now).date;
  // The card comes the day after a window ends, often a weekend or a holiday; the working week is counted from
  // a school day (seed 000 "Frequency of Safeguarding Supervision"), so from the next one when asked on a day off.
  const firstDay = isWorkingDay(working, today) ? today : schoolDayAfter(working, today);
  if (!firstDay)
    return refused('conflict', 'no_time', 'There is no time within a working week when all three of you are free. Ask the designated safeguarding lead to arrange the meeting.');
  const people = [a.supervisor, me, { id: manager.id, displayName: manager.displayName, mail: manager.mail }];
  const from = londonToInstant(firstDay, '00:00');
  // Everyone's Outlook up to the end of the working week, however long a holiday inside it (two weeks at Christmas).
  const lastDay = schoolDayAfter(working, firstDay, schedulingSettings(deps.settings.scheduling).postponementWorkingDays);
  const to = lastDay ? londonToInstant(addDays(lastDay, 1), '00:00') : addMinutes(from, 14 * 24 * 60);
  const organizerId = organiserOf(a, deps.settings.safeguardingMailbox);
  // One supervisee's meetings (each supervisee of a group has their own), whatever day they were asked for.
  const mine = `ss-3way-${createHash('sha256')
    .update(JSON.stringify([arrangementId, me.id]))
    .digest('hex')
    .slice(0, 32)}-`;
  // Asked again on a later day while the meeting booked before is still ahead (or under way): that meeting is the answer.
  const ahead = (await deps.calendar.calendarView(organizerId, now, addMinutes(to, 28 * 24 * 60))).find(
    (e) => e.isOrganizer && !e.isCancelled && e.transactionId?.startsWith(mine) === true && instantMs(e.endUtc) > instantMs(now),
  );
  if (ahead) return booked(deps, caller, arrangementId, { start: ahead.startUtc as IsoInstant, end: ahead.endUtc as IsoInstant }, manager.displayName, a.supervisor.displayName);
  const busy = await busyByPerson(deps.calendar, [{ requester: a.supervisor.id, people }], from, to);
  // The same search as a postponed session: within one working week from that day, everyone free, best first.
  const start = firstDay === today ? now : from;
  const options = rescheduleOptions({
    calendar: working,
    original: { start, end: addMinutes(start, a.durationMinutes) },
    participants: [...busy].map(([participantId, list]) => ({ participantId, busy: list })),
    settings: deps.settings.scheduling,
    now,
  });
  const best = options.kind === 'candidates' ? options.candidates[0] : undefined;
  if (!best)
    return refused('conflict', 'no_time', 'There is no time within a working week when all three of you are free. Ask the designated safeguarding lead to arrange the meeting.');
  // Asked again the same day, Outlook answers with the meeting the first request made (its transactionId),
  // which may be at another time than this search found: that meeting is the answer.
  const meeting = await deps.calendar.createEvent({
    organizerId,
    transactionId: `${mine}${today}`,
    subject: SESSION_SUBJECT,
    startUtc: best.slot.start,
    endUtc: best.slot.end,
    bodyHtml: meetingBodyHtml(deps.links.page('/')),
    attendees: people.filter((p) => p.id !== organizerId).map((p) => ({ address: p.mail, name: p.displayName, type: 'required' as const })),
  });
  return booked(deps, caller, arrangementId, { start: meeting.startUtc, end: meeting.endUtc }, manager.displayName, a.supervisor.displayName);
}

function booked(
  deps: Pick<Deps, 'audit' | 'links'>,
  caller: Caller,
  arrangementId: string,
  meeting: { start: IsoInstant; end: IsoInstant },
  managerName: string,
  supervisorName: string,
): Promise<Outcome<ThreeWayMeeting>> {
  return audited(
    deps.audit,
    caller,
    'escalation.meeting',
    arrangementId,
    done({ start: meeting.start, end: meeting.end, managerName, supervisorName, link: deps.links.page('/') }),
    (m) => `booked ${m.start}`,
  );
}

/** The `n`th school day after `date`; undefined when the calendar has none (past its last year). */
function schoolDayAfter(wc: WorkingCalendar, date: IsoDate, n = 1): IsoDate | undefined {
  try {
    return addWorkingDays(wc, date, n);
  } catch {
    return undefined;
  }
}
