import type { Caller } from '../../shared/access/app-roles.js';
import { canRecordDecision } from '../../shared/access/records.js';
import type { DecisionInput, DecisionRecord } from '../../shared/records/decision-record.js';
import { audited } from '../audit/audited.js';
import type { AppPorts } from '../ports.js';
import { idFor } from '../storage/id-for.js';
import { decisionView, type DecisionView } from './decision-view.js';
import { loadSession } from '../sessions/load-session.js';
import { done, refuse, type Outcome } from '../use-case.js';

/** What the supervisor wrote, in a fixed order: the same decision gives the same text whatever order its fields came in. */
const decisionContent = (d: DecisionInput) => [d.childReference, d.concerns, d.actions.map((a) => [a.text, a.timescale]), d.referredToManager, d.chronologyEntry, d.caseSystem];

// seed 000 "Recording", seed 003 Appendix 3: a decision about a child is recorded apart from the session
// record, and must be entered on the child's case record (CPOMS, MyConcern) within 24 hours (seed 002 §4.1 d).
/** Records a decision about one child made in the session: the supervisor only. Its 24 hours start now. */
export async function recordDecision(
  deps: Pick<AppPorts, 'arrangements' | 'sessions' | 'decisions' | 'clock' | 'audit' | 'links'>,
  input: { caller: Caller; sessionId: string; decision: DecisionInput },
): Promise<Outcome<DecisionView>> {
  const { caller, sessionId } = input;
  const loaded = await loadSession(deps, caller, sessionId, (c, a) => canRecordDecision(c, { arrangement: a, kind: 'case-discussion' }));
  if (!loaded.ok) return audited(deps.audit, caller, 'decision.record', sessionId, loaded);
  if (loaded.session.value.status === 'cancelled')
    return audited(deps.audit, caller, 'decision.record', sessionId, refuse('conflict', 'session_cancelled', 'This session was cancelled.'));
  const decision: DecisionRecord = {
    ...input.decision,
    // The same decision sent again (a retry after a lost answer) is the one already recorded, its 24 hours unchanged.
    id: idFor('decision', sessionId, caller.id, JSON.stringify(decisionContent(input.decision))),
    sessionId,
    arrangementId: loaded.arrangement.id,
    decidedById: caller.id,
    decidedAt: deps.clock.now(),
  };
  const stored = await deps.decisions.create(decision);
  // The child's reference and the concerns stay out of the audit log.
  return audited(deps.audit, caller, 'decision.record', stored.value.id, done(decisionView(stored.value, deps.links)), (d) => `session ${d.sessionId}; ${d.caseSystem}`);
}
