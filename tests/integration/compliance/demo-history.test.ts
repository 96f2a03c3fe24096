// The demo school's seeded history (scripts/demo-history.ts) on a real stack: read back from the lists and
// fed to the pure dashboard, each of its four problems shows (Marcus overdue, Hannah's unsigned record,
// Liam's missing contract, the overdue decision in Daniel's supervision) and nobody else is overdue; the
// signed records are intact; and seeding again creates nothing. Fictional people only.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planDemoHistory, seedDemoHistory, writeDemoHistory } from '../../../scripts/demo-history.js';
import { createArrangementRepository } from '../../../src/bot/storage/arrangement-repository.js';
import { ARRANGEMENTS_LIST } from '../../../src/bot/storage/arrangement-repository.js';
import { createDecisionRepository, DECISIONS_LIST } from '../../../src/bot/storage/decision-repository.js';
import { createRecordRepository, RECORDS_LIST } from '../../../src/bot/storage/record-repository.js';
import { createSessionRepository, SESSIONS_LIST } from '../../../src/bot/storage/session-repository.js';
import type { IsoInstant } from '../../../src/shared/calendar/london-time.js';
import type { WorkingCalendar } from '../../../src/shared/calendar/working-calendar.js';
import { buildDashboard, type Dashboard, type DashboardRow } from '../../../src/shared/compliance/dashboard.js';
import type { ComplianceRuleId } from '../../../src/shared/compliance/types.js';
import { integrityOf } from '../../../src/shared/records/sign-off.js';
import { callApi, tokenFor } from '../../support/api.js';
import { graphReader, type GraphReader } from '../../support/graph-reader.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';
import { DANIEL, GRACE, LIAM, MARCUS, workingCalendarOf } from '../bot/bot-test-kit.js';

const HANNAH = 'a1000000-0000-4000-8000-000000000003';
const SOPHIE = 'a1000000-0000-4000-8000-000000000005';
const TOM = 'a1000000-0000-4000-8000-000000000006';

let stack: RunningStack;
let reader: GraphReader;
let wc: WorkingCalendar;

const nowInstant = (): IsoInstant => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const LISTS = [ARRANGEMENTS_LIST, SESSIONS_LIST, RECORDS_LIST, DECISIONS_LIST];
const counts = async () => Object.fromEntries(await Promise.all(LISTS.map(async (l) => [l, (await reader.store.query(l, {})).length] as const)));

/** The dashboard as the lists hold it now. */
async function dashboard(): Promise<Dashboard> {
  const arrangements = (await createArrangementRepository(reader.store).list()).map((s) => s.value);
  const ids = arrangements.map((a) => a.id);
  const sessions = (await createSessionRepository(reader.store).listForArrangements(ids)).map((s) => s.value);
  const records = (await createRecordRepository(reader.store).listForArrangements(ids)).map((s) => s.value);
  const decisions = (await createDecisionRepository(reader.store).listUnconfirmed()).map((s) => s.value);
  return buildDashboard({ calendar: wc, now: nowInstant(), arrangements, sessions, records, decisions, unreachableIds: new Set() });
}

const rowOf = (d: Pick<Dashboard, 'rows'>, superviseeId: string): DashboardRow => {
  const row = d.rows.find((r) => r.superviseeId === superviseeId);
  if (!row) throw new Error(`no dashboard row for ${superviseeId}`);
  return row;
};
const overdueRules = (row: Pick<DashboardRow, 'findings'>) => new Set(row.findings.filter((f) => f.status === 'overdue').map((f) => f.rule));

/** Each seeded case, and nothing else overdue anywhere. */
function expectTheFourCases(d: Pick<Dashboard, 'rows'>): void {
  const marcus = rowOf(d, MARCUS);
  expect(marcus.status).toBe('overdue');
  expect([...overdueRules(marcus)].some((r) => r === 'overdue-max-gap' || r === 'overdue-cadence')).toBe(true);
  expect(marcus.nextSession).toBeUndefined();

  const hannah = rowOf(d, HANNAH);
  expect(hannah.unsignedRecords).toBe(1);
  expect(hannah.findings.some((f) => f.rule === 'record-unsigned' && f.status === 'overdue')).toBe(true);

  const liam = rowOf(d, LIAM);
  expect(liam.supervisorId).toBe(GRACE);
  expect(liam.contract).toBe('overdue');

  const daniel = rowOf(d, DANIEL);
  expect(daniel.decisionsOverdue).toBe(1);

  const allowed: Record<string, readonly ComplianceRuleId[]> = {
    [MARCUS]: ['overdue-max-gap', 'overdue-cadence'],
    [HANNAH]: ['record-unsigned'],
    [LIAM]: ['contract-by-third-session'],
    [DANIEL]: ['decision-not-on-case-system'],
  };
  for (const row of d.rows) {
    expect(
      [...overdueRules(row)].filter((r) => !(allowed[row.superviseeId] ?? []).includes(r)),
      `${row.superviseeName}: ${JSON.stringify(row.findings)}`,
    ).toEqual([]);
    if (!allowed[row.superviseeId]) expect(row.status).not.toBe('overdue');
    if (row.superviseeId !== HANNAH) expect(row.unsignedRecords).toBe(0);
    if (row.superviseeId !== LIAM) expect(row.contract).toBe('signed');
  }
  for (const id of [SOPHIE, TOM, GRACE]) expect(rowOf(d, id).status).not.toBe('overdue');
}

beforeAll(async () => {
  stack = await startStack({ demoHistory: true });
  reader = graphReader(stack.emulator);
  wc = await workingCalendarOf(stack.app);
}, 120_000);

afterAll(async () => {
  await stack?.app.idle();
  await stack?.stop();
});

describe('the demo history', () => {
  it('holds about a year and a half of held sessions, each with a signed record whose fingerprint is intact', async () => {
    const arrangements = (await createArrangementRepository(reader.store).list()).map((s) => s.value);
    const sessions = (await createSessionRepository(reader.store).listForArrangements(arrangements.map((a) => a.id))).map((s) => s.value);
    expect(sessions.length).toBeGreaterThan(30);
    const starts = sessions.map((s) => s.start).sort();
    const months = (Date.parse(nowInstant()) - Date.parse(starts[0] as string)) / (30.44 * 24 * 3_600_000);
    expect(months).toBeGreaterThan(15);
    expect(months).toBeLessThanOrEqual(18.1);
    expect(sessions.every((s) => s.status === 'held' && s.eventId.startsWith('demo-history-'))).toBe(true);
    // Every arrangement began when its history did.
    expect(arrangements.every((a) => a.startDate <= (starts[0] as string).slice(0, 10))).toBe(true);

    const records = (await createRecordRepository(reader.store).listForArrangements(arrangements.map((a) => a.id))).map((s) => s.value);
    for (const s of sessions) expect(records.some((r) => r.sessionId === s.id && (r.kind === 'individual' || r.kind === 'group'))).toBe(true);
    expect(records.filter((r) => r.state === 'locked').length).toBe(records.length - 1);
    for (const r of records) expect(integrityOf(r).status).toBe('intact');
    // Children appear as initials only.
    expect(JSON.stringify(records)).toMatch(/J\.S\./);
  });

  it('shows on the dashboard: an overdue supervisee, an unsigned record, a missing contract and an overdue decision', async () => {
    expectTheFourCases(await dashboard());
  });

  it('shows the same through the REST dashboard for the DSL', async () => {
    const token = await tokenFor(stack, DANIEL);
    const res = await callApi<Pick<Dashboard, 'rows'>>(stack, token, 'GET', '/api/compliance/dashboard');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expectTheFourCases(res.body);
  });

  it('is written once: seeding again, or writing the same history again, creates nothing', async () => {
    const before = await counts();
    const again = await seedDemoHistory({ store: reader.store, now: nowInstant() });
    expect(again.sessions).toHaveLength(0);
    expect(await counts()).toEqual(before);

    // The same items again, straight: every create finds its key taken.
    const arrangements = (await createArrangementRepository(reader.store).list()).map((s) => s.value);
    const history = planDemoHistory({ now: nowInstant(), calendar: wc, arrangements });
    expect(history.sessions.length).toBeGreaterThan(30);
    await writeDemoHistory(reader.store, history);
    expect(await counts()).toEqual(before);
  });
});
