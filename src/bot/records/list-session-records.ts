import type { Caller } from '../../shared/access/app-roles.js';
import { canReadRecord, canWriteRecord } from '../../shared/access/records.js';
import { RECORD_KIND_TITLES, RECORD_KINDS, recordIdFor, type RecordKind, type RecordVersion } from '../../shared/records/record.js';
import { decisionView, type DecisionView } from '../decisions/decision-view.js';
import { audited } from '../audit/audited.js';
import type { AppPorts } from '../ports.js';
import { done, refuse, type Outcome } from '../use-case.js';
import { accessContext, type RecordDeps } from './record-context.js';

export interface RecordSummary {
  recordId: string;
  kind: RecordKind;
  title: string;
  version: number;
  state: RecordVersion['state'];
  updatedAt: string;
}

export interface SessionRecords {
  sessionId: string;
  records: RecordSummary[];
  /** Kinds the caller may start for this session (the supervisor only). */
  canStart: RecordKind[];
  decisions: DecisionView[];
  canRecordDecision: boolean;
}

/** A record as a line in a list. */
export const recordSummary = (r: RecordVersion): RecordSummary => ({
  recordId: r.recordId,
  kind: r.kind,
  title: RECORD_KIND_TITLES[r.kind],
  version: r.version,
  state: r.state,
  updatedAt: r.updatedAt,
});

/** The records and decision records of a session (and its arrangement's contract) that the caller may read. */
export async function listSessionRecords(deps: RecordDeps & Pick<AppPorts, 'decisions'>, input: { caller: Caller; sessionId: string }): Promise<Outcome<SessionRecords>> {
  const { caller, sessionId } = input;
  const ctx = await accessContext(deps, caller);
  const session = await deps.sessions.get(sessionId);
  const arrangement = session ? await deps.arrangements.get(session.value.arrangementId) : undefined;
  if (!session || !arrangement)
    return audited(deps.audit, caller, 'record.list', sessionId, refuse('not-found', 'session_not_found', 'There is no supervision session with that id.'));
  const a = arrangement.value;
  // The record rule, not the session rule: an auditor with a grant reads records without seeing the calendar.
  const allowed = canReadRecord(caller, { arrangement: a, kind: 'individual' }, ctx);
  if (!allowed.ok) return audited(deps.audit, caller, 'record.list', sessionId, refuse('forbidden', 'forbidden', allowed.reason));
  const [sessionRecords, contractVersions, decisions] = await Promise.all([
    deps.records.listForSession(sessionId),
    deps.records.listVersions(recordIdFor('contract', { arrangementId: a.id })),
    deps.decisions.listForSession(sessionId),
  ]);
  const contract = contractVersions.at(-1);
  const all = [...sessionRecords.map((r) => r.value).filter((r) => r.kind !== 'contract'), ...(contract ? [contract.value] : [])];
  const readable = all.filter((r) => canReadRecord(caller, { arrangement: a, kind: r.kind }, ctx).ok);
  const writer = canWriteRecord(caller, { arrangement: a, kind: 'individual' }).ok;
  // Wellbeing is one person's own welfare: never started in a group (see startRecord).
  const kinds = RECORD_KINDS.filter((k) => (a.format === 'group' ? k !== 'individual' && k !== 'wellbeing' : k !== 'group'));
  return audited(
    deps.audit,
    caller,
    'record.list',
    sessionId,
    done({
      sessionId,
      records: readable.map(recordSummary),
      canStart: writer && session.value.status !== 'cancelled' ? kinds.filter((k) => !all.some((r) => r.kind === k)) : [],
      decisions: decisions.map((d) => decisionView(d.value, deps.links)),
      canRecordDecision: writer,
    }),
    (v) => `${v.records.length} records, ${v.decisions.length} decisions`,
  );
}
