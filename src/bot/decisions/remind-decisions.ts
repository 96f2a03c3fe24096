import { instantMs, type IsoInstant } from '../../shared/calendar/london-time.js';
import { UnreachableError, type AppPorts, type ReminderClaim } from '../ports.js';
import { decisionCardOf, decisionView } from './decision-view.js';

/** How long before its deadline the supervisor is reminded to confirm a decision is on the child's record. */
export const DECISION_REMINDER_HOURS_BEFORE = 6;

type Deps = Pick<AppPorts, 'decisions' | 'sessions' | 'conversations' | 'messenger' | 'postedCards' | 'reminderClaims' | 'links' | 'clock'>;

/**
 * Sends the supervisor one reminder card for each decision not yet confirmed on the child's case record
 * once its deadline is near (seed 002 §4.1 d: within 24 hours), exactly once across servers (a claim per
 * decision, like session reminders). Returns how many were sent.
 */
export async function remindDecisions(deps: Deps, claimant: string): Promise<number> {
  const now = deps.clock.now();
  const nowMs = instantMs(now);
  let sent = 0;
  for (const stored of await deps.decisions.listUnconfirmed()) {
    const view = decisionView(stored.value, deps.links);
    if (nowMs < instantMs(view.dueBy) - DECISION_REMINDER_HOURS_BEFORE * 3_600_000) continue;
    const to = await deps.conversations.get(view.decidedById);
    if (!to) continue;
    const claim: ReminderClaim = {
      key: `decision|${view.id}`,
      sessionId: view.sessionId,
      userId: view.decidedById,
      sessionStart: view.dueBy as IsoInstant,
      state: 'claimed',
      claimant,
      claimedAt: now,
    };
    const claimed = await deps.reminderClaims.claim(claim);
    if (!claimed.mine) continue;
    try {
      const session = await deps.sessions.get(view.sessionId);
      const activityId = await deps.messenger.post(to, decisionCardOf(view, session?.value.start));
      await deps.reminderClaims.update(claimed.stored, { ...claim, state: 'sent', sentAt: deps.clock.now() });
      await deps.postedCards.add({ sessionId: view.id, userId: view.decidedById, kind: 'decision', conversation: to, activityId, postedAt: now });
      sent += 1;
    } catch (error) {
      if (error instanceof UnreachableError) await deps.conversations.forget(view.decidedById).catch(() => undefined);
      else throw error;
    }
  }
  return sent;
}
