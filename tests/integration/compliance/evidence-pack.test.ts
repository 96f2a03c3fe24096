// The evidence pack on a real stack (emulator + server): a seeded autumn of supervision (sessions held,
// records signed through the real sign-off steps, a contract, decisions confirmed in time and late) is
// exported as CSV and PDF; the PDF, read back with pdfjs, carries the same figures as the CSV. No case
// detail unless the DSL asks with a reason (then it is in the AuditLog); staff, the admin and an auditor
// whose grant expired are refused. Fictional people only (the emulator's demo school).

import { auditEntriesOf } from '../../support/audit-log.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportEvidencePack, type EvidenceDeps, type EvidenceExportInput } from '../../../src/bot/compliance/export-evidence-pack.js';
import { londonTime } from '../../../src/bot/evidence/render-evidence-pdf.js';
import { createArrangementRepository } from '../../../src/bot/storage/arrangement-repository.js';
import { createAuditLog } from '../../../src/bot/storage/audit-log.js';
import { createAuditorGrantRepository } from '../../../src/bot/storage/auditor-grant-repository.js';
import { createDecisionRepository } from '../../../src/bot/storage/decision-repository.js';
import { createRecordRepository } from '../../../src/bot/storage/record-repository.js';
import { createSchoolCalendarRepository } from '../../../src/bot/storage/school-calendar-repository.js';
import { createSessionRepository } from '../../../src/bot/storage/session-repository.js';
import type { Caller } from '../../../src/shared/access/app-roles.js';
import type { Arrangement } from '../../../src/shared/arrangements/arrangement.js';
import { addMinutes, londonToInstant, type IsoInstant } from '../../../src/shared/calendar/london-time.js';
import { csvSections } from '../../../src/shared/compliance/test-csv.js';
import type { DecisionRecord } from '../../../src/shared/records/decision-record.js';
import type { RecordKind, RecordVersion, Signatory } from '../../../src/shared/records/record.js';
import { sendForSignature, signRecord, startRecord } from '../../../src/shared/records/sign-off.js';
import type { Session } from '../../../src/shared/sessions/session.js';
import { ADMIN_ID, AUDITOR_ID, DEMO_APP_ROLES, DEMO_USERS, PRINCIPAL_ID } from '../../../tools/m365-emulator/src/index.js';
import { tokenFor } from '../../support/api.js';
import { graphReader, mailOf, type GraphReader } from '../../support/graph-reader.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';

const DANIEL = 'a1000000-0000-4000-8000-000000000002';
const GRACE = 'a1000000-0000-4000-8000-000000000007';
const LIAM = 'a1000000-0000-4000-8000-000000000008';
const CHILD = 'Q.Z. (ref 31-204)';
const ANSWER = 'Fictional answer about a child';
const RANGE = { from: '2026-09-01', to: '2026-11-30' };

let stack: RunningStack;
let reader: GraphReader;
let deps: EvidenceDeps;
const tokens = new Map<string, string>();

const arrangement: Arrangement = {
  id: 'evidence-arrangement',
  supervisor: { id: GRACE, displayName: 'Grace Mwangi', mail: mailOf(GRACE), role: 'senco' },
  supervisees: [{ id: LIAM, displayName: 'Liam Doherty', mail: mailOf(LIAM), role: 'teaching-assistant' }],
  format: 'individual',
  cadence: { kind: 'half-termly' },
  durationMinutes: 60,
  maxGapMonths: 3,
  organiser: 'supervisor',
  teamsMeeting: false,
  preferences: {},
  status: 'active',
  startDate: '2026-09-01',
};
const parties: Signatory[] = [
  { id: GRACE, displayName: 'Grace Mwangi' },
  { id: LIAM, displayName: 'Liam Doherty' },
];

function held(n: number, date: string): Session {
  const start = londonToInstant(date, '10:00');
  return {
    id: `evidence-s${n}`,
    arrangementId: arrangement.id,
    academicYear: '2026/27',
    windowId: '2026/27:autumn',
    windowLabel: 'Autumn',
    start,
    end: addMinutes(start, 60),
    status: 'held',
    organiserMailbox: mailOf(GRACE),
    eventId: `evidence-e${n}`,
    iCalUId: `evidence-i${n}`,
    postponements: [],
  };
}

/** Written, sent and signed through the real sign-off steps (real fingerprints), by the first `signers`, an hour apart. */
function signed(s: Session, kind: RecordKind, signers: number): RecordVersion {
  let r = startRecord(
    {
      recordId: kind === 'contract' ? `${arrangement.id}.contract` : `${s.id}.${kind}`,
      kind,
      templateId: 'default',
      arrangementId: arrangement.id,
      sessionId: s.id,
      sessionStart: s.start,
    },
    {
      answers: { q1: ANSWER },
      actions: [{ id: 'x1', text: 'Fictional action text', ownerId: LIAM, dueDate: '2026-10-01', done: kind !== 'individual' || s.id !== 'evidence-s1' }],
    },
    GRACE,
    s.end,
  );
  const sent = sendForSignature(r, parties, s.end);
  if (!sent.ok) throw new Error(sent.message);
  r = sent.record;
  for (const [i, p] of parties.slice(0, signers).entries()) {
    const next = signRecord(r, p, { version: r.version, sha256: r.sentSha256 ?? '' }, addMinutes(s.end, 60 * (i + 1)));
    if (!next.ok) throw new Error(next.message);
    r = next.record;
  }
  return r;
}

function decision(id: string, s: Session, decidedAt: IsoInstant, confirmedAt: IsoInstant): DecisionRecord {
  return {
    id,
    sessionId: s.id,
    arrangementId: arrangement.id,
    decidedById: GRACE,
    decidedAt,
    childReference: CHILD,
    concerns: 'Fictional concerns discussed in supervision.',
    actions: [{ text: 'Update the plan', timescale: 'By Friday' }],
    referredToManager: false,
    chronologyEntry: true,
    caseSystem: 'CPOMS',
    enteredOnCaseSystem: { reference: 'CP-9001', at: confirmedAt, byId: GRACE },
  };
}

const callerOf = (id: string): Caller => {
  const u = DEMO_USERS.find((x) => x.id === id);
  return { id, roles: (u ? DEMO_APP_ROLES[u.role] : []) as Caller['roles'] };
};

interface Exported {
  status: number;
  contentType: string;
  disposition: string;
  body: Buffer;
  error?: { error: string; field?: string };
}

/** Through the API once the route is wired; until then, the use case over the same lists. */
async function exportAs(who: string, q: { format: 'csv' | 'pdf'; includeCaseDetail?: boolean; reason?: string; from?: string; to?: string }): Promise<Exported> {
  const query = new URLSearchParams({
    from: q.from ?? RANGE.from,
    to: q.to ?? RANGE.to,
    format: q.format,
    includeCaseDetail: String(q.includeCaseDetail ?? false),
    ...(q.reason ? { reason: q.reason } : {}),
  });
  const res = await fetch(`${stack.serverUrl}/api/compliance/evidence-pack?${query}`, { headers: { authorization: `Bearer ${tokens.get(who)}` } });
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 404) {
    const contentType = res.headers.get('content-type') ?? '';
    return {
      status: res.status,
      contentType,
      disposition: res.headers.get('content-disposition') ?? '',
      body,
      ...(contentType.includes('json') && res.status >= 400 ? { error: JSON.parse(body.toString('utf8')) as Exported['error'] } : {}),
    };
  }
  const input: EvidenceExportInput = {
    caller: callerOf(who),
    from: q.from ?? RANGE.from,
    to: q.to ?? RANGE.to,
    format: q.format,
    includeCaseDetail: q.includeCaseDetail,
    reason: q.reason,
  };
  const out = await exportEvidencePack(deps, input);
  if (!out.ok)
    return {
      status: { forbidden: 403, invalid: 400 }[out.refusal.kind as 'forbidden' | 'invalid'] ?? 500,
      contentType: '',
      disposition: '',
      body: Buffer.alloc(0),
      error: { error: out.refusal.code, ...(out.refusal.field ? { field: out.refusal.field } : {}) },
    };
  return { status: 200, contentType: out.value.contentType, disposition: `attachment; filename="${out.value.filename}"`, body: Buffer.from(out.value.body) };
}

/** The PDF's text, line by line, as pdfjs reads it. */
async function pdfLines(pdf: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  const lines: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    let line = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      line += item.str;
      if (item.hasEOL) {
        lines.push(line.trim());
        line = '';
      }
    }
    if (line.trim()) lines.push(line.trim());
    lines.push(`<page ${p} end>`);
  }
  await doc.destroy();
  return lines;
}

const auditOf = async (actorId: string) =>
  (await auditEntriesOf(reader.store, actorId)).filter((e) => e.action === 'evidence.export').map((e) => ({ ...e, detail: e.detail ?? '' }));

beforeAll(async () => {
  stack = await startStack({ demoArrangements: false });
  reader = graphReader(stack.emulator);
  const store = reader.store;
  const clock = { now: () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') };
  deps = {
    arrangements: createArrangementRepository(store),
    sessions: createSessionRepository(store),
    records: createRecordRepository(store),
    decisions: createDecisionRepository(store),
    auditorGrants: createAuditorGrantRepository(store),
    schoolCalendar: createSchoolCalendarRepository(store),
    clock,
    audit: createAuditLog(store, clock),
  };
  for (const id of [DANIEL, LIAM, ADMIN_ID, PRINCIPAL_ID, AUDITOR_ID]) tokens.set(id, await tokenFor(stack, id));

  // An autumn of supervision: three sessions held, two records signed by both, one by Grace only; the contract signed at the first.
  await deps.arrangements.create(arrangement);
  const sessions = [held(1, '2026-09-16'), held(2, '2026-10-14'), held(3, '2026-11-18')] as const;
  for (const r of await deps.sessions.createMany(sessions)) expect(r).not.toBeInstanceOf(Error);
  for (const r of [signed(sessions[0], 'individual', 2), signed(sessions[1], 'individual', 2), signed(sessions[2], 'individual', 1), signed(sessions[0], 'contract', 2)])
    await deps.records.create(r);
  await deps.decisions.create(decision('evidence-d1', sessions[0], '2026-09-16T09:30:00Z', '2026-09-17T08:00:00Z')); // within 24 h
  await deps.decisions.create(decision('evidence-d2', sessions[1], '2026-10-14T09:30:00Z', '2026-10-16T09:00:00Z')); // late
  // Noah's grant ran out yesterday.
  await deps.auditorGrants.create({
    id: 'evidence-expired-grant',
    auditorId: AUDITOR_ID,
    auditorName: 'Noah Pritchard',
    grantedById: DANIEL,
    grantedAt: addMinutes(clock.now(), -3 * 24 * 60),
    expiresAt: addMinutes(clock.now(), -24 * 60),
    purpose: 'Trust audit',
  });
}, 90_000);

afterAll(async () => {
  await stack?.app.idle();
  await stack?.stop();
});

describe('the evidence pack', () => {
  let csv: Map<string, Record<string, string>[]>;

  it('exports as CSV for the DSL, with the seeded figures and no case detail', async () => {
    const res = await exportAs(DANIEL, { format: 'csv' });
    expect(res.status, JSON.stringify(res.error)).toBe(200);
    expect(res.contentType).toMatch(/^text\/csv/);
    expect(res.disposition).toBe(`attachment; filename="evidence-pack_${RANGE.from}_${RANGE.to}.csv"`);
    const text = res.body.toString('utf8');
    csv = csvSections(text);
    expect(csv.get('supervisee')).toEqual([
      expect.objectContaining({
        supervisee: 'Liam Doherty',
        supervisor: 'Grace Mwangi',
        sessions_required: '2',
        required_windows_met: '2',
        sessions_held: '3',
        records_locked: '2',
        records_awaiting_signature: '1',
      }),
    ]);
    expect(csv.get('supervisee')?.[0]).toMatchObject({
      contract_signed_at: '2026-09-16T12:00:00Z',
      contract_review_due: '2027-09-16',
      decisions: '2',
      decisions_confirmed_in_time: '1',
    });
    expect(
      csv
        .get('signature')
        ?.filter((r) => r.record_id?.endsWith('.individual'))
        .map((r) => `${r.signed_by} ${r.signed_at}`),
    ).toEqual([
      'Grace Mwangi 2026-09-16T11:00:00Z',
      'Liam Doherty 2026-09-16T12:00:00Z',
      'Grace Mwangi 2026-10-14T11:00:00Z',
      'Liam Doherty 2026-10-14T12:00:00Z',
      'Grace Mwangi 2026-11-18T12:00:00Z',
    ]);
    expect(csv.get('decision')?.map((d) => [d.decided_at, d.confirmed_at, d.status])).toEqual([
      ['2026-09-16T09:30:00Z', '2026-09-17T08:00:00Z', 'on-time'],
      ['2026-10-14T09:30:00Z', '2026-10-16T09:00:00Z', 'late'],
    ]);
    for (const secret of [CHILD, ANSWER, 'Fictional concerns', 'Fictional action text', 'CP-9001']) expect(text).not.toContain(secret);
  });

  it('exports as PDF with the same figures, read back', async () => {
    const res = await exportAs(DANIEL, { format: 'pdf' });
    expect(res.status, JSON.stringify(res.error)).toBe(200);
    expect(res.contentType).toBe('application/pdf');
    expect(res.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const lines = await pdfLines(res.body);
    const text = lines.join('\n');
    const summary = csv.get('summary')?.[0] ?? {};
    expect(lines).toContain(`Range: ${RANGE.from} to ${RANGE.to}`);
    expect(lines).toContain(`Sessions required: ${summary.sessions_required}`);
    expect(lines).toContain(`Sessions held: ${summary.sessions_held}`);
    expect(lines).toContain(`Confirmed on the case system within 24 h: ${summary.decisions_confirmed_in_time}`);
    for (const p of csv.get('supervisee') ?? [])
      expect(lines).toContain(`Sessions required: ${p.sessions_required} | Held: ${p.sessions_held} | Required periods met: ${p.required_windows_met}`);
    for (const g of csv.get('signature') ?? []) expect(text).toContain(`${g.signed_by} ${londonTime(g.signed_at)}`);
    for (const d of csv.get('decision') ?? []) expect(text).toContain(`${londonTime(d.decided_at)}: confirmed on CPOMS ${londonTime(d.confirmed_at)} (${d.status})`);
    for (const secret of [CHILD, ANSWER, 'Fictional concerns', 'Contains case detail']) expect(text).not.toContain(secret);
    expect((await auditOf(DANIEL)).filter((e) => e.outcome === 'done').map((e) => e.detail)).toEqual([
      expect.stringMatching(/^format=csv; scope=trust; caseDetail=no; 1 supervisees, 3 sessions, 2 decisions$/),
      expect.stringMatching(/^format=pdf; scope=trust; caseDetail=no;/),
    ]);
  });

  it('includes case detail for the DSL with a reason, says so on every page, and audits the reason', async () => {
    const reason = 'Ofsted inspection: case sample requested';
    expect((await exportAs(DANIEL, { format: 'pdf', includeCaseDetail: true })).status).toBe(400);
    const pdf = await exportAs(DANIEL, { format: 'pdf', includeCaseDetail: true, reason });
    expect(pdf.status, JSON.stringify(pdf.error)).toBe(200);
    const lines = await pdfLines(pdf.body);
    const pages = lines.filter((l) => l.startsWith('<page')).length;
    expect(lines.filter((l) => l === `Contains case detail - reason: ${reason}`)).toHaveLength(pages);
    expect(lines.join('\n')).toContain(CHILD);
    const csvText = (await exportAs(DANIEL, { format: 'csv', includeCaseDetail: true, reason })).body.toString('utf8');
    expect(
      csvSections(csvText)
        .get('decision')
        ?.map((d) => d.child_reference),
    ).toEqual([CHILD, CHILD]);
    const entries = await auditOf(DANIEL);
    expect(entries.filter((e) => e.detail.includes(`caseDetail=yes`) && e.outcome === 'done').map((e) => e.detail)).toEqual([
      expect.stringContaining(`reason: ${reason}`),
      expect.stringContaining(`reason: ${reason}`),
    ]);
    expect(entries.some((e) => e.outcome === 'refused' && e.detail.includes('caseDetail=yes'))).toBe(true);
  });

  it('is for oversight too, but only the DSL may include case detail', async () => {
    expect((await exportAs(PRINCIPAL_ID, { format: 'csv' })).status).toBe(200);
    expect((await exportAs(PRINCIPAL_ID, { format: 'csv', includeCaseDetail: true, reason: 'Governors asked' })).status).toBe(403);
  });

  it('refuses a supervisee, the admin and an auditor whose grant expired, and audits each refusal', async () => {
    for (const who of [LIAM, ADMIN_ID, AUDITOR_ID]) {
      expect((await exportAs(who, { format: 'pdf' })).status).toBe(403);
      expect(await auditOf(who)).toEqual([expect.objectContaining({ outcome: 'refused', targetId: `${RANGE.from}..${RANGE.to}` })]);
    }
  });

  it('refuses a date that does not exist, a range backwards or longer than two years', async () => {
    expect((await exportAs(DANIEL, { format: 'csv', from: '2026-02-30' })).status).toBe(400);
    expect((await exportAs(DANIEL, { format: 'csv', from: '2026-12-01', to: '2026-11-01' })).status).toBe(400);
    expect((await exportAs(DANIEL, { format: 'csv', from: '2024-09-01', to: '2026-11-01' })).status).toBe(400);
  });
});
