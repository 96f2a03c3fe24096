import { randomUUID } from 'node:crypto';
import type { Caller } from '../../shared/access/app-roles.js';
import { partiesOf, type Arrangement } from '../../shared/arrangements/arrangement.js';
import { instantMs, type IsoInstant } from '../../shared/calendar/london-time.js';
import { buildReminderCard } from '../../shared/cards/reminder-card.js';
import type { AgendaView } from '../../shared/agenda/agenda.js';
import { DEFAULT_REMINDER_WORKING_DAYS, isReminderDue, reminderKey } from '../../shared/reminders/reminders.js';
import type { Session } from '../../shared/sessions/session.js';
import { loadAgendaView } from '../agenda/agenda-view.js';
import { isSettled } from '../claims/lease.js';
import { postOnce } from '../claims/post-once.js';
import { remindDecisions } from '../decisions/remind-decisions.js';
import type { Logger } from '../logger.js';
import type { AppPorts } from '../ports.js';
import { currentCalendar } from '../school-year/school-calendar.js';
import { errorSummary } from '../errors.js';

export interface ReminderRun {
  /** Participants whose reminder was due in this run. */
  due: number;
  sent: number;
  /** Sent before (by this server, another one, or an earlier run). */
  alreadySent: number;
  /** Participants the bot cannot reach yet (the app is not installed for them). */
  unreachable: string[];
  failed: number;
  /** Reminders sent to confirm a decision is on the child's case record. */
  decisionReminders: number;
}

export { CLAIM_LEASE_MS } from '../claims/lease.js';
/**
 * How far ahead the job looks, in days: wide enough to hold N working days before any session, across the
 * longest summer holiday a calendar may have (10 weeks between one year's end and the next one's start,
 * see validateSchoolCalendar), plus at most 2 calendar weeks per 5 working days (a half-term week inside
 * them) and a week's margin for bank holidays and weekends. Narrower, a session just after a long summer
 * was found only after its reminder day, and reminded late.
 */
export function reminderHorizonDays(workingDaysBefore: number): number {
  return 70 + 14 * Math.ceil(workingDaysBefore / 5) + 7;
}

type Deps = Pick<
  AppPorts,
  | 'compliance'
  | 'sessions'
  | 'arrangements'
  | 'schoolCalendar'
  | 'agendaItems'
  | 'conversations'
  | 'postedCards'
  | 'reminderClaims'
  | 'messenger'
  | 'settings'
  | 'clock'
  | 'audit'
  | 'decisions'
  | 'links'
>;

/**
 * Sends each participant of each upcoming session their reminder card, a set number of working days
 * before it (default 2). Exactly once per participant per session time, across restarts and with
 * several servers running: a server sends only after its claim is the one stored (the claims list's
 * key is unique); a claim whose server stopped before sending is taken over after a lease.
 */
export async function runReminders(deps: Deps, log: Logger, input: { caller: Caller }): Promise<ReminderRun> {
  const now = deps.clock.now();
  const { working } = await currentCalendar(deps.schoolCalendar);
  const workingDaysBefore = deps.settings.reminderWorkingDays ?? DEFAULT_REMINDER_WORKING_DAYS;
  // One token per run: a claim read back is this run's only if it carries it (two runs in one second differ).
  const claimant = `${deps.settings.instanceId ?? 'server'}:${randomUUID()}`;
  const horizon = new Date(instantMs(now) + reminderHorizonDays(workingDaysBefore) * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z') as IsoInstant;
  const sessions = (await deps.sessions.listBookedStartingBetween(now, horizon)).filter((s) => {
    try {
      return isReminderDue({ sessionStartUtc: s.value.start, now, workingCalendar: working, workingDaysBefore });
    } catch {
      return false; // a stored start that is not a real instant (a session outside the calendar is still counted: isReminderDue)
    }
  });
  const run: ReminderRun = { due: 0, sent: 0, alreadySent: 0, unreachable: [], failed: 0, decisionReminders: 0 };
  // One read of the arrangements, and of each due session's claims: a reminder already sent costs nothing more.
  const arrangements = new Map((await deps.arrangements.list()).map((a) => [a.value.id, a.value]));
  const work: { session: Session; arrangement: Arrangement; userId: string }[] = [];
  for (const s of sessions) {
    const a = arrangements.get(s.value.arrangementId);
    if (!a || a.status !== 'active') continue;
    const claims = new Map((await deps.reminderClaims.listForSession(s.value.id)).map((c) => [c.value.key, c]));
    for (const p of partiesOf(a)) {
      run.due += 1;
      const claim = claims.get(reminderKey(s.value.id, p.id, s.value.start));
      if (isSettled(claim, now)) run.alreadySent += 1;
      else work.push({ session: s.value, arrangement: a, userId: p.id });
    }
  }

  // Each session's agenda is read once per run, whoever it goes to.
  const views = new Map<string, Promise<AgendaView>>();
  const viewOf = (session: Session, arrangement: Arrangement) => {
    if (!views.has(session.id)) views.set(session.id, loadAgendaView(deps, session, arrangement));
    return views.get(session.id) as Promise<AgendaView>;
  };

  const remindOne = async ({ session, arrangement, userId }: (typeof work)[number]) => {
    try {
      const posted = await postOnce(deps, { key: reminderKey(session.id, userId, session.start), sessionId: session.id, userId, sessionStart: session.start, claimant }, async () =>
        buildReminderCard(await viewOf(session, arrangement), userId),
      );
      if (posted.outcome === 'unreachable') run.unreachable.push(userId);
      else if (posted.outcome === 'already') run.alreadySent += 1;
      else {
        run.sent += 1;
        await deps.postedCards.add({ sessionId: session.id, userId, kind: 'reminder', conversation: posted.to, activityId: posted.activityId, postedAt: now });
      }
    } catch (error) {
      run.failed += 1;
      log.warn({ err: errorSummary(error), sessionId: session.id }, 'reminder not sent');
    }
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(8, work.length) }, async () => {
      while (next < work.length) await remindOne(work[next++] as (typeof work)[number]);
    }),
  );
  try {
    const decisions = await remindDecisions(deps, claimant, log);
    run.decisionReminders = decisions.sent;
    run.failed += decisions.failed;
  } catch (error) {
    run.failed += 1;
    log.warn({ err: errorSummary(error) }, 'decision reminders not sent');
  }
  await deps.audit.append({
    actorId: input.caller.id,
    action: 'reminders.run',
    targetId: '-',
    outcome: run.failed ? 'failed' : 'done',
    detail: `due ${run.due}, sent ${run.sent}, already ${run.alreadySent}, unreachable ${run.unreachable.length}, failed ${run.failed}, decisions ${run.decisionReminders}`,
  });
  return run;
}
