// Decision records and contracts on a real stack (emulator + server + a fake Bot Connector): a decision not
// confirmed on the child's case record within 24 hours is overdue for the DSL, the supervisor gets one
// reminder card before the deadline and can confirm on it; a contract not signed by the third session is
// flagged. Fictional people only (the emulator's demo school).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDecisionRepository } from '../../../src/bot/storage/decision-repository.js';
import { createSessionRepository } from '../../../src/bot/storage/session-repository.js';
import { addMinutes, type IsoInstant } from '../../../src/shared/calendar/london-time.js';
import type { DecisionRecord } from '../../../src/shared/records/decision-record.js';
import type { Session } from '../../../src/shared/sessions/session.js';
import { ADMIN_ID, PRINCIPAL_ID } from '../../../tools/m365-emulator/src/index.js';
import { callApi, tokenFor, type ApiReply } from '../../support/api.js';
import { botChat } from '../../support/bot-activities.js';
import { cardOf, cardText, executeActionsOf, startFakeConnector, type FakeConnector } from '../../support/fake-connector.js';
import { graphReader, type GraphReader } from '../../support/graph-reader.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';
import { arrangementOf, bookOnNextSchoolDay, DANIEL, GRACE, LIAM, MARCUS, REMINDER_JOB } from '../bot/bot-test-kit.js';

interface Flag {
  rule: string;
  status: 'due-soon' | 'overdue';
  arrangementId: string;
  subjectId: string;
  message: string;
}
type Decision = DecisionRecord & { dueBy: string };

let stack: RunningStack;
let reader: GraphReader;
let connector: FakeConnector;
const tokens = new Map<string, string>();
let session: Session;

const api = <T>(who: string, method: string, path: string, body?: unknown): Promise<ApiReply<T>> => callApi<T>(stack, tokens.get(who), method, path, body);
const flags = async (who = DANIEL) => {
  const res = await api<{ flags: Flag[] }>(who, 'GET', '/api/records/flags');
  expect(res.status).toBe(200);
  return res.body.flags;
};
const hoursAgo = (h: number) => addMinutes(new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') as IsoInstant, -h * 60);
const DECISION = {
  childReference: 'J.S. (ref 24-117)',
  concerns: 'Fictional concerns discussed in supervision.',
  actions: [{ text: 'Update the child’s plan', timescale: 'By Friday' }],
  referredToManager: false,
  chronologyEntry: true,
  caseSystem: 'CPOMS',
};

beforeAll(async () => {
  stack = await startStack();
  reader = graphReader(stack.emulator);
  connector = await startFakeConnector();
  for (const id of [GRACE, LIAM, DANIEL, PRINCIPAL_ID, ADMIN_ID]) tokens.set(id, await tokenFor(stack, id));
  session = await bookOnNextSchoolDay(stack.app, GRACE, LIAM);
  // Grace has the app: the bot can write to her.
  expect(await botChat({ serverUrl: stack.serverUrl, connectorUrl: connector.url }).installFor(GRACE)).toBe(200);
}, 90_000);

afterAll(async () => {
  await stack?.app.idle();
  await stack?.stop();
  await connector?.close();
});

describe('decision records', () => {
  it('are recorded by the supervisor only, and show as due for the DSL and oversight (not for staff)', async () => {
    expect((await api(LIAM, 'POST', `/api/sessions/${encodeURIComponent(session.id)}/decisions`, DECISION)).status).toBe(403);
    const made = await api<Decision>(GRACE, 'POST', `/api/sessions/${encodeURIComponent(session.id)}/decisions`, DECISION);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(Date.parse(made.body.dueBy) - Date.parse(made.body.decidedAt)).toBe(24 * 3_600_000);
    const due = (await flags()).find((f) => f.subjectId === made.body.id);
    expect(due).toMatchObject({ rule: 'decision-not-on-case-system', status: 'due-soon' });
    expect((await flags(PRINCIPAL_ID)).some((f) => f.subjectId === made.body.id)).toBe(true);
    expect((await api(LIAM, 'GET', '/api/records/flags')).status).toBe(403);
    expect((await api(ADMIN_ID, 'GET', '/api/records/flags')).status).toBe(403);
    // The flag names no child and no concern.
    expect(JSON.stringify(due)).not.toMatch(/J\.S\.|Fictional concerns/);

    // Sent again (a retry after a lost answer): the same decision, its 24 hours unchanged, and no second flag.
    const again = await api<Decision>(GRACE, 'POST', `/api/sessions/${encodeURIComponent(session.id)}/decisions`, DECISION);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: made.body.id, decidedAt: made.body.decidedAt, dueBy: made.body.dueBy });
    expect((await flags()).filter((f) => f.rule === 'decision-not-on-case-system' && f.status === 'due-soon')).toHaveLength(1);
    // Another decision in the same session (another child) is its own.
    const other = await api<Decision>(GRACE, 'POST', `/api/sessions/${encodeURIComponent(session.id)}/decisions`, { ...DECISION, childReference: 'K.T.' });
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(made.body.id);
  });

  it('not confirmed within 24 hours is overdue for the DSL; the supervisor is reminded once and confirms on the card', async () => {
    const old: DecisionRecord = {
      ...(DECISION as Omit<DecisionRecord, 'id' | 'sessionId' | 'arrangementId' | 'decidedById' | 'decidedAt'>),
      caseSystem: 'MyConcern',
      id: 'decision-made-yesterday',
      sessionId: session.id,
      arrangementId: session.arrangementId,
      decidedById: GRACE,
      decidedAt: hoursAgo(25),
    };
    await createDecisionRepository(reader.store).create(old);
    const overdue = (await flags()).find((f) => f.subjectId === old.id);
    expect(overdue).toMatchObject({ rule: 'decision-not-on-case-system', status: 'overdue' });
    expect((await flags())[0]?.status).toBe('overdue'); // overdue first

    const from = connector.received.length;
    const first = await stack.app.useCases.runReminders({ caller: REMINDER_JOB });
    expect(first.decisionReminders).toBe(1); // the one made just now is not near its deadline yet
    const again = await stack.app.useCases.runReminders({ caller: REMINDER_JOB });
    expect(again.decisionReminders).toBe(0);
    const posted = connector.since(from).filter((r) => r.method === 'POST' && cardText(cardOf(r)).includes('MyConcern'));
    expect(posted).toHaveLength(1);
    const card = cardOf(posted[0] as (typeof posted)[number]);
    expect(cardText(card)).not.toMatch(/J\.S\.|Fictional concerns/);
    const confirm = executeActionsOf(card).find((a) => a.verb === 'decision.confirm');
    expect(confirm?.data).toMatchObject({ decisionId: old.id });

    const chat = botChat({ serverUrl: stack.serverUrl, connectorUrl: connector.url });
    const answer = await chat.invoke(GRACE, 'decision.confirm', { ...confirm?.data, reference: 'MC-2026-0042' }, posted[0]?.activityId);
    expect(answer.body.statusCode).toBe(200);
    expect(cardText(answer.body.value)).toMatch(/MC-2026-0042/);
    expect((await flags()).some((f) => f.subjectId === old.id)).toBe(false);
  });

  it('refuses a confirmation without a usable reference, and lets the DSL confirm', async () => {
    const list = await api<{ decisions: Decision[] }>(DANIEL, 'GET', `/api/sessions/${encodeURIComponent(session.id)}/records`);
    const open = list.body.decisions.find((d) => !d.enteredOnCaseSystem);
    if (!open) throw new Error('the decision made in the first test is open');
    const bad = await api<{ field: string }>(DANIEL, 'POST', `/api/decisions/${open.id}/confirm`, { reference: '<script>' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('reference');
    expect((await api(LIAM, 'POST', `/api/decisions/${open.id}/confirm`, { reference: 'CP-1' })).status).toBe(403);
    const ok = await api<Decision>(DANIEL, 'POST', `/api/decisions/${open.id}/confirm`, { reference: 'CP-1' });
    expect(ok.status).toBe(200);
    expect(ok.body.enteredOnCaseSystem).toMatchObject({ reference: 'CP-1', byId: DANIEL });
  });

  it('reminds a supervisor the bot could not reach once they have the app again', async () => {
    const chat = botChat({ serverUrl: stack.serverUrl, connectorUrl: connector.url });
    const old: DecisionRecord = {
      ...(DECISION as Omit<DecisionRecord, 'id' | 'sessionId' | 'arrangementId' | 'decidedById' | 'decidedAt'>),
      caseSystem: 'other',
      id: 'decision-while-unreachable',
      sessionId: session.id,
      arrangementId: session.arrangementId,
      decidedById: GRACE,
      decidedAt: hoursAgo(25),
    };
    await createDecisionRepository(reader.store).create(old);
    const remindersOf = (from: number) =>
      connector.since(from, chat.conversationOf(GRACE)).filter((r) => r.method === 'POST' && executeActionsOf(cardOf(r)).some((a) => a.data.decisionId === old.id));
    const from = connector.received.length;
    connector.refuse(chat.conversationOf(GRACE)); // Grace removed the app
    expect((await stack.app.useCases.runReminders({ caller: REMINDER_JOB })).decisionReminders).toBe(0);
    connector.refuse(chat.conversationOf(GRACE), false);
    expect(await chat.installFor(GRACE)).toBe(200);
    expect((await stack.app.useCases.runReminders({ caller: REMINDER_JOB })).decisionReminders).toBe(1);
    expect((await stack.app.useCases.runReminders({ caller: REMINDER_JOB })).decisionReminders).toBe(0);
    expect(remindersOf(from)).toHaveLength(1);
  });
});

describe('contracts', () => {
  it('are flagged when not signed by the end of the third session', async () => {
    const marcus = await arrangementOf(stack.app, DANIEL, MARCUS);
    // Three sessions already held (written as a past year would have left them).
    const held: Session[] = [90, 60, 30].map((daysAgo, i) => ({
      id: `${marcus.id}.past-${i}`,
      arrangementId: marcus.id,
      academicYear: '2025/26',
      windowId: `2025/26:past${i}`,
      windowLabel: `Past ${i + 1}`,
      start: hoursAgo(daysAgo * 24),
      end: hoursAgo(daysAgo * 24 - 1),
      status: 'held',
      organiserMailbox: 'daniel.okafor@example.org',
      eventId: `past-${i}`,
      iCalUId: `past-${i}`,
      postponements: [],
    }));
    for (const r of await createSessionRepository(reader.store).createMany(held)) expect(r).not.toBeInstanceOf(Error);
    const flag = (await flags()).find((f) => f.arrangementId === marcus.id && f.rule === 'contract-by-third-session');
    expect(flag).toMatchObject({ status: 'overdue', subjectId: held[2]?.id });
    expect(flag?.message).toMatch(/third session/);
  });
});
