import type { Caller } from '../../shared/access/app-roles.js';
import { canConfirmDecision } from '../../shared/access/records.js';
import { caseSystemReferenceSchema, type DecisionRecord } from '../../shared/records/decision-record.js';
import { audited } from '../audit/audited.js';
import { ConcurrentUpdateError } from '../graph/graph-errors.js';
import type { AppPorts } from '../ports.js';
import { decisionCardOf, decisionView, type DecisionView } from './decision-view.js';
import { done, invalid, refuse, type Outcome } from '../use-case.js';

/** Confirms the decision is entered on the child's record in the case system, with that entry's reference. */
export async function confirmDecision(
  deps: Pick<AppPorts, 'arrangements' | 'decisions' | 'clock' | 'audit' | 'links' | 'postedCards' | 'messenger' | 'afterwards'>,
  input: { caller: Caller; decisionId: string; reference: unknown; fromActivityId?: string | undefined },
): Promise<Outcome<DecisionView>> {
  const { caller, decisionId } = input;
  const stored = await deps.decisions.get(decisionId);
  const arrangement = stored ? await deps.arrangements.get(stored.value.arrangementId) : undefined;
  if (!stored || !arrangement)
    return audited(deps.audit, caller, 'decision.confirm', decisionId, refuse('not-found', 'decision_not_found', 'There is no decision record with that id.'));
  const allowed = canConfirmDecision(caller, { arrangement: arrangement.value, kind: 'case-discussion' });
  if (!allowed.ok) return audited(deps.audit, caller, 'decision.confirm', decisionId, refuse('forbidden', 'forbidden', allowed.reason));
  const reference = caseSystemReferenceSchema.safeParse(input.reference);
  if (!reference.success)
    return audited(
      deps.audit,
      caller,
      'decision.confirm',
      decisionId,
      invalid([{ field: 'reference', message: `The reference: ${reference.error.issues[0]?.message ?? 'not valid'}.` }]),
    );
  if (stored.value.enteredOnCaseSystem) return audited(deps.audit, caller, 'decision.confirm', decisionId, done(decisionView(stored.value, deps.links)), () => 'already confirmed');
  const next: DecisionRecord = { ...stored.value, enteredOnCaseSystem: { reference: reference.data, at: deps.clock.now(), byId: caller.id } };
  let saved;
  try {
    saved = await deps.decisions.update(stored, next);
  } catch (error) {
    // Confirmed at the same moment from another device or by the DSL: that confirmation stands, and is the answer.
    if (!(error instanceof ConcurrentUpdateError)) throw error;
    const latest = await deps.decisions.get(decisionId);
    if (!latest?.value.enteredOnCaseSystem) throw error;
    return audited(deps.audit, caller, 'decision.confirm', decisionId, done(decisionView(latest.value, deps.links)), () => 'already confirmed');
  }
  const view = decisionView(saved.value, deps.links);
  // The reminder card already posted shows the confirmation (the one pressed is answered directly).
  deps.afterwards.run(`decision:${decisionId}`, async () => {
    for (const p of await deps.postedCards.listForSession(decisionId)) {
      if (p.kind === 'decision' && p.activityId !== input.fromActivityId) await deps.messenger.update(p.conversation, p.activityId, decisionCardOf(view)).catch(() => undefined);
    }
  });
  return audited(deps.audit, caller, 'decision.confirm', decisionId, done(view));
}
