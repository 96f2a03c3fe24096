// The compliance dashboard is served from the read model (src/bot/read-model, docs/read-model.md):
// - a change made through the app shows on the very next request (write-through);
// - a change made to the lists behind the app's back (another server, a hand edit) shows after the
//   read model's catch-up (`readModel.refresh()`, every READ_MODEL_REFRESH_SECONDS; 0 in tests);
// - once warm, a dashboard request costs at most two Graph requests (the school calendar and the audit entry).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { instantToLondon, type IsoInstant } from '../../../src/shared/calendar/london-time.js';
import type { DecisionRecord } from '../../../src/shared/records/decision-record.js';
import type { DashboardRow } from '../../../src/shared/compliance/dashboard.js';
import { createDecisionRepository } from '../../../src/bot/storage/decision-repository.js';
import { DSL_ID } from '../../../tools/m365-emulator/src/index.js';
import { callApi, tokenFor } from '../../support/api.js';
import { graphReader, type GraphReader } from '../../support/graph-reader.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';
import { ADMIN, arrangementOf, bookOn, firstSchoolDayAfter, HANNAH, workingCalendarOf } from '../bot/bot-test-kit.js';

interface Dashboard {
  generatedAt: string;
  rows: DashboardRow[];
  windows: { windowId: string; due: number; held: number }[];
  schools: { id: string; name: string }[];
}
interface RecordView {
  record: { recordId: string; version: number; state: string; revision: number; sentSha256?: string };
}

const DECISION = {
  childReference: 'K.T.',
  concerns: 'Attendance falling since half term.',
  actions: [{ text: 'Call the family', timescale: 'By Friday' }],
  referredToManager: false,
  chronologyEntry: true,
  caseSystem: 'CPOMS',
};

let stack: RunningStack;
let reader: GraphReader;
const tokens: Record<'admin' | 'daniel' | 'hannah', string> = { admin: '', daniel: '', hannah: '' };
let arrangementId = '';
let sessionId = '';

const api = <T>(who: keyof typeof tokens, method: string, path: string, body?: unknown) => callApi<T>(stack, tokens[who], method, path, body);
const hannahRow = async (): Promise<DashboardRow> => {
  const res = await api<Dashboard>('admin', 'GET', '/api/compliance/dashboard');
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
  const row = res.body.rows.find((r) => r.arrangementId === arrangementId && r.superviseeId === HANNAH);
  if (!row) throw new Error('no dashboard row for Hannah');
  return row;
};

beforeAll(async () => {
  stack = await startStack();
  reader = graphReader(stack.emulator);
  tokens.admin = await tokenFor(stack, ADMIN.id);
  tokens.daniel = await tokenFor(stack, DSL_ID);
  tokens.hannah = await tokenFor(stack, HANNAH);
  const arrangement = await arrangementOf(stack.app, DSL_ID, HANNAH);
  arrangementId = arrangement.id;
  const wc = await workingCalendarOf(stack.app);
  const today = instantToLondon(new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') as IsoInstant).date;
  sessionId = (await bookOn(stack.app, arrangementId, firstSchoolDayAfter(wc, today))).id;
}, 120_000);

afterAll(async () => {
  await stack?.app.idle();
  await stack?.stop();
});

describe('the compliance dashboard reads the read model', () => {
  it('shows the booked session, the school, and filters by supervisor, status and role', async () => {
    const res = await api<Dashboard>('admin', 'GET', '/api/compliance/dashboard');
    expect(res.status).toBe(200);
    expect(res.body.schools).toEqual([{ id: 'school', name: 'All staff' }]);
    const row = res.body.rows.find((r) => r.arrangementId === arrangementId);
    expect(row).toMatchObject({ superviseeId: HANNAH, supervisorId: DSL_ID, unsignedRecords: 0, decisionsAwaiting: 0 });
    expect(row?.nextSession).toEqual(expect.any(String));

    const daniels = await api<Dashboard>('admin', 'GET', `/api/compliance/dashboard?supervisorId=${DSL_ID}`);
    expect(daniels.body.rows.length).toBeGreaterThan(0);
    expect(new Set(daniels.body.rows.map((r) => r.supervisorId))).toEqual(new Set([DSL_ID]));
    const overdue = await api<Dashboard>('admin', 'GET', '/api/compliance/dashboard?status=overdue');
    expect(overdue.body.rows.every((r) => r.status === 'overdue')).toBe(true);
    const role = row?.superviseeRole ?? '';
    const byRole = await api<Dashboard>('admin', 'GET', `/api/compliance/dashboard?role=${role}`);
    expect(byRole.body.rows.length).toBeGreaterThan(0);
    expect(byRole.body.rows.every((r) => r.superviseeRole === role)).toBe(true);
    expect((await api<Dashboard>('admin', 'GET', '/api/compliance/dashboard?schoolId=elsewhere')).body.rows).toEqual([]);

    // Daniel's own supervisees, as their supervisor; Hannah supervises a group, and sees only that.
    const mine = await api<{ rows: DashboardRow[] }>('daniel', 'GET', '/api/compliance/my-supervisees');
    expect(mine.body.rows.map((r) => r.arrangementId)).toContain(arrangementId);
    const hannahs = await api<{ rows: DashboardRow[] }>('hannah', 'GET', '/api/compliance/my-supervisees');
    expect(hannahs.body.rows.every((r) => r.supervisorId === HANNAH)).toBe(true);
  });

  it('a decision recorded through the app is in decisionsAwaiting on the very next request', async () => {
    const before = await hannahRow();
    const made = await api<{ id: string }>('daniel', 'POST', `/api/sessions/${sessionId}/decisions`, DECISION);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const after = await hannahRow();
    expect(after.decisionsAwaiting).toBe(before.decisionsAwaiting + 1);
    // …and confirming it takes it off again.
    const confirmed = await api('daniel', 'POST', `/api/decisions/${made.body.id}/confirm`, { reference: 'CPOMS-5512' });
    expect(confirmed.status).toBe(200);
    expect((await hannahRow()).decisionsAwaiting).toBe(before.decisionsAwaiting);
  });

  it('a record started, then signed by both through the app, changes unsignedRecords on the next request each time', async () => {
    const started = await api<RecordView>('daniel', 'POST', `/api/sessions/${sessionId}/records`, { kind: 'individual' });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const recordId = started.body.record.recordId;
    expect((await hannahRow()).unsignedRecords).toBe(1);
    const saved = await api<RecordView>('daniel', 'PUT', `/api/records/${recordId}`, {
      content: { answers: { q1: 'A steady half term.', q12: 'yes' }, actions: [] },
      baseRevision: started.body.record.revision,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const sent = await api<RecordView>('daniel', 'POST', `/api/records/${recordId}/send`, { baseRevision: saved.body.record.revision });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const { version, sentSha256: sha256 } = sent.body.record;
    expect((await api('daniel', 'POST', `/api/records/${recordId}/sign`, { version, sha256 })).status).toBe(200);
    expect((await hannahRow()).unsignedRecords).toBe(1);
    const last = await api<RecordView>('hannah', 'POST', `/api/records/${recordId}/sign`, { version, sha256 });
    expect(last.status, JSON.stringify(last.body)).toBe(200);
    expect(last.body.record.state).toBe('locked');
    expect((await hannahRow()).unsignedRecords).toBe(0);
  });

  it('a contract signed by both stays signed on the dashboard while its next version is under review', async () => {
    const answers = {
      frequency: 'Every half term',
      duration: 'One hour',
      venue: 'The small meeting room',
      agenda: 'A joint agenda',
      recording: 'The supervisor writes it; both sign; kept in the app',
      confidentiality: 'Shared only where a child is at risk',
      cancellation: 'Re-arranged within a week',
      'review-date': 'Next September',
    };
    const started = await api<RecordView>('daniel', 'POST', `/api/sessions/${sessionId}/records`, { kind: 'contract' });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const recordId = started.body.record.recordId;
    const saved = await api<RecordView>('daniel', 'PUT', `/api/records/${recordId}`, { content: { answers, actions: [] }, baseRevision: started.body.record.revision });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await hannahRow()).contract).toBe('not-signed');
    const sent = await api<RecordView>('daniel', 'POST', `/api/records/${recordId}/send`, { baseRevision: saved.body.record.revision });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const { version, sentSha256: sha256 } = sent.body.record;
    expect((await api('daniel', 'POST', `/api/records/${recordId}/sign`, { version, sha256 })).status).toBe(200);
    expect((await api('hannah', 'POST', `/api/records/${recordId}/sign`, { version, sha256 })).status).toBe(200);
    expect((await hannahRow()).contract).toBe('signed');

    // The annual review: Daniel changes it, which starts version 2 in draft; version 1 is still in force.
    const locked = await api<RecordView>('daniel', 'GET', `/api/records/${recordId}`);
    const review = await api<RecordView>('daniel', 'PUT', `/api/records/${recordId}`, {
      content: { answers: { ...answers, venue: 'The library office' }, actions: [] },
      baseRevision: locked.body.record.revision,
    });
    expect(review.status, JSON.stringify(review.body)).toBe(200);
    expect(review.body.record).toMatchObject({ version: 2, state: 'draft' });
    expect((await hannahRow()).contract).toBe('signed');
  });

  it('a write to the lists behind the app’s back is NOT seen until the read model catches up (refresh)', async () => {
    const before = await hannahRow();
    const decision: DecisionRecord = {
      ...DECISION,
      caseSystem: 'CPOMS',
      id: `direct-${randomUUID()}`,
      sessionId,
      arrangementId,
      decidedById: DSL_ID,
      decidedAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') as IsoInstant,
    };
    // As another server instance (or a hand edit in SharePoint) would: straight into the CaseDecisions list.
    await createDecisionRepository(reader.store).create(decision);
    expect((await hannahRow()).decisionsAwaiting).toBe(before.decisionsAwaiting);
    await stack.app.readModel.refresh();
    expect((await hannahRow()).decisionsAwaiting).toBe(before.decisionsAwaiting + 1);
    expect(stack.app.readModel.stats()).toMatchObject({ refreshes: expect.any(Number), build: { items: expect.any(Number), ms: expect.any(Number) } });
  });

  it('once warm, a dashboard request makes at most 2 Graph requests (school calendar, audit entry)', async () => {
    await hannahRow();
    await stack.app.idle();
    for (let i = 0; i < 3; i++) {
      await reader.resetCounters();
      await hannahRow();
      const counters = (await reader.counters()) as Awaited<ReturnType<GraphReader['counters']>> & { graphHttpRequests: number };
      expect(counters.graphHttpRequests, JSON.stringify(counters.graphRequestLog.map((r) => `${r.method} ${r.path}`))).toBeLessThanOrEqual(2);
    }
  });
});
