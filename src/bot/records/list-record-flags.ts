import type { Caller } from '../../shared/access/app-roles.js';
import { canReadAllDecisions } from '../../shared/access/records.js';
import { describeArrangement } from '../../shared/arrangements/arrangement.js';
import { checkContractReview, checkContractSigned, checkDecisionRecord, complianceSettings, type ComplianceFinding } from '../../shared/compliance/index.js';
import type { ArrangementFacts } from '../../shared/compliance/types.js';
import { audited } from '../audit/audited.js';
import type { AppPorts } from '../ports.js';
import { done, refuse, type Outcome } from '../use-case.js';
import { accessContext } from './record-context.js';

export interface RecordFlag extends ComplianceFinding {
  /** Who the arrangement is between, in plain words (no case detail). */
  arrangementTitle: string;
  /** The record or decision to open. */
  recordId?: string;
  sessionId?: string;
}

/**
 * What the DSL must chase about records: decisions not confirmed on the child's case record within 24
 * hours, contracts not signed by the third session, contracts due for their annual review.
 */
export async function listRecordFlags(
  deps: Pick<AppPorts, 'arrangements' | 'sessions' | 'records' | 'decisions' | 'auditorGrants' | 'clock' | 'audit'>,
  input: { caller: Caller },
): Promise<Outcome<RecordFlag[]>> {
  const { caller } = input;
  const ctx = await accessContext(deps, caller);
  const allowed = canReadAllDecisions(caller, ctx);
  if (!allowed.ok) return audited(deps.audit, caller, 'record.flags', '-', refuse('forbidden', 'forbidden', allowed.reason));
  const now = ctx.now;
  const settings = complianceSettings();
  const arrangements = (await deps.arrangements.list()).map((a) => a.value).filter((a) => a.status === 'active');
  const ids = arrangements.map((a) => a.id);
  const [sessions, records, unconfirmed] = await Promise.all([deps.sessions.listForArrangements(ids), deps.records.listForArrangements(ids), deps.decisions.listUnconfirmed()]);
  const titles = new Map(arrangements.map((a) => [a.id, describeArrangement(a)]));
  const flags: RecordFlag[] = [];
  for (const d of unconfirmed) {
    const f = checkDecisionRecord({ id: d.value.id, arrangementId: d.value.arrangementId, decidedAt: d.value.decidedAt }, now, settings);
    if (f) flags.push({ ...f, arrangementTitle: titles.get(d.value.arrangementId) ?? 'A former arrangement', sessionId: d.value.sessionId });
  }
  for (const a of arrangements) {
    let contract = records.find((r) => r.value.arrangementId === a.id && r.value.kind === 'contract')?.value;
    // A contract under review (a newer version in draft) still counts as signed by its last locked version.
    if (contract && contract.state !== 'locked' && contract.version > 1)
      contract = (await deps.records.listVersions(contract.recordId)).map((v) => v.value).findLast((v) => v.state === 'locked') ?? contract;
    // The latest signing counts as both signing and review: re-signing the contract is its review.
    const signedAt = contract?.state === 'locked' ? contract.lockedAt : undefined;
    const facts: ArrangementFacts = {
      id: a.id,
      cadence: a.cadence,
      maxGapMonths: a.maxGapMonths,
      startDate: a.startDate,
      sessions: sessions
        .filter((s) => s.value.arrangementId === a.id)
        .map((s) => ({ id: s.value.id, start: s.value.start, end: s.value.end, status: s.value.status === 'booked' ? 'planned' : s.value.status })),
      ...(signedAt ? { contract: { signedAt } } : {}),
    };
    const recordId = `${a.id}.contract`;
    for (const f of [checkContractSigned(facts, now, settings), checkContractReview(facts, now, settings)])
      if (f) flags.push({ ...f, arrangementTitle: titles.get(a.id) ?? '', recordId });
  }
  flags.sort((x, y) => (x.status === y.status ? String(x.dueBy).localeCompare(String(y.dueBy)) : x.status === 'overdue' ? -1 : 1));
  return audited(deps.audit, caller, 'record.flags', '-', done(flags), (f) => `${f.length} flags`);
}
