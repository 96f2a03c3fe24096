// The pure parts of the Book the year wizard: which year to offer first, the list of moves the admin
// asked for, what "retry the failed ones" sends, and the progress words.
import type { BookingJob, BookingRequest, Move, ProposalStatus } from '../../api/operations/booking.js';

/** The first year that has not ended by `today` (YYYY-MM-DD), else the last one. */
export function defaultYear(years: readonly { label: string; halfTerms: readonly { end: string }[] }[], today: string): string {
  const open = years.find((y) => y.halfTerms.some((h) => h.end >= today));
  return (open ?? years[years.length - 1])?.label ?? '';
}

const sameSlot = (a: Pick<Move, 'arrangementId' | 'windowId'>, b: Pick<Move, 'arrangementId' | 'windowId'>) => a.arrangementId === b.arrangementId && a.windowId === b.windowId;

/** Adds a move, replacing an earlier one for the same session. */
export function withMove(moves: readonly Move[], move: Move): Move[] {
  return [...moves.filter((m) => !sameSlot(m, move)), move];
}

export function withoutMove(moves: readonly Move[], slot: Pick<Move, 'arrangementId' | 'windowId'>): Move[] {
  return moves.filter((m) => !sameSlot(m, slot));
}

/** The moves the server accepted (a refused move is not sent when booking: the proposal stands). */
export function acceptedMoves(moves: readonly Move[], refused: readonly Pick<Move, 'arrangementId' | 'windowId'>[]): Move[] {
  return moves.filter((m) => !refused.some((r) => sameSlot(m, r)));
}

/** "Retry the failed ones": the same year, only the arrangements with a failure booking again can mend, and their moves. */
export function retryRequest(request: BookingRequest, job: Pick<BookingJob, 'failed'>): BookingRequest | null {
  const ids = [...new Set(job.failed.filter((f) => f.retry !== false).map((f) => f.arrangementId))];
  if (ids.length === 0) return null;
  const moves = (request.moves ?? []).filter((m) => ids.includes(m.arrangementId));
  return { academicYear: request.academicYear, arrangementIds: ids, ...(moves.length ? { moves } : {}) };
}

/** How far the job has got: processed (for the bar) and the words ("3 of 12 booked"). */
export function progressOf(job: Pick<BookingJob, 'total' | 'booked' | 'alreadyBooked' | 'failed'>): { value: number; max: number; text: string } {
  const done = job.booked + job.alreadyBooked;
  const failed = job.failed.length;
  const max = Math.max(job.total, 1);
  return {
    value: Math.min(done + failed, max),
    max,
    text: `${done} of ${job.total} booked${failed ? `, ${failed} failed` : ''}`,
  };
}

export const STATUS_TEXT: Record<ProposalStatus, { label: string; color: 'brand' | 'informative' | 'success' | 'danger' | 'subtle' }> = {
  proposed: { label: 'To book', color: 'brand' },
  moved: { label: 'Moved by you', color: 'informative' },
  'already-booked': { label: 'Already booked', color: 'success' },
  'no-slot': { label: 'No time found', color: 'danger' },
  past: { label: 'Past', color: 'subtle' },
};

/** Sessions the admin may move: those that will be booked. */
export function canMove(status: ProposalStatus): boolean {
  return status === 'proposed' || status === 'moved';
}
