import { buildEntitlementCard, buildOverdueNoticeCard } from '../../shared/cards/escalation-cards.js';
import type { DashboardRow } from '../../shared/compliance/dashboard.js';
import { escalationsDue, type Escalation } from '../../shared/compliance/escalation.js';
import { once } from '../claims/once.js';
import type { AppPorts } from '../ports.js';
import { notifyPeople } from '../reschedule/notify.js';

type Deps = Pick<AppPorts, 'reminderClaims' | 'conversations' | 'messenger' | 'directory' | 'links' | 'clock' | 'audit'>;

/**
 * When a supervisee becomes overdue, tells the supervisor and the supervisor's line manager (from the
 * directory) once, and offers the supervisee a three-way meeting (seed 000 "Entitlement", seed 003 §F).
 * Once per lapse across servers and restarts: a claim per escalation, as for reminders. One that fails is
 * counted and tried again next run; the others go on.
 */
export async function escalateOverdue(deps: Deps, input: { rows: readonly DashboardRow[]; claimant: string }): Promise<{ escalated: number; failed: number }> {
  const now = deps.clock.now();
  let escalated = 0;
  let failed = 0;
  for (const e of escalationsDue(input.rows)) {
    try {
      const sent = await once(deps, { key: e.key, sessionId: e.arrangementId, userId: e.superviseeId, sessionStart: now }, input.claimant, () => escalate(deps, e));
      if (sent) escalated += 1;
    } catch (error) {
      failed += 1;
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
  }
  return { escalated, failed };
}

async function escalate(deps: Deps, e: Escalation): Promise<void> {
  const manager = await deps.directory.getManager(e.supervisorId);
  const notice = buildOverdueNoticeCard({
    superviseeName: e.superviseeName,
    supervisorName: e.supervisorName,
    dueBy: e.finding.dueBy,
    message: e.finding.message,
    link: deps.links.page('/compliance'),
  });
  const missed = await notifyPeople(deps, [e.supervisorId, ...(manager ? [manager.id] : [])], () => notice);
  const missedSupervisee = await notifyPeople(deps, [e.superviseeId], () =>
    buildEntitlementCard({ arrangementId: e.arrangementId, supervisorName: e.supervisorName, dueBy: e.finding.dueBy, link: deps.links.page('/') }),
  );
  await deps.audit.append({
    actorId: 'system:escalation',
    action: 'escalation.sent',
    targetId: e.arrangementId,
    outcome: 'done',
    detail: `${e.finding.rule}; manager ${manager ? 'told' : 'not in the directory'}; unreachable ${missed.length + missedSupervisee.length}`,
  });
}
