import type { Arrangement } from '../arrangements/arrangement.js';
import type { IsoInstant } from '../calendar/london-time.js';
import type { ArrangementFacts, SessionFacts } from '../compliance/types.js';
import { sessionHasEnded, type Session } from './session.js';

/**
 * A session as the compliance rules see it: cancelled, held (marked held, or ended by `now` when given) or
 * planned; a moved session carries the time it was first booked for, which decides the window it counts for.
 */
export function sessionFacts(s: Session, now?: IsoInstant): SessionFacts {
  const first = s.postponements[0]?.fromStart;
  const moved = first !== undefined ? { firstBookedStart: first } : {};
  if (s.status === 'cancelled') return { id: s.id, start: s.start, end: s.end, status: 'cancelled', ...moved };
  const held = s.status === 'held' || (now !== undefined && sessionHasEnded(s, now));
  return { id: s.id, start: s.start, end: s.end, status: held ? 'held' : 'planned', ...moved };
}

/** What the compliance rules need to know of an arrangement and its sessions (with `now`, an ended session is held). */
export function arrangementFacts(a: Arrangement, sessions: readonly Session[], now?: IsoInstant): ArrangementFacts {
  return {
    id: a.id,
    cadence: a.cadence,
    maxGapMonths: a.maxGapMonths,
    startDate: a.startDate,
    sessions: sessions.filter((s) => s.arrangementId === a.id).map((s) => sessionFacts(s, now)),
  };
}
