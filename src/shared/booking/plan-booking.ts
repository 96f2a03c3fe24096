import { partiesOf, type Arrangement } from '../arrangements/arrangement.js';
import { instantToLondon, type IsoInstant } from '../calendar/london-time.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { planSessions, type PlannedSession } from '../scheduling/plan-sessions.js';
import type { Interval, ParticipantBusy } from '../scheduling/intervals.js';
import type { SchedulingSettings } from '../scheduling/scheduling-settings.js';
import { sessionId, type Session } from '../sessions/session.js';
import { checkMove, type Move } from './check-move.js';

export type ProposalStatus = 'proposed' | 'moved' | 'already-booked' | 'no-slot' | 'past';

export interface ProposedSession {
  sessionId: string;
  windowId: string;
  windowLabel: string;
  status: ProposalStatus;
  start?: IsoInstant;
  end?: IsoInstant;
  /** Why this time: the planner's reason, or why there is none. */
  reason: string;
  /** Rules or wishes that could not be kept (the maximum gap, a preferred day…). */
  setAside: string[];
}

export interface ArrangementPlan {
  arrangementId: string;
  sessions: ProposedSession[];
}

export interface MoveRefusal {
  arrangementId: string;
  windowId: string;
  message: string;
}

export interface BookingPlanRequest {
  calendar: WorkingCalendar;
  academicYear: string;
  arrangements: readonly Arrangement[];
  /** Busy times by person id (from Outlook free/busy), already including booked sessions. */
  busy: ReadonlyMap<string, readonly Interval[]>;
  /** Every session the arrangements already have, any year. */
  existing: readonly Session[];
  moves?: readonly Move[];
  settings?: Partial<SchedulingSettings>;
  now: IsoInstant;
}

export interface BookingPlan {
  academicYear: string;
  arrangements: ArrangementPlan[];
  refusedMoves: MoveRefusal[];
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Proposes the year's sessions for many arrangements at once. Arrangements are planned one after
 * another (in id order, so the same inputs give the same plan), and each proposed time is added to its
 * people's busy times before the next, so a supervisor with several supervisees is never offered two
 * sessions at once. Sessions already booked are kept as they are; the admin's moves are checked
 * again against the same rules and refused with a reason when they break one.
 */
export function planBooking(req: BookingPlanRequest): BookingPlan {
  const busy = new Map<string, Interval[]>([...req.busy].map(([id, list]) => [id, [...list]]));
  const movesFor = new Map<string, Move>();
  const refusedMoves: MoveRefusal[] = [];
  for (const m of req.moves ?? []) {
    const key = `${m.arrangementId}|${m.windowId}`;
    if (movesFor.has(key)) refusedMoves.push({ arrangementId: m.arrangementId, windowId: m.windowId, message: 'This session is moved twice: keep one move for it.' });
    else movesFor.set(key, m);
  }
  const used = new Set<string>();
  const out: ArrangementPlan[] = [];

  for (const a of [...req.arrangements].sort(byId)) {
    const all = req.existing.filter((s) => s.arrangementId === a.id);
    const mine = all.filter((s) => s.status !== 'cancelled');
    const booked = new Map(mine.filter((s) => s.academicYear === req.academicYear).map((s) => [s.windowId, s]));
    // A window whose session was cancelled may be booked again, as a new session (with a new meeting).
    const cancelled = (windowId: string) => all.filter((s) => s.academicYear === req.academicYear && s.windowId === windowId && s.status === 'cancelled').length;
    const people = partiesOf(a).map((p) => p.id);
    const participants = (): ParticipantBusy[] => people.map((id) => ({ participantId: id, busy: busy.get(id) ?? [] }));
    const heldOrBooked = mine.map((s) => ({ academicYear: s.academicYear, windowId: s.windowId, date: instantToLondon(s.start).date }));
    const planned = planSessions({
      calendar: req.calendar,
      yearLabel: req.academicYear,
      cadence: a.cadence,
      durationMinutes: a.durationMinutes,
      maxGapMonths: a.maxGapMonths,
      participants: participants(),
      preferences: a.preferences,
      ...(req.settings ? { settings: req.settings } : {}),
      // seed 000 "Key Functions"; seed 003 §C: the gap is kept from every session held or booked, this year's too.
      booked: heldOrBooked,
      now: req.now,
    });
    const sessions: ProposedSession[] = [];
    const propose = (p: PlannedSession, i: number): ProposedSession => {
      const existing = booked.get(p.window.id);
      const id = existing?.id ?? sessionId(a.id, p.window.id, cancelled(p.window.id) + 1);
      const base = { sessionId: id, windowId: p.window.id, windowLabel: p.window.label };
      const move = movesFor.get(`${a.id}|${p.window.id}`);
      if (move) used.add(`${a.id}|${p.window.id}`);
      if (existing) {
        if (move)
          refusedMoves.push({ arrangementId: a.id, windowId: p.window.id, message: `The ${p.window.label} session is already booked: postpone it from the session instead.` });
        return { ...base, status: 'already-booked', start: existing.start, end: existing.end, reason: 'Already booked in Outlook.', setAside: [] };
      }
      if (move) {
        const verdict = checkMove({
          calendar: req.calendar,
          window: p.window,
          start: move.start,
          durationMinutes: a.durationMinutes,
          participants: participants(),
          preferences: a.preferences,
          ...(req.settings ? { settings: req.settings } : {}),
          // seed 000 "Key Functions"; seed 003 §C: the gap either side, to the sessions held or booked and the
          // rest of this plan as it stands (earlier windows as decided, moves included; later ones as proposed).
          gap: {
            maxGapMonths: a.maxGapMonths,
            others: [
              ...heldOrBooked.map((b) => b.date),
              ...sessions.flatMap((s) => (s.start && s.status !== 'already-booked' ? [instantToLondon(s.start).date] : [])),
              ...planned.slice(i + 1).flatMap((q) => (q.outcome === 'planned' ? [q.slot.date] : [])),
            ],
            ...(p.outcome === 'planned' ? { proposed: p.slot.date } : {}),
          },
          now: req.now,
        });
        if (verdict.ok) return { ...base, status: 'moved', start: verdict.start, end: verdict.end, reason: verdict.reason, setAside: verdict.setAside ?? [] };
        refusedMoves.push({ arrangementId: a.id, windowId: p.window.id, message: verdict.message });
      }
      if (p.outcome === 'planned') return { ...base, status: 'proposed', start: p.slot.start, end: p.slot.end, reason: p.reason, setAside: p.setAside };
      // Unreachable: a window booked for the planner is in `booked` above.
      if (p.outcome === 'booked') return { ...base, status: 'already-booked', reason: p.reason, setAside: [] };
      return { ...base, status: p.outcome, reason: p.reason, setAside: [] };
    };
    planned.forEach((p, i) => sessions.push(propose(p, i)));
    // What this arrangement will hold makes its people busy for the arrangements planned after it.
    for (const s of sessions) {
      if (!s.start || !s.end || s.status === 'already-booked') continue;
      for (const id of people) busy.set(id, [...(busy.get(id) ?? []), { start: s.start, end: s.end }]);
    }
    out.push({ arrangementId: a.id, sessions });
  }
  for (const [key, m] of movesFor) {
    if (!used.has(key))
      refusedMoves.push({
        arrangementId: m.arrangementId,
        windowId: m.windowId,
        message: 'There is no session to move there: check the arrangement and the half term (or other window) in this year.',
      });
  }
  return { academicYear: req.academicYear, arrangements: out, refusedMoves };
}

/** The sessions a booking would create: proposed or moved, not yet booked. */
export function sessionsToBook(plan: BookingPlan): { arrangementId: string; session: ProposedSession & { start: IsoInstant; end: IsoInstant } }[] {
  return plan.arrangements.flatMap((a) =>
    a.sessions.flatMap((s) =>
      (s.status === 'proposed' || s.status === 'moved') && s.start && s.end ? [{ arrangementId: a.arrangementId, session: { ...s, start: s.start, end: s.end } }] : [],
    ),
  );
}
