// The record access matrix: every role × every record operation × their own records / someone else's /
// an auditor without a grant, with an expired grant, a revoked one and an active one. Nobody reads or
// changes what they should not, and every attempt, allowed or refused, leaves its entry in the AuditLog.
//
// The expected table below is written from the rule (src/shared/access/records.ts), not computed by it:
//   read           the parties, Safeguarding.Lead; Oversight and an auditor with an active grant, except wellbeing
//   write / send   the supervisor          start / decide   the session's supervisor
//   sign           the people the version was sent to (fresh sends here: the parties; a group, those present)
//   confirm        the supervisor or Safeguarding.Lead
//   flags          Safeguarding.Lead, Oversight, an auditor with an active grant
//   grants         Safeguarding.Lead only. Safeguarding.Admin never reads records.
//   list           everyone, filtered to the records they may read (checked against the read rows)

import { auditEntriesOf, type AuditEntry } from '../../support/audit-log.js';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordStorePort, StoredItem } from '../../../src/bot/graph/record-store.js';
import { createAuditorGrantRepository } from '../../../src/bot/storage/auditor-grant-repository.js';
import { ADMIN_ID, AUDITOR_ID, DSL_ID, PRINCIPAL_ID } from '../../../tools/m365-emulator/src/index.js';
import { callApi, tokenFor, type ApiReply } from '../../support/api.js';
import { graphReader } from '../../support/graph-reader.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';

const HANNAH = 'a1000000-0000-4000-8000-000000000003';
const SOPHIE = 'a1000000-0000-4000-8000-000000000005';
const TOM = 'a1000000-0000-4000-8000-000000000006';
const GRACE = 'a1000000-0000-4000-8000-000000000007';
const LIAM = 'a1000000-0000-4000-8000-000000000008';

/** In every record and decision written here: no refused answer may carry it. */
const SECRET = 'Fictional-answer-7731';

// ---- who calls ----------------------------------------------------------------------------------------

// A is Grace → Liam (individual); B is Hannah's group (Sophie, Tom, Grace). Hannah is a deputy DSL, so she
// holds Safeguarding.Lead too; Grace, Liam and Sophie hold no app role. Noah is one auditor in four
// states, entered in this order: no grant at all, an expired grant, a revoked grant, an active grant.
type Who = 'supA' | 'subA' | 'supB' | 'subB' | 'lead' | 'oversight' | 'admin' | 'auditor' | 'auditorExpired' | 'auditorRevoked' | 'auditorActive';

interface CallerSpec {
  who: Who;
  id: string;
  what: string;
  /** Puts the world in the state this column is about (Noah's grants). */
  enter?: () => Promise<void>;
}

// ---- what they act on ---------------------------------------------------------------------------------

type RecordTarget = 'A.individual' | 'A.wellbeing' | 'A.contract' | 'B.group';
type SessionTarget = 'A.session' | 'B.session';
type DecisionTarget = 'A.decision' | 'B.decision';
type Op =
  | 'listRecords'
  | 'getRecord'
  | 'saveRecordDraft'
  | 'sendRecordForSignature'
  | 'signRecord'
  | 'requestRecordChange'
  | 'listSessionRecords'
  | 'startRecord'
  | 'createDecisionRecord'
  | 'confirmDecisionRecord'
  | 'listRecordFlags'
  | 'grantAuditorAccess'
  | 'listAuditorGrants'
  | 'revokeAuditorGrant';

type Row =
  | { op: 'getRecord' | 'saveRecordDraft' | 'sendRecordForSignature' | 'signRecord' | 'requestRecordChange'; target: RecordTarget; allowed: readonly Who[] }
  | { op: 'listSessionRecords' | 'startRecord' | 'createDecisionRecord'; target: SessionTarget; allowed: readonly Who[] }
  | { op: 'confirmDecisionRecord'; target: DecisionTarget; allowed: readonly Who[] }
  | { op: 'listRecords' | 'listRecordFlags' | 'grantAuditorAccess' | 'listAuditorGrants' | 'revokeAuditorGrant'; target: '-'; allowed: readonly Who[] };

// Readers of A's (and B's) non-private records; Grace is a supervisee in B, Liam is nobody there.
const READ_A: readonly Who[] = ['supA', 'subA', 'supB', 'lead', 'oversight', 'auditorActive'];
const READ_A_WELLBEING: readonly Who[] = ['supA', 'subA', 'supB', 'lead'];
const READ_B: readonly Who[] = ['supA', 'supB', 'subB', 'lead', 'oversight', 'auditorActive'];
const LEADS: readonly Who[] = ['supB', 'lead'];

/** THE EXPECTED MATRIX: who may, per operation and thing; everyone else is refused (403). */
const MATRIX: readonly Row[] = [
  // A list for everyone, filtered to what each may read (checked against the getRecord rows).
  { op: 'listRecords', target: '-', allowed: ['supA', 'subA', 'supB', 'subB', 'lead', 'oversight', 'admin', 'auditor', 'auditorExpired', 'auditorRevoked', 'auditorActive'] },
  { op: 'getRecord', target: 'A.individual', allowed: READ_A },
  { op: 'getRecord', target: 'A.wellbeing', allowed: READ_A_WELLBEING },
  { op: 'getRecord', target: 'A.contract', allowed: READ_A },
  { op: 'getRecord', target: 'B.group', allowed: READ_B },
  { op: 'listSessionRecords', target: 'A.session', allowed: READ_A },
  { op: 'listSessionRecords', target: 'B.session', allowed: READ_B },
  { op: 'startRecord', target: 'A.session', allowed: ['supA'] },
  { op: 'startRecord', target: 'B.session', allowed: ['supB'] },
  { op: 'saveRecordDraft', target: 'A.individual', allowed: ['supA'] },
  { op: 'saveRecordDraft', target: 'A.wellbeing', allowed: ['supA'] },
  { op: 'saveRecordDraft', target: 'A.contract', allowed: ['supA'] },
  { op: 'saveRecordDraft', target: 'B.group', allowed: ['supB'] },
  { op: 'sendRecordForSignature', target: 'A.individual', allowed: ['supA'] },
  { op: 'sendRecordForSignature', target: 'A.wellbeing', allowed: ['supA'] },
  { op: 'sendRecordForSignature', target: 'A.contract', allowed: ['supA'] },
  { op: 'sendRecordForSignature', target: 'B.group', allowed: ['supB'] },
  { op: 'signRecord', target: 'A.individual', allowed: ['supA', 'subA'] },
  { op: 'signRecord', target: 'A.wellbeing', allowed: ['supA', 'subA'] },
  { op: 'signRecord', target: 'A.contract', allowed: ['supA', 'subA'] },
  { op: 'signRecord', target: 'B.group', allowed: ['supB', 'subB', 'supA'] },
  { op: 'requestRecordChange', target: 'A.individual', allowed: ['supA', 'subA'] },
  { op: 'requestRecordChange', target: 'A.wellbeing', allowed: ['supA', 'subA'] },
  { op: 'requestRecordChange', target: 'A.contract', allowed: ['supA', 'subA'] },
  { op: 'requestRecordChange', target: 'B.group', allowed: ['supB', 'subB', 'supA'] },
  { op: 'createDecisionRecord', target: 'A.session', allowed: ['supA'] },
  { op: 'createDecisionRecord', target: 'B.session', allowed: ['supB'] },
  { op: 'confirmDecisionRecord', target: 'A.decision', allowed: ['supA', ...LEADS] },
  { op: 'confirmDecisionRecord', target: 'B.decision', allowed: LEADS },
  { op: 'listRecordFlags', target: '-', allowed: [...LEADS, 'oversight', 'auditorActive'] },
  { op: 'grantAuditorAccess', target: '-', allowed: LEADS },
  { op: 'listAuditorGrants', target: '-', allowed: LEADS },
  { op: 'revokeAuditorGrant', target: '-', allowed: LEADS },
];

// ---- the stack and the things made in beforeAll ---------------------------------------------------------

let stack: RunningStack;
let store: RecordStorePort;
const tokens = new Map<string, string>();

const ids = {
  arrangementA: '',
  arrangementB: '',
  sessionA: '',
  sessionB: '',
  decisionA: '',
  decisionB: '',
  /** A grant to Tom (no auditor role) that the revoke row revokes: grants to Noah would change his columns. */
  tomGrant: '',
  records: {} as Record<RecordTarget, string>,
};

interface RecordVersion {
  recordId: string;
  version: number;
  kind: string;
  state: 'draft' | 'awaiting-signatures' | 'locked';
  updatedAt: string;
  revision: number;
  sentSha256?: string;
  signatures: { userId: string }[];
  signatories: { id: string }[];
}
interface RecordView {
  record: RecordVersion;
}
interface SessionRecords {
  records: { recordId: string; kind: string }[];
  decisions: { id: string }[];
}
interface ApiError {
  error: string;
  message: string;
}

const api = <T = unknown>(userId: string, method: string, path: string, body?: unknown): Promise<ApiReply<T>> => callApi<T>(stack, tokens.get(userId), method, path, body);

const CONTENT: Record<RecordTarget, () => unknown> = {
  'A.individual': () => ({ answers: { q1: `Settled in. ${SECRET}`, q12: 'yes' }, actions: [] }),
  'A.wellbeing': () => ({ answers: { concern: `Tired after a hard term. ${SECRET}`, 'consent-to-share': 'no' }, actions: [] }),
  'A.contract': () => ({
    answers: {
      frequency: 'Every half term',
      duration: 'One hour',
      venue: 'Meeting room 2',
      agenda: `A joint agenda. ${SECRET}`,
      recording: 'Grace writes it; both sign; kept in the app.',
      confidentiality: 'Shared with the DSL when a child is at risk.',
      cancellation: 'Whoever cancels re-arranges within a week.',
      'review-date': '2027-09-01',
    },
    actions: [],
  }),
  'B.group': () => ({
    answers: { confidentiality: 'yes', q1: `All well. ${SECRET}` },
    actions: [],
    attendance: [HANNAH, SOPHIE, TOM, GRACE].map((userId) => ({ userId, present: true })),
    takesForwardId: HANNAH,
  }),
};
const KIND: Record<RecordTarget, string> = { 'A.individual': 'individual', 'A.wellbeing': 'wellbeing', 'A.contract': 'contract', 'B.group': 'group' };
const SUPERVISOR: Record<RecordTarget, string> = { 'A.individual': GRACE, 'A.wellbeing': GRACE, 'A.contract': GRACE, 'B.group': HANNAH };
const SESSION_SUPERVISOR: Record<SessionTarget, string> = { 'A.session': GRACE, 'B.session': HANNAH };
const sessionOf = (t: SessionTarget) => (t === 'A.session' ? ids.sessionA : ids.sessionB);
const decisionOf = (t: DecisionTarget) => (t === 'A.decision' ? ids.decisionA : ids.decisionB);

const decisionBody = () => ({
  childReference: 'J.B.',
  concerns: `Attendance falling since half term. ${SECRET}`,
  actions: [{ text: 'Call the family', timescale: 'By Friday' }],
  referredToManager: false,
  chronologyEntry: true,
  caseSystem: 'CPOMS',
});

/** The latest version of a record as stored, read from the list (no audit entry). */
async function stored(recordId: string): Promise<RecordVersion> {
  const versions = (await store.query('Records', { RecordId: recordId })).map((i) => JSON.parse(String(i.fields.ValueJson)) as RecordVersion);
  const latest = versions.sort((a, b) => a.version - b.version).at(-1);
  if (!latest) throw new Error(`no record ${recordId}`);
  return latest;
}

/** The supervisor saves their content over whatever is there: the latest version is a draft after it. */
async function ensureDraft(t: RecordTarget): Promise<void> {
  const r = await stored(ids.records[t]);
  if (r.state === 'draft') return;
  const saved = await api<RecordView>(SUPERVISOR[t], 'PUT', `/api/records/${r.recordId}`, { content: CONTENT[t](), baseRevision: r.revision });
  expect(saved.status, `prepare ${t}: ${JSON.stringify(saved.body)}`).toBe(200);
}

/** A version just sent for signature, nobody having signed it yet. */
async function ensureFreshlySent(t: RecordTarget): Promise<void> {
  const r = await stored(ids.records[t]);
  if (r.state === 'awaiting-signatures' && r.signatures.length === 0) return;
  await ensureDraft(t);
  const sent = await api<RecordView>(SUPERVISOR[t], 'POST', `/api/records/${r.recordId}/send`, { baseRevision: (await stored(r.recordId)).revision });
  expect(sent.status, `prepare ${t}: ${JSON.stringify(sent.body)}`).toBe(200);
}

// ---- one call, checked ----------------------------------------------------------------------------------

interface Request {
  method: string;
  path: string;
  body?: unknown;
  /** The audit entry's Action, and its TargetId for a refusal and for success (they differ where a use case names what it made). */
  action: string;
  target: string;
  targetWhenDone?: (body: unknown) => string;
}

/** Prepares the thing (so an allowed call succeeds and a refusal can only be the rule's) and builds the request. */
async function requestFor(row: Row): Promise<Request> {
  switch (row.op) {
    case 'getRecord': {
      const id = ids.records[row.target];
      return { method: 'GET', path: `/api/records/${id}`, action: 'record.read', target: id };
    }
    case 'saveRecordDraft': {
      const r = await stored(ids.records[row.target]);
      return { method: 'PUT', path: `/api/records/${r.recordId}`, body: { content: CONTENT[row.target](), baseRevision: r.revision }, action: 'record.save', target: r.recordId };
    }
    case 'sendRecordForSignature': {
      await ensureDraft(row.target);
      const r = await stored(ids.records[row.target]);
      return { method: 'POST', path: `/api/records/${r.recordId}/send`, body: { baseRevision: r.revision }, action: 'record.send', target: r.recordId };
    }
    case 'signRecord': {
      await ensureFreshlySent(row.target);
      const r = await stored(ids.records[row.target]);
      return { method: 'POST', path: `/api/records/${r.recordId}/sign`, body: { version: r.version, sha256: r.sentSha256 }, action: 'record.sign', target: r.recordId };
    }
    case 'requestRecordChange': {
      await ensureFreshlySent(row.target);
      const r = await stored(ids.records[row.target]);
      return {
        method: 'POST',
        path: `/api/records/${r.recordId}/request-change`,
        body: { version: r.version, comment: 'Please add the date of the training.' },
        action: 'record.request-change',
        target: r.recordId,
      };
    }
    case 'listRecords':
      return { method: 'GET', path: '/api/records', action: 'record.list', target: '-' };
    case 'listSessionRecords':
      return { method: 'GET', path: `/api/sessions/${sessionOf(row.target)}/records`, action: 'record.list', target: sessionOf(row.target) };
    case 'startRecord':
      // Already started in beforeAll: the supervisor gets it back (200), nobody else may start one.
      return {
        method: 'POST',
        path: `/api/sessions/${sessionOf(row.target)}/records`,
        body: { kind: row.target === 'A.session' ? 'individual' : 'group' },
        action: 'record.start',
        target: sessionOf(row.target),
        targetWhenDone: (b) => (b as RecordView).record.recordId,
      };
    case 'createDecisionRecord':
      return {
        method: 'POST',
        path: `/api/sessions/${sessionOf(row.target)}/decisions`,
        body: decisionBody(),
        action: 'decision.record',
        target: sessionOf(row.target),
        targetWhenDone: (b) => (b as { id: string }).id,
      };
    case 'confirmDecisionRecord':
      return {
        method: 'POST',
        path: `/api/decisions/${decisionOf(row.target)}/confirm`,
        body: { reference: 'CPOMS-4471' },
        action: 'decision.confirm',
        target: decisionOf(row.target),
      };
    case 'listRecordFlags':
      return { method: 'GET', path: '/api/records/flags', action: 'record.flags', target: '-' };
    case 'grantAuditorAccess':
      return { method: 'POST', path: '/api/auditor-grants', body: { auditorId: TOM, days: 1, purpose: 'Access matrix' }, action: 'auditor.grant', target: TOM };
    case 'listAuditorGrants':
      return { method: 'GET', path: '/api/auditor-grants', action: 'auditor.list', target: '-' };
    case 'revokeAuditorGrant':
      return { method: 'POST', path: `/api/auditor-grants/${ids.tomGrant}/revoke`, action: 'auditor.revoke', target: ids.tomGrant };
  }
}

const auditOf = (actorId: string): Promise<AuditEntry[]> => auditEntriesOf(store, actorId);

/** Everything a refused call must leave as it was. */
const snapshot = async (): Promise<string[]> => {
  const lists = await Promise.all(
    ['Records', 'CaseDecisions', 'AuditorGrants'].map(async (l) => (await store.query(l, {})).map((i: StoredItem) => `${l} ${i.id} ${i.eTag} ${String(i.fields.ValueJson)}`)),
  );
  return lists.flat().sort();
};

/** The records getRecord lets this caller open, per the matrix (on one session's arrangement, or all). */
const readableOn = (session: SessionTarget | undefined, who: Who): string[] =>
  MATRIX.filter((r) => r.op === 'getRecord' && (!session || r.target.startsWith(session.slice(0, 2))) && r.allowed.includes(who)).map((r) => ids.records[r.target as RecordTarget]);

async function check(caller: CallerSpec, row: Row): Promise<void> {
  const req = await requestFor(row);
  const allowed = row.allowed.includes(caller.who);
  const name = `${row.op} ${row.target} as ${caller.who}`;
  const auditBefore = new Set((await auditOf(caller.id)).map((e) => e.id));
  const before = allowed ? [] : await snapshot();

  const res = await api<unknown>(caller.id, req.method, req.path, req.body);
  const text = JSON.stringify(res.body);
  if (allowed) {
    expect(res.status, `${name}: ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(200);
    expect(res.status, `${name}: ${text.slice(0, 300)}`).toBeLessThan(300);
  } else {
    expect(res.status, `${name}: ${text.slice(0, 300)}`).toBe(403);
    expect((res.body as ApiError).error, name).toBe('forbidden');
    expect((res.body as ApiError).message.length, name).toBeGreaterThan(10);
    // Nothing of any record or decision comes back, not even what the caller sent.
    expect(text, `${name}: no content in a refusal`).not.toContain(SECRET);
    expect(text, `${name}: no content in a refusal`).not.toMatch(/"(answers|concerns|childReference|record)"/);
    expect(await snapshot(), `${name}: nothing changed`).toEqual(before);
  }

  const added = (await auditOf(caller.id)).filter((e) => !auditBefore.has(e.id));
  const target = allowed && req.targetWhenDone ? req.targetWhenDone(res.body) : req.target;
  expect(
    added.map(({ action, targetId, outcome }) => ({ action, targetId, outcome })),
    `${name}: one audit entry`,
  ).toEqual([{ action: req.action, targetId: target, outcome: allowed ? 'done' : 'refused' }]);
  expect(added[0]?.action, name).toMatch(/^(record|decision|auditor)\./);
  if (!allowed) expect(added[0]?.detail, name).toBe('forbidden');

  // What an allowed reader gets is what they may read: the content (a sanity check on the refusal check
  // above), and a session's list leaves out the records they may not open (wellbeing for oversight, auditors).
  if (allowed && row.op === 'getRecord') expect(text, name).toContain(SECRET);
  if (allowed && (row.op === 'listSessionRecords' || row.op === 'listRecords')) {
    const listed = (res.body as SessionRecords).records.map((r) => r.recordId);
    const on = row.op === 'listSessionRecords' ? row.target : undefined;
    expect(listed.sort(), `${name}: the records listed`).toEqual(readableOn(on, caller.who).sort());
  }
}

// ---- Noah's grants --------------------------------------------------------------------------------------

const noahGrants = async () =>
  (await store.query('AuditorGrants', { AuditorId: AUDITOR_ID })).map((i) => JSON.parse(String(i.fields.ValueJson)) as { id: string; revokedAt?: string });
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const grantToNoah = async (purpose: string): Promise<string> => {
  const g = await api<{ id: string }>(DSL_ID, 'POST', '/api/auditor-grants', { auditorId: AUDITOR_ID, days: 1, purpose });
  expect(g.status, JSON.stringify(g.body)).toBe(201);
  return g.body.id;
};

const CALLERS: readonly CallerSpec[] = [
  { who: 'supA', id: GRACE, what: 'Grace, supervisor of A (a supervisee in B)' },
  { who: 'subA', id: LIAM, what: 'Liam, supervisee of A' },
  { who: 'supB', id: HANNAH, what: 'Hannah, supervisor of B (a deputy DSL: Safeguarding.Lead)' },
  { who: 'subB', id: SOPHIE, what: 'Sophie, supervisee of B' },
  { who: 'lead', id: DSL_ID, what: 'Daniel, the DSL' },
  { who: 'oversight', id: PRINCIPAL_ID, what: 'Rachel, oversight' },
  { who: 'admin', id: ADMIN_ID, what: 'Priya, the safeguarding admin' },
  {
    who: 'auditor',
    id: AUDITOR_ID,
    what: 'Noah, an auditor never granted access',
    enter: async () => expect(await noahGrants()).toEqual([]),
  },
  {
    who: 'auditorExpired',
    id: AUDITOR_ID,
    what: 'Noah, whose grant expired yesterday',
    enter: async () => {
      // Written as the app would have written it eight days ago: 7 days' access, ended yesterday.
      await createAuditorGrantRepository(store).create({
        id: randomUUID(),
        auditorId: AUDITOR_ID,
        auditorName: 'Noah Pritchard',
        grantedById: DSL_ID,
        grantedAt: daysFromNow(-8),
        expiresAt: daysFromNow(-1),
        purpose: 'An inspection last week',
      });
      expect(await noahGrants()).toHaveLength(1);
    },
  },
  {
    who: 'auditorRevoked',
    id: AUDITOR_ID,
    what: 'Noah, whose grant the DSL revoked',
    enter: async () => {
      const id = await grantToNoah('Revoked at once');
      expect((await api(DSL_ID, 'POST', `/api/auditor-grants/${id}/revoke`)).status).toBe(200);
      expect((await noahGrants()).filter((g) => !g.revokedAt)).toHaveLength(1); // the expired one
    },
  },
  {
    who: 'auditorActive',
    id: AUDITOR_ID,
    what: 'Noah, with an active grant from the DSL',
    enter: async () => void (await grantToNoah('Ofsted inspection')),
  },
];

// ---- set-up ---------------------------------------------------------------------------------------------

interface SessionView {
  session: { id: string; arrangementId: string; status: string; start: string };
}

beforeAll(async () => {
  stack = await startStack();
  store = graphReader(stack.emulator).store;
  for (const id of new Set(CALLERS.map((c) => c.id))) tokens.set(id, await tokenFor(stack, id));

  // The two arrangements, and one booked session of each.
  const list = await api<{ arrangements: { id: string; supervisor: { id: string }; supervisees: { id: string }[] }[] }>(ADMIN_ID, 'GET', '/api/arrangements');
  const find = (supervisor: string, supervisee: string) => {
    const a = list.body.arrangements.find((x) => x.supervisor.id === supervisor && x.supervisees.some((s) => s.id === supervisee));
    if (!a) throw new Error(`demo arrangement ${supervisor} → ${supervisee} missing`);
    return a.id;
  };
  ids.arrangementA = find(GRACE, LIAM);
  ids.arrangementB = find(HANNAH, SOPHIE);
  const job = await api(ADMIN_ID, 'POST', '/api/booking/jobs', { academicYear: '2026/27', arrangementIds: [ids.arrangementA, ids.arrangementB] });
  expect(job.status).toBe(202);
  await stack.app.idle();
  const sessions = (await api<{ sessions: SessionView[] }>(ADMIN_ID, 'GET', '/api/sessions?scope=everyone')).body.sessions.map((v) => v.session);
  const bookedOf = (arrangementId: string) => {
    const s = sessions.filter((x) => x.arrangementId === arrangementId && x.status === 'booked').sort((a, b) => a.start.localeCompare(b.start))[0];
    if (!s) throw new Error(`no booked session for ${arrangementId}`);
    return s.id;
  };
  ids.sessionA = bookedOf(ids.arrangementA);
  ids.sessionB = bookedOf(ids.arrangementB);

  // Each record started, written (with the secret) and sent for signature by its supervisor.
  for (const t of Object.keys(KIND) as RecordTarget[]) {
    const session = t.startsWith('A.') ? ids.sessionA : ids.sessionB;
    const started = await api<RecordView>(SUPERVISOR[t], 'POST', `/api/sessions/${session}/records`, { kind: KIND[t] });
    expect(started.status, `${t}: ${JSON.stringify(started.body)}`).toBe(201);
    ids.records[t] = started.body.record.recordId;
    const saved = await api<RecordView>(SUPERVISOR[t], 'PUT', `/api/records/${ids.records[t]}`, { content: CONTENT[t](), baseRevision: started.body.record.revision });
    expect(saved.status, `${t}: ${JSON.stringify(saved.body)}`).toBe(200);
    await ensureFreshlySent(t);
  }
  expect(ids.records['A.contract']).toBe(`${ids.arrangementA}.contract`);

  for (const t of ['A.session', 'B.session'] as const) {
    const d = await api<{ id: string }>(SESSION_SUPERVISOR[t], 'POST', `/api/sessions/${sessionOf(t)}/decisions`, decisionBody());
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    if (t === 'A.session') ids.decisionA = d.body.id;
    else ids.decisionB = d.body.id;
  }
  const tom = await api<{ id: string }>(DSL_ID, 'POST', '/api/auditor-grants', { auditorId: TOM, days: 1, purpose: 'To be revoked' });
  expect(tom.status).toBe(201);
  ids.tomGrant = tom.body.id;
}, 60_000);

afterAll(async () => {
  await stack?.app.idle();
  await stack?.stop();
});

// ---- the matrix -----------------------------------------------------------------------------------------

describe('the expected matrix', () => {
  it('has a row for every record operation of the API, and names only callers that exist', () => {
    const ops: readonly Op[] = [
      'listRecords',
      'getRecord',
      'saveRecordDraft',
      'sendRecordForSignature',
      'signRecord',
      'requestRecordChange',
      'listSessionRecords',
      'startRecord',
      'createDecisionRecord',
      'confirmDecisionRecord',
      'listRecordFlags',
      'grantAuditorAccess',
      'listAuditorGrants',
      'revokeAuditorGrant',
    ];
    expect(new Set(MATRIX.map((r) => r.op))).toEqual(new Set(ops));
    const who = new Set(CALLERS.map((c) => c.who));
    for (const r of MATRIX) for (const w of r.allowed) expect(who.has(w), `${r.op} ${r.target}: ${w}`).toBe(true);
    // Both record kinds the issue names, and the others written here, are in every record operation.
    for (const op of ['getRecord', 'saveRecordDraft', 'sendRecordForSignature', 'signRecord', 'requestRecordChange'] as const)
      expect(MATRIX.filter((r) => r.op === op).map((r) => r.target)).toEqual(['A.individual', 'A.wellbeing', 'A.contract', 'B.group']);
  });
});

describe.each(CALLERS.map((c) => [c.what, c] as const))('%s', (_, caller) => {
  it('gets exactly what the matrix allows, every call audited, nothing leaked or changed when refused', async () => {
    await caller.enter?.();
    for (const row of MATRIX) await check(caller, row);
  });
});

describe('after the matrix', () => {
  it('revoking the active grant ends Noah’s access at once (refused and audited)', async () => {
    const active = (await noahGrants()).filter((g) => !g.revokedAt);
    expect(active).toHaveLength(2); // the expired one, and the active one
    for (const g of active) expect((await api(DSL_ID, 'POST', `/api/auditor-grants/${g.id}/revoke`)).status).toBe(200);
    await check(CALLERS.find((c) => c.who === 'auditor') as CallerSpec, { op: 'getRecord', target: 'A.individual', allowed: [] });
  });

  it('the API offers no way to change or delete the audit list', async () => {
    const doc = (await callApi<{ paths: Record<string, Record<string, unknown>> }>(stack, undefined, 'GET', '/api/openapi.json')).body;
    const paths = Object.keys(doc.paths);
    expect(paths.length).toBeGreaterThan(20);
    expect(paths.filter((p) => /audit/i.test(p) && !p.startsWith('/api/auditor-grants'))).toEqual([]);
    expect(Object.values(doc.paths).flatMap((item) => Object.keys(item).filter((m) => m === 'delete'))).toEqual([]);
    for (const method of ['DELETE', 'PUT', 'PATCH', 'POST']) {
      const res = await api(DSL_ID, method, '/api/audit-log', {});
      expect(res.status, `${method} /api/audit-log`).toBe(404);
    }
  });
});
