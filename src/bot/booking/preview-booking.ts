import type { Caller } from '../../shared/access/app-roles.js';
import { canManageSchedule } from '../../shared/access/authorise.js';
import { describeArrangement } from '../../shared/arrangements/arrangement.js';
import type { Move } from '../../shared/booking/check-move.js';
import type { MoveRefusal, ProposedSession } from '../../shared/booking/plan-booking.js';
import { auditedIfRefused } from '../audit/audited.js';
import type { AppPorts } from '../ports.js';
import { done, invalid, refuse, type Outcome } from '../use-case.js';
import { loadBookingPlan, type LoadedPlan } from './load-booking-plan.js';

export interface BookingPreview {
  academicYear: string;
  arrangements: { arrangementId: string; title: string; format: string; durationMinutes: number; sessions: ProposedSession[] }[];
  refusedMoves: MoveRefusal[];
  totals: { toBook: number; alreadyBooked: number; noSlot: number };
}

export interface BookingRequest {
  academicYear: string;
  arrangementIds?: string[] | undefined;
  moves?: Move[] | undefined;
}

/** Proposed dates per arrangement with the planner's reason for each, clashes read from Outlook free/busy. */
export async function previewBooking(
  deps: Pick<AppPorts, 'arrangements' | 'sessions' | 'schoolCalendar' | 'calendar' | 'clock' | 'settings' | 'audit'>,
  input: { caller: Caller; request: BookingRequest },
): Promise<Outcome<BookingPreview>> {
  const allowed = canManageSchedule(input.caller);
  if (!allowed.ok) return auditedIfRefused(deps.audit, input.caller, 'booking.preview', input.request.academicYear, refuse('forbidden', 'forbidden', allowed.reason));
  const loaded = await loadBookingPlan(deps, input.request);
  if (!loaded.ok) return invalid(loaded.issues);
  return done(previewOf(loaded.loaded));
}

/** The preview of a loaded plan: per arrangement its title and proposals, and the totals. */
export function previewOf({ plan, arrangements }: LoadedPlan): BookingPreview {
  const byId = new Map(arrangements.map((a) => [a.id, a]));
  const rows = plan.arrangements.map((p) => {
    const a = byId.get(p.arrangementId);
    return {
      arrangementId: p.arrangementId,
      title: a ? describeArrangement(a) : p.arrangementId,
      format: a?.format ?? 'individual',
      durationMinutes: a?.durationMinutes ?? 60,
      sessions: p.sessions,
    };
  });
  const all = rows.flatMap((r) => r.sessions);
  return {
    academicYear: plan.academicYear,
    arrangements: rows,
    refusedMoves: plan.refusedMoves,
    totals: {
      toBook: all.filter((s) => s.status === 'proposed' || s.status === 'moved').length,
      alreadyBooked: all.filter((s) => s.status === 'already-booked').length,
      noSlot: all.filter((s) => s.status === 'no-slot').length,
    },
  };
}
