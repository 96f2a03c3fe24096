import { partiesOf, type Arrangement, type Party } from '../../shared/arrangements/arrangement.js';
import { isPlanned } from '../../shared/arrangements/new-arrangement.js';
import { planBooking, type BookingPlan } from '../../shared/booking/plan-booking.js';
import type { Move } from '../../shared/booking/check-move.js';
import { londonToInstant } from '../../shared/calendar/london-time.js';
import { findYear } from '../../shared/scheduling/target-windows.js';
import type { Session } from '../../shared/sessions/session.js';
import type { ValidationIssue } from '../../shared/calendar/validation-issue.js';
import { currentCalendar } from '../school-year/school-calendar.js';
import type { AppPorts } from '../ports.js';
import { organiserOf } from './book-sessions.js';
import { busyByPerson, type ScheduleAsk } from './free-busy.js';

/** Each person's free/busy is asked once, of the mailbox their first arrangement books in. */
function scheduleAsks(arrangements: readonly Arrangement[], safeguardingMailbox: string | undefined): ScheduleAsk[] {
  const seen = new Set<string>();
  const asks = new Map<string, Party[]>();
  for (const a of arrangements) {
    const requester = organiserOf(a, safeguardingMailbox);
    for (const p of partiesOf(a)) {
      if (seen.has(p.id)) continue;
      seen.add(p.id);
      asks.set(requester, [...(asks.get(requester) ?? []), p]);
    }
  }
  return [...asks].map(([requester, people]) => ({ requester, people }));
}

export interface LoadedPlan {
  plan: BookingPlan;
  arrangements: Arrangement[];
  sessions: Session[];
}

export type PlanLoad = { ok: true; loaded: LoadedPlan } | { ok: false; issues: ValidationIssue[] };

/**
 * Everything a booking preview needs, loaded once: the school calendar, the arrangements asked for
 * (all active planned ones when none are named), their sessions, and Outlook free/busy for the year.
 */
export async function loadBookingPlan(
  deps: Pick<AppPorts, 'arrangements' | 'sessions' | 'schoolCalendar' | 'calendar' | 'clock' | 'settings'>,
  request: { academicYear: string; arrangementIds?: readonly string[] | undefined; moves?: readonly Move[] | undefined },
): Promise<PlanLoad> {
  const { working, calendar } = await currentCalendar(deps.schoolCalendar);
  const year = calendar.years.find((y) => y.label === request.academicYear);
  if (!year) {
    const known = calendar.years.map((y) => y.label).join(', ');
    return {
      ok: false,
      issues: [{ field: 'academicYear', message: `The school calendar has no ${request.academicYear} (it has ${known}). Add that year on the School year screen first.` }],
    };
  }
  findYear(working, request.academicYear);
  const all = (await deps.arrangements.list()).map((s) => s.value);
  let chosen: Arrangement[];
  if (request.arrangementIds) {
    const byId = new Map(all.map((a) => [a.id, a]));
    const issues: ValidationIssue[] = [];
    chosen = [];
    request.arrangementIds.forEach((id, i) => {
      const a = byId.get(id);
      if (!a) issues.push({ field: `arrangementIds[${i}]`, message: 'There is no supervision arrangement with that id.' });
      else if (!isPlanned(a))
        issues.push({
          field: `arrangementIds[${i}]`,
          message: a.status === 'ended' ? 'That arrangement has ended.' : 'That arrangement is as-required (debriefs): book its sessions one at a time.',
        });
      else chosen.push(a);
    });
    if (issues.length > 0) return { ok: false, issues };
  } else {
    chosen = all.filter(isPlanned);
  }
  const sessions = (await deps.sessions.listForArrangements(chosen.map((a) => a.id))).map((s) => s.value);
  const first = year.halfTerms[0]?.start as string;
  const last = year.halfTerms[5]?.end as string;
  const busy = await busyByPerson(deps.calendar, scheduleAsks(chosen, deps.settings.safeguardingMailbox), londonToInstant(first, '00:00'), londonToInstant(last, '23:59'));
  const plan = planBooking({
    calendar: working,
    academicYear: request.academicYear,
    arrangements: chosen,
    busy,
    existing: sessions,
    ...(request.moves ? { moves: request.moves } : {}),
    settings: deps.settings.scheduling,
    now: deps.clock.now(),
  });
  return { ok: true, loaded: { plan, arrangements: chosen, sessions } };
}
