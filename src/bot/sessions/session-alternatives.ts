import { partiesOf, type Arrangement } from '../../shared/arrangements/arrangement.js';
import { instantToLondon, londonToInstant } from '../../shared/calendar/london-time.js';
import { postponementWindow } from '../../shared/calendar/working-days.js';
import { InvalidInputError } from '../../shared/errors/invalid-input.js';
import { rescheduleOptions, type RescheduleResult } from '../../shared/scheduling/reschedule.js';
import { schedulingSettings } from '../../shared/scheduling/scheduling-settings.js';
import type { Session } from '../../shared/sessions/session.js';
import { busyByPerson } from '../booking/free-busy.js';
import { currentCalendar } from '../school-year/school-calendar.js';
import type { AppPorts } from '../ports.js';

// seed 000 "Frequency of Safeguarding Supervision" and Appendix 3 §3: an alternate within one working week.
/** Times within one working week of the session when every party is free in Outlook, best first. */
export async function alternativesFor(
  deps: Pick<AppPorts, 'schoolCalendar' | 'calendar' | 'clock' | 'settings'>,
  session: Session,
  arrangement: Arrangement,
  requester: string,
): Promise<RescheduleResult> {
  const { working } = await currentCalendar(deps.schoolCalendar);
  const settings = schedulingSettings(deps.settings.scheduling);
  // The working week counts from the time first booked, so postponing again cannot push a session further.
  const first = session.postponements[0];
  const original = first ? { start: first.fromStart, end: first.fromEnd } : { start: session.start, end: session.end };
  const originalDate = instantToLondon(original.start).date;
  let to = londonToInstant(originalDate, '23:59');
  try {
    to = londonToInstant(postponementWindow(working, originalDate, settings.postponementWorkingDays).deadline, '23:59');
  } catch (e) {
    // Out of the calendar: rescheduleOptions explains it; a bad original is reported by it too.
    if (!(e instanceof RangeError) || e instanceof InvalidInputError) throw e;
  }
  const busy = await busyByPerson(deps.calendar, [{ requester, people: partiesOf(arrangement) }], londonToInstant(originalDate, '00:00'), to);
  // The session's own meeting is in everyone's calendar: not a clash with itself, but not offered again either.
  const participants = [
    ...[...busy].map(([participantId, list]) => ({ participantId, busy: list.filter((b) => !(b.start === session.start && b.end === session.end)) })),
    { participantId: '(this session now)', busy: [{ start: session.start, end: session.end }] },
  ];
  return rescheduleOptions({
    calendar: working,
    original,
    participants,
    settings: deps.settings.scheduling,
    preferences: arrangement.preferences,
    now: deps.clock.now(),
  });
}
