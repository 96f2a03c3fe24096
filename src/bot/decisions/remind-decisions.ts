import { instantMs, type IsoInstant } from '../../shared/calendar/london-time.js';
import { postOnce } from '../claims/post-once.js';
import { errorSummary } from '../errors.js';
import type { Logger } from '../logger.js';
import type { AppPorts } from '../ports.js';
import { decisionCardOf, decisionView, type DecisionView } from './decision-view.js';

/** How long before its deadline the supervisor is reminded to confirm a decision is on the child's record. */
export const DECISION_REMINDER_HOURS_BEFORE = 6;

type Deps = Pick<AppPorts, 'decisions' | 'sessions' | 'conversations' | 'messenger' | 'postedCards' | 'reminderClaims' | 'links' | 'clock'>;

/**
 * Sends the supervisor one reminder card for each decision not yet confirmed on the child's case record
 * once its deadline is near (seed 002 §4.1 d: within 24 hours), exactly once across servers (a claim per
 * decision, like session reminders). One decision's failure does not hold up the others: its claim is
 * released and a later run tries again. Returns how many were sent and how many failed.
 */
export async function remindDecisions(deps: Deps, claimant: string, log?: Pick<Logger, 'warn'>): Promise<{ sent: number; failed: number }> {
  const now = deps.clock.now();
  const nowMs = instantMs(now);
  const run = { sent: 0, failed: 0 };
  for (const stored of await deps.decisions.listUnconfirmed()) {
    const view = decisionView(stored.value, deps.links);
    if (nowMs < instantMs(view.dueBy) - DECISION_REMINDER_HOURS_BEFORE * 3_600_000) continue;
    try {
      // The list may be a moment old: confirmed since (in the tab, on another server), it needs no reminder.
      const latest = await deps.decisions.get(stored.value.id);
      if (!latest || latest.value.enteredOnCaseSystem) continue;
      if (await remindOne(deps, view, claimant, now)) run.sent += 1;
    } catch (error) {
      run.failed += 1;
      log?.warn({ err: errorSummary(error) }, 'decision reminder not sent');
    }
  }
  return run;
}

/** Whether the reminder went out now: not when it had gone already, another server holds it, or the supervisor is unreachable. */
async function remindOne(deps: Deps, view: DecisionView, claimant: string, now: IsoInstant): Promise<boolean> {
  const posted = await postOnce(
    deps,
    { key: `decision|${view.id}`, sessionId: view.sessionId, userId: view.decidedById, sessionStart: view.dueBy as IsoInstant, claimant },
    async () => {
      const session = await deps.sessions.get(view.sessionId);
      return decisionCardOf(view, session?.value.start);
    },
  );
  if (posted.outcome !== 'sent') return false;
  await deps.postedCards.add({ sessionId: view.id, userId: view.decidedById, kind: 'decision', conversation: posted.to, activityId: posted.activityId, postedAt: now });
  return true;
}
