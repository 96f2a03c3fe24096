import { partiesOf, type Arrangement } from '../arrangements/arrangement.js';
import { isPlanned } from '../arrangements/new-arrangement.js';
import { instantMs, instantToLondon, type IsoInstant } from '../calendar/london-time.js';
import { isPlannableDay, type WorkingCalendar } from '../calendar/working-calendar.js';

export const NOT_BOOKABLE = {
  passed: 'Its time had passed by the time the booking reached it, so this session was not booked: preview and book again.',
  dayClosed: 'The school year changed after this booking started and this day is no longer a school day, so this session was not booked: preview and book again.',
  ended: 'The arrangement was ended after this booking started, so this session was not booked.',
  changed: 'The arrangement was changed after this booking started (its length, format, organiser, meeting or people), so this session was not booked: preview and book again.',
} as const;

/** What a booked meeting is made from: a change to any of it means a plan made before no longer fits. */
const bookedShape = (a: Arrangement) =>
  JSON.stringify([a.durationMinutes, a.format, a.organiser, a.teamsMeeting, a.location ?? '', a.cadence, partiesOf(a).map((p) => [p.id, p.mail])]);

/** Whether an arrangement still plans sessions (it exists, is active and is not as-required). */
export const stillPlanned = (a: Arrangement | undefined): boolean => a !== undefined && isPlanned(a);

/**
 * Why a session planned when the booking started must not be booked now (undefined: book it): its time has
 * passed, its day is no longer a school day (or its year is gone), or its arrangement ended or changed since.
 */
export function whyNotBookable(
  session: { academicYear: string; start: IsoInstant },
  planned: Arrangement,
  now: { at: IsoInstant; calendar: WorkingCalendar; allowInsetDays: boolean; arrangement: Arrangement | undefined },
): string | undefined {
  if (instantMs(session.start) < instantMs(now.at)) return NOT_BOOKABLE.passed;
  const yearKept = now.calendar.calendar.years.some((y) => y.label === session.academicYear);
  if (!yearKept || !isPlannableDay(now.calendar, instantToLondon(session.start).date, now.allowInsetDays)) return NOT_BOOKABLE.dayClosed;
  if (now.arrangement === undefined || now.arrangement.status === 'ended') return NOT_BOOKABLE.ended;
  return stillPlanned(now.arrangement) && bookedShape(planned) === bookedShape(now.arrangement) ? undefined : NOT_BOOKABLE.changed;
}
