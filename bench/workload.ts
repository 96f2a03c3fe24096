import { createHash } from 'node:crypto';
import type { NewCalendarEvent } from '../src/bot/graph/calendar.js';
import type { Trust } from './trust.js';

/** A stable transactionId per (arrangement, session): replays after a restart reuse it. */
export function transactionIdFor(arrangement: number, session: number): string {
  const h = createHash('sha256').update(`bench:${arrangement}:${session}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Six half-termly sessions for each arrangement, school by school (as a trust admin books a year):
 * `arrangementsPerSchool` arrangements per school, each between one supervisee and one of their
 * school's three supervisors (round robin), booked in the supervisor's mailbox.
 */
export function buildWorkload(trust: Trust, arrangementsPerSchool: number, sessionsEach: number): NewCalendarEvent[] {
  const events: NewCalendarEvent[] = [];
  const yearStart = Date.UTC(2031, 8, 8, 8, 0, 0); // a Monday in September, 09:00 BST
  let arrangement = 0;
  for (const school of trust.schools) {
    if (school.supervisors.length === 0 || school.supervisees.length < arrangementsPerSchool)
      throw new Error(`${school.name} needs supervisors and ${arrangementsPerSchool} supervisees`);
    for (let k = 0; k < arrangementsPerSchool; k++, arrangement++) {
      const supervisor = school.supervisors[k % school.supervisors.length];
      const supervisee = school.supervisees[k];
      if (!supervisor || !supervisee) throw new Error('unreachable');
      // The supervisor's n-th arrangement: a weekday and an hour of its own, so no two of their sessions overlap.
      const nth = Math.floor(k / school.supervisors.length);
      for (let s = 0; s < sessionsEach; s++) {
        // Half terms are ~6-7 weeks apart.
        const start = yearStart + s * 7 * 7 * 86_400_000 + (nth % 5) * 86_400_000 + Math.floor(nth / 5) * 3_600_000;
        events.push({
          organizerId: supervisor.id,
          transactionId: transactionIdFor(arrangement, s),
          subject: 'Safeguarding supervision',
          startUtc: new Date(start).toISOString(),
          endUtc: new Date(start + 3_600_000).toISOString(),
          location: `Safeguarding office, ${school.name}`,
          attendees: [{ address: supervisee.mail, name: supervisee.displayName }],
        });
      }
    }
  }
  return events;
}
