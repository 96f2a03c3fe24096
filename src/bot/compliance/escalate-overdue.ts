import { randomUUID } from 'node:crypto';
import type { AdaptiveCard } from '@microsoft/teams.cards';
import { buildEntitlementCard, buildOverdueNoticeCard } from '../../shared/cards/escalation-cards.js';
import type { IsoInstant } from '../../shared/calendar/london-time.js';
import type { DashboardRow } from '../../shared/compliance/dashboard.js';
import { escalationsDue, type Escalation } from '../../shared/compliance/escalation.js';
import { isSettled } from '../claims/lease.js';
import { once } from '../claims/once.js';
import { postOnce } from '../claims/post-once.js';
import type { AppPorts, ReminderClaim, Stored } from '../ports.js';

type Deps = Pick<AppPorts, 'reminderClaims' | 'conversations' | 'messenger' | 'directory' | 'links' | 'clock' | 'audit'>;

/** What became of one recipient's card this run. */
type Delivery = 'sent' | 'already' | 'unreachable' | 'failed';

/**
 * When a supervisee becomes overdue, tells the supervisor and the supervisor's line manager (from the
 * directory) once, and offers the supervisee a three-way meeting (seed 000 "Entitlement", seed 003 §F).
 * Once per lapse and recipient across servers and restarts: a claim per (escalation, recipient), as for
 * reminders. A recipient the bot cannot reach yet (the app not installed, or removed) gets their card on
 * a later run once they can be reached; one whose send failed is counted and tried again next run; those
 * already sent are not sent again. `escalated`: escalations that sent at least one card this run;
 * `failed`: escalations with a card that could not be sent for a reason other than being unreachable.
 */
export async function escalateOverdue(deps: Deps, input: { rows: readonly DashboardRow[]; claimant: string }): Promise<{ escalated: number; failed: number }> {
  const now = deps.clock.now();
  let escalated = 0;
  let failed = 0;
  for (const e of escalationsDue(input.rows)) {
    try {
      const result = await escalate(deps, e, input.claimant, now);
      if (result.sent) escalated += 1;
      if (result.failed) failed += 1;
    } catch (error) {
      // The claims or the directory could not be read: nothing was sent.
      failed += 1;
      await auditFailure(deps, e, error);
    }
  }
  return { escalated, failed };
}

async function escalate(deps: Deps, e: Escalation, claimant: string, now: IsoInstant): Promise<{ sent: boolean; failed: boolean }> {
  const claims = new Map((await deps.reminderClaims.listForSession(e.arrangementId)).map((c) => [c.value.key, c]));
  // Every recipient has had it (or the earlier version, one claim per escalation, sent it): nothing to do,
  // and no directory read.
  if (claims.get(e.key)?.value.state === 'sent') return { sent: false, failed: false };
  const manager = await deps.directory.getManager(e.supervisorId);
  const notice = () =>
    buildOverdueNoticeCard({
      superviseeName: e.superviseeName,
      supervisorName: e.supervisorName,
      dueBy: e.finding.dueBy,
      message: e.finding.message,
      link: deps.links.page('/compliance'),
    });
  const entitlement = () =>
    buildEntitlementCard({
      arrangementId: e.arrangementId,
      supervisorName: e.supervisorName,
      dueBy: e.finding.dueBy,
      link: deps.links.page('/'),
      managerKnown: manager !== undefined,
    });
  const cards = new Map<string, () => AdaptiveCard>();
  for (const [userId, card] of [[e.supervisorId, notice], ...(manager ? [[manager.id, notice] as const] : []), [e.superviseeId, entitlement]] as const) {
    if (!cards.has(userId)) cards.set(userId, card);
  }

  const counts: Record<Delivery, number> = { sent: 0, already: 0, unreachable: 0, failed: 0 };
  let errorName: string | undefined;
  for (const [userId, card] of cards) {
    try {
      counts[await deliver(deps, e, { userId, card, claimant, now, stored: claims.get(recipientKey(e, userId)) })] += 1;
    } catch (error) {
      counts.failed += 1;
      errorName ??= error instanceof Error ? error.name : 'Error';
    }
  }

  if (counts.sent + counts.already === cards.size) {
    // Done for everyone: later runs read one claim and skip it. If this write fails, they check each recipient's.
    await once(deps, { key: e.key, sessionId: e.arrangementId, userId: e.superviseeId, sessionStart: now }, claimant, async () => undefined).catch(() => false);
  }
  if (counts.sent || counts.failed) {
    // Counts and the error's name only: no names, and the message may carry Graph's or the connector's detail.
    await deps.audit
      .append({
        actorId: 'system:escalation',
        action: 'escalation.sent',
        targetId: e.arrangementId,
        // 'failed' while any card is still to be tried again, so failures can be found by outcome.
        outcome: counts.failed ? 'failed' : 'done',
        detail:
          `${e.finding.rule}; manager ${manager ? 'in the directory' : 'not in the directory'}; ` +
          `sent ${counts.sent}, sent before ${counts.already}, unreachable ${counts.unreachable}, failed ${counts.failed}` +
          (errorName ? ` (${errorName}); tried again next run` : ''),
      })
      .catch(() => undefined);
  }
  return { sent: counts.sent > 0, failed: counts.failed > 0 };
}

async function auditFailure(deps: Deps, e: Escalation, error: unknown): Promise<void> {
  // Counts and the error's name only: the message may carry Graph's or the connector's detail.
  const reason = error instanceof Error ? error.name : 'Error';
  await deps.audit
    .append({
      actorId: 'system:escalation',
      action: 'escalation.sent',
      targetId: e.arrangementId,
      outcome: 'failed',
      detail: `${e.finding.rule}; not sent (${reason}); tried again next run`,
    })
    .catch(() => undefined);
}

const recipientKey = (e: Escalation, userId: string) => `${e.key}|${userId}`;

/** One recipient's card, unless it has gone already or another server holds it. A send that fails is thrown. */
async function deliver(
  deps: Deps,
  e: Escalation,
  input: { userId: string; card: () => AdaptiveCard; claimant: string; now: IsoInstant; stored: Stored<ReminderClaim> | undefined },
): Promise<Delivery> {
  if (isSettled(input.stored, input.now)) return 'already';
  // Unique per attempt: two runs given the same claimant in one second must not read each other's claim as theirs.
  const claim = { key: recipientKey(e, input.userId), sessionId: e.arrangementId, userId: input.userId, sessionStart: input.now, claimant: `${input.claimant}:${randomUUID()}` };
  return (await postOnce(deps, claim, input.card)).outcome;
}
