import type { Arrangement } from '../arrangements/arrangement.js';
import type { ArrangementFacts, SessionFacts } from '../compliance/types.js';
import type { Session } from './session.js';

/** What the compliance rules need to know of an arrangement and its sessions. */
export function arrangementFacts(a: Arrangement, sessions: readonly Session[]): ArrangementFacts {
  return {
    id: a.id,
    cadence: a.cadence,
    maxGapMonths: a.maxGapMonths,
    startDate: a.startDate,
    sessions: sessions
      .filter((s) => s.arrangementId === a.id)
      .map((s): SessionFacts => ({ id: s.id, start: s.start, end: s.end, status: s.status === 'booked' ? 'planned' : s.status })),
  };
}
