import type { EvidencePack } from './evidence-pack.js';

/**
 * The evidence pack as one RFC 4180 CSV (CRLF line ends). Sections follow each other, separated by an empty
 * line; each starts with a header row whose first field is `section`, and every row of the section starts
 * with the section's name, so a spreadsheet filter on the first column gives one table:
 *
 *   pack        range, scope, when generated, whether case detail is included (and the DSL's reason)
 *   summary     the totals
 *   supervisee  one row per supervisee: sessions required, held, records, contract, actions, decisions, and
 *               the day an ended arrangement ended
 *   session     one row per session held in the range, with its record's state
 *   signature   one row per signature on a session record or contract, with its time
 *   contract    one row per contract
 *   decision    one row per decision record, with its deadline and when it was confirmed on the case system
 *   action      one row per action agreed in the range
 *
 * Columns that carry case detail (answers, child references, concerns, action text) are present only when the
 * pack includes case detail.
 */
export function evidenceCsv(pack: EvidencePack): string {
  const detail = pack.caseDetail.included;
  const sections: (readonly unknown[])[][] = [];
  const section = (name: string, header: readonly string[], rows: readonly (readonly unknown[])[]) => sections.push([['section', ...header], ...rows.map((r) => [name, ...r])]);

  section(
    'pack',
    ['from', 'to', 'scope', 'generated_at', 'case_detail_included', 'case_detail_reason'],
    [[pack.range.from, pack.range.to, pack.scope.label, pack.generatedAt, detail ? 'yes' : 'no', pack.caseDetail.included ? pack.caseDetail.reason : '']],
  );
  const s = pack.summary;
  section(
    'summary',
    [
      'supervisees',
      'sessions_required',
      'required_windows_met',
      'sessions_held',
      'records_locked',
      'records_awaiting_signature',
      'contracts_signed',
      'actions_agreed',
      'actions_done',
      'actions_overdue',
      'decisions',
      'decisions_confirmed_in_time',
      'decisions_confirmed_late',
      'decisions_not_confirmed',
    ],
    [
      [
        s.supervisees,
        s.sessionsRequired,
        s.requiredWindowsMet,
        s.sessionsHeld,
        s.recordsLocked,
        s.recordsAwaitingSignature,
        s.contractsSigned,
        s.actionsAgreed,
        s.actionsDone,
        s.actionsOverdue,
        s.decisions,
        s.decisionsConfirmedInTime,
        s.decisionsConfirmedLate,
        s.decisionsNotConfirmed,
      ],
    ],
  );
  section(
    'supervisee',
    [
      'school',
      'arrangement_id',
      'supervisee',
      'role',
      'supervisor',
      'cadence',
      'arrangement_status',
      'arrangement_ended_on',
      'sessions_required',
      'required_windows_met',
      'sessions_held',
      'records_locked',
      'records_awaiting_signature',
      'contract_signed_at',
      'contract_review_due',
      'actions_agreed',
      'actions_done',
      'actions_overdue',
      'decisions',
      'decisions_confirmed_in_time',
    ],
    pack.supervisees.map((p) => [
      p.schoolId,
      p.arrangementId,
      p.superviseeName,
      p.superviseeRole,
      p.supervisorName,
      p.cadence,
      p.arrangementStatus,
      p.arrangementEndedOn,
      p.sessionsRequired,
      p.requiredWindowsMet,
      p.sessionsHeld,
      p.recordsLocked,
      p.recordsAwaitingSignature,
      p.contractSignedAt,
      p.contractReviewDue,
      p.actionsAgreed,
      p.actionsDone,
      p.actionsOverdue,
      p.decisions,
      p.decisionsConfirmedInTime,
    ]),
  );
  section(
    'session',
    [
      'school',
      'arrangement_id',
      'session_id',
      'date',
      'time',
      'supervisor',
      'supervisees',
      'record_id',
      'record_kind',
      'record_version',
      'record_state',
      'locked_at',
      'signatories',
      ...(detail ? ['answers'] : []),
    ],
    pack.sessions.map((x) => [
      x.schoolId,
      x.arrangementId,
      x.sessionId,
      x.date,
      x.time,
      x.supervisorName,
      x.superviseeNames.join('; '),
      x.recordId,
      x.recordKind,
      x.recordVersion,
      x.recordState,
      x.lockedAt,
      x.signatoryNames.join('; '),
      ...(detail
        ? [
            Object.entries(x.answers ?? {})
              .map(([q, a]) => `${q}: ${a}`)
              .join('\n'),
          ]
        : []),
    ]),
  );
  section(
    'signature',
    ['record_id', 'record_version', 'session_id', 'signed_by', 'signed_at'],
    [
      ...pack.sessions.flatMap((x) => x.signatures.map((g) => [x.recordId, x.recordVersion, x.sessionId, g.name, g.at])),
      ...pack.contracts.flatMap((c) => c.signatures.map((g) => [c.recordId, c.version, '', g.name, g.at])),
    ],
  );
  section(
    'contract',
    ['school', 'arrangement_id', 'record_id', 'supervisor', 'supervisees', 'version', 'state', 'signed_at', 'review_due'],
    pack.contracts.map((c) => [c.schoolId, c.arrangementId, c.recordId, c.supervisorName, c.superviseeNames.join('; '), c.version, c.state, c.signedAt, c.reviewDue]),
  );
  section(
    'decision',
    [
      'school',
      'arrangement_id',
      'decision_id',
      'session_id',
      'supervisor',
      'case_system',
      'decided_at',
      'due_by',
      'confirmed_at',
      'status',
      ...(detail ? ['child_reference', 'case_system_reference', 'concerns', 'actions'] : []),
    ],
    pack.decisions.map((d) => [
      d.schoolId,
      d.arrangementId,
      d.id,
      d.sessionId,
      d.supervisorName,
      d.caseSystem,
      d.decidedAt,
      d.dueBy,
      d.confirmedAt,
      d.status,
      ...(detail ? [d.childReference, d.caseSystemReference, d.concerns, (d.actions ?? []).map((x) => `${x.text} (${x.timescale})`).join('\n')] : []),
    ]),
  );
  section(
    'action',
    ['arrangement_id', 'action_id', 'due_date', 'done', 'overdue', ...(detail ? ['text'] : [])],
    pack.actions.map((x) => [x.arrangementId, x.id, x.dueDate, x.done ? 'yes' : 'no', x.overdue ? 'yes' : 'no', ...(detail ? [x.text] : [])]),
  );
  return sections.map((rows) => rows.map((r) => r.map(csvField).join(',') + '\r\n').join('')).join('\r\n');
}

// A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: text that a spreadsheet would read as a formula is prefixed with ', and quoted when it holds a comma, quote or line end. */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
