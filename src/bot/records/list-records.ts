import type { Caller } from '../../shared/access/app-roles.js';
import { canReadRecord } from '../../shared/access/records.js';
import { describeArrangement } from '../../shared/arrangements/arrangement.js';
import type { RecordVersion } from '../../shared/records/record.js';
import { audited } from '../audit/audited.js';
import { done, type Outcome } from '../use-case.js';
import { accessContext, type RecordDeps } from './record-context.js';
import { recordSummary, type RecordSummary } from './list-session-records.js';

export type RecordListing = RecordSummary & {
  arrangementId: string;
  arrangementTitle: string;
  sessionId?: string | undefined;
  sessionStart?: string | undefined;
  lockedAt?: string | undefined;
};

/**
 * Every record the caller may read, newest session first: their own as supervisor or supervisee; the
 * school's for the DSL and oversight; the same, read-only, for an auditor while the DSL's grant lasts.
 */
export async function listRecords(deps: RecordDeps, input: { caller: Caller }): Promise<Outcome<RecordListing[]>> {
  const { caller } = input;
  const ctx = await accessContext(deps, caller);
  const arrangements = (await deps.arrangements.list()).map((a) => a.value);
  const readable = arrangements.filter(
    (a) => canReadRecord(caller, { arrangement: a, kind: 'individual' }, ctx).ok || canReadRecord(caller, { arrangement: a, kind: 'wellbeing' }, ctx).ok,
  );
  const byId = new Map(readable.map((a) => [a.id, a]));
  const records = readable.length ? (await deps.records.listForArrangements([...byId.keys()])).map((r) => r.value) : [];
  const listing = records
    .filter((r) => {
      const a = byId.get(r.arrangementId);
      return a !== undefined && canReadRecord(caller, { arrangement: a, kind: r.kind }, ctx).ok;
    })
    .map((r: RecordVersion) => ({
      ...recordSummary(r),
      arrangementId: r.arrangementId,
      arrangementTitle: describeArrangement(byId.get(r.arrangementId) as (typeof readable)[number]),
      sessionId: r.sessionId,
      sessionStart: r.sessionStart,
      lockedAt: r.lockedAt,
    }))
    .sort((a, b) => (b.sessionStart ?? b.updatedAt).localeCompare(a.sessionStart ?? a.updatedAt));
  return audited(deps.audit, caller, 'record.list', '-', done(listing), (l) => `${l.length} records`);
}
