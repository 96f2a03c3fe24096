import type { Caller } from '../../shared/access/app-roles.js';
import { canReadAllDecisions } from '../../shared/access/records.js';
import { evidenceCsv } from '../../shared/compliance/evidence-csv.js';
import { evidencePackFileName } from '../../shared/compliance/evidence-file-name.js';
import { buildEvidencePack, validateEvidenceRange, type EvidencePack } from '../../shared/compliance/evidence-pack.js';
import type { DecisionRecord } from '../../shared/records/decision-record.js';
import type { RecordVersion } from '../../shared/records/record.js';
import { renderEvidencePdf } from '../evidence/render-evidence-pdf.js';
import { schoolOfArrangement, trustSchools } from '../../shared/schools/schools.js';
import { schoolsOf } from '../schools/trust-schools.js';
import type { AppPorts } from '../ports.js';
import { accessContext } from '../records/record-context.js';
import { currentCalendar } from '../school-year/school-calendar.js';
import { done, invalid, refuse, type Outcome, type Refusal } from '../use-case.js';

/** `schools` (the trust's schools) may be left out: then everything is in the one implicit school. */
export type EvidenceDeps = Pick<AppPorts, 'arrangements' | 'sessions' | 'records' | 'decisions' | 'auditorGrants' | 'schoolCalendar' | 'clock' | 'audit'> &
  Partial<Pick<AppPorts, 'schools'>>;

export const EVIDENCE_FORMATS = ['csv', 'pdf'] as const;
export type EvidenceFormat = (typeof EVIDENCE_FORMATS)[number];
export const REASON_MIN_LENGTH = 5;
export const REASON_MAX_LENGTH = 200;

const TRUST_LABEL = 'The whole trust';

export interface EvidenceExportInput {
  caller: Caller;
  from: string;
  to: string;
  format: EvidenceFormat;
  /** One school; absent for the whole trust. */
  schoolId?: string | undefined;
  includeCaseDetail?: boolean | undefined;
  /** Why case detail is needed (the DSL's justification, audited). */
  reason?: string | undefined;
}

export interface EvidenceFile {
  filename: string;
  contentType: string;
  body: Buffer | string;
}

/**
 * Exports the evidence pack for a date range as CSV or PDF, for an inspection or audit: the DSL, oversight,
 * or an auditor while the DSL's grant lasts. Case detail only for the DSL, with a reason. Every export and
 * every refusal is written to the audit list with the range, the format and whether case detail was asked
 * for; the DSL's reason is kept in the entry (it is their justification, not case detail).
 */
export async function exportEvidencePack(deps: EvidenceDeps, input: EvidenceExportInput): Promise<Outcome<EvidenceFile>> {
  const { caller, format } = input;
  const withDetail = input.includeCaseDetail === true;
  const reason = input.reason?.replace(/\s+/g, ' ').trim() ?? '';
  const target = `${input.from}..${input.to}`;
  const describe = (extra: string) =>
    [
      `format=${format}`,
      `scope=${input.schoolId ?? 'trust'}`,
      `caseDetail=${withDetail ? 'yes' : 'no'}`,
      extra,
      withDetail && reason ? `reason: ${reason.slice(0, REASON_MAX_LENGTH)}` : '',
    ]
      .filter(Boolean)
      .join('; ');
  const refused = async (r: { ok: false; refusal: Refusal }): Promise<Outcome<EvidenceFile>> => {
    await deps.audit.append({ actorId: caller.id, action: 'evidence.export', targetId: target, outcome: 'refused', detail: describe(r.refusal.code) });
    return r;
  };

  const ctx = await accessContext(deps, caller);
  const allowed = canReadAllDecisions(caller, ctx);
  if (!allowed.ok)
    return refused(refuse('forbidden', 'forbidden', 'Only the designated safeguarding lead, oversight, or an auditor while the DSL’s grant lasts, can export the evidence pack.'));
  if (withDetail && !caller.roles.includes('Safeguarding.Lead'))
    return refused(refuse('forbidden', 'case_detail_forbidden', 'Only a designated safeguarding lead can include case detail. Export without it.', { field: 'includeCaseDetail' }));
  if (withDetail && (reason.length < REASON_MIN_LENGTH || reason.length > REASON_MAX_LENGTH))
    return refused(
      invalid([
        {
          field: 'reason',
          message: `reason: say why case detail is needed (${REASON_MIN_LENGTH} to ${REASON_MAX_LENGTH} characters), such as "Ofsted inspection, case sample requested".`,
        },
      ]),
    );
  // The trust's schools (the one implicit school while none are set); an arrangement without its own counts in the first.
  const saved = await schoolsOf(deps.schools);
  const school = input.schoolId === undefined ? undefined : trustSchools(saved).find((s) => s.id === input.schoolId);
  if (input.schoolId !== undefined && !school)
    return refused(refuse('invalid', 'invalid_request', `schoolId: there is no school '${input.schoolId}'. Leave it out for the whole trust.`, { field: 'schoolId' }));
  const range = validateEvidenceRange(input.from, input.to);
  if (!range.ok) return refused(invalid(range.issues));

  const [calendar, arrangements] = await Promise.all([currentCalendar(deps.schoolCalendar), deps.arrangements.list()]);
  const ids = arrangements.map((a) => a.value.id);
  const [sessions, latest] = await Promise.all([deps.sessions.listForArrangements(ids), deps.records.listForArrangements(ids)]);
  // A record being revised (a newer draft over a locked version) stands by its last locked version.
  const records: RecordVersion[] = [];
  for (const r of latest.map((x) => x.value)) {
    records.push(r);
    if (r.state !== 'locked' && r.version > 1) records.push(...(await deps.records.listVersions(r.recordId)).map((v) => v.value).filter((v) => v.version < r.version));
  }
  const decisions = await decisionsOf(
    deps,
    sessions.map((s) => s.value.id),
  );

  const pack: EvidencePack = buildEvidencePack({
    calendar: calendar.working,
    now: ctx.now,
    range: range.value,
    arrangements: arrangements.map((a) => a.value),
    sessions: sessions.map((s) => s.value),
    records,
    decisions,
    scope: { schoolId: school?.id, label: school ? school.name : TRUST_LABEL },
    schoolOf: (a) => schoolOfArrangement(a, saved),
    ...(withDetail ? { caseDetail: { reason } } : {}),
  });
  const filename = evidencePackFileName({ ...range.value, schoolName: school?.name, withCaseDetail: withDetail, format });
  // A byte-order mark so Excel reads the names as UTF-8.
  const file: EvidenceFile =
    format === 'csv'
      ? { filename, contentType: 'text/csv; charset=utf-8', body: `\uFEFF${evidenceCsv(pack)}` }
      : { filename, contentType: 'application/pdf', body: await renderEvidencePdf(pack) };
  await deps.audit.append({
    actorId: caller.id,
    action: 'evidence.export',
    targetId: target,
    outcome: 'done',
    detail: describe(`${pack.summary.supervisees} supervisees, ${pack.summary.sessionsHeld} sessions, ${pack.summary.decisions} decisions`),
  });
  return done(file);
}

/** Every decision recorded at these sessions, a few sessions at a time. */
async function decisionsOf(deps: Pick<EvidenceDeps, 'decisions'>, sessionIds: readonly string[]): Promise<DecisionRecord[]> {
  const out: DecisionRecord[] = [];
  for (let i = 0; i < sessionIds.length; i += 8) {
    const batch = await Promise.all(sessionIds.slice(i, i + 8).map((id) => deps.decisions.listForSession(id)));
    for (const list of batch) out.push(...list.map((d) => d.value));
  }
  return out;
}
