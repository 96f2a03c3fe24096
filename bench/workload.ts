import { createHash } from 'node:crypto';
import { DEMO_USERS } from '../tools/m365-emulator/src/index.js';
import type { NewCalendarEvent } from '../src/bot/graph/calendar.js';

const supervisors = DEMO_USERS.filter((u) => u.role === 'dsl' || u.role === 'deputy-dsl');
const supervisees = DEMO_USERS.filter((u) => u.role !== 'dsl' && u.role !== 'deputy-dsl' && u.role !== 'principal');

/** A stable transactionId per (arrangement, session): replays after a restart reuse it. */
export function transactionIdFor(arrangement: number, session: number): string {
  const h = createHash('sha256').update(`bench:${arrangement}:${session}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Six half-termly sessions for each arrangement, on fictional demo-school staff. */
export function buildWorkload(arrangements: number, sessionsEach: number): NewCalendarEvent[] {
  const events: NewCalendarEvent[] = [];
  const yearStart = Date.UTC(2031, 8, 8, 8, 0, 0); // a Monday in September
  for (let a = 0; a < arrangements; a++) {
    const supervisor = supervisors[a % supervisors.length];
    const supervisee = supervisees[a % supervisees.length];
    if (!supervisor || !supervisee) throw new Error('the demo school needs supervisors and supervisees');
    for (let s = 0; s < sessionsEach; s++) {
      // Half terms are ~6-7 weeks apart; spread arrangements over the working day and week.
      const start = yearStart + s * 7 * 7 * 86_400_000 + (a % 5) * 86_400_000 + ((a >> 3) % 8) * 3_600_000;
      events.push({
        organizerId: supervisor.id,
        transactionId: transactionIdFor(a, s),
        subject: 'Safeguarding supervision',
        startUtc: new Date(start).toISOString(),
        endUtc: new Date(start + 3_600_000).toISOString(),
        location: 'Safeguarding office',
        attendees: [{ address: supervisee.mail, name: supervisee.displayName }],
      });
    }
  }
  return events;
}
