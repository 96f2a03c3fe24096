// The reminder job sends each participant of a session their reminder card exactly once: not again on a
// second run, not again after the server restarts, and only once when two servers run it at the same moment.
// Someone the bot cannot reach yet (the app not installed) is reported and gets nothing.
//
// The emulator and the servers run in this process, but for one: a second server process, to race the job
// against. The bot's cards go to a fake Bot Connector.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { freePort, localServerEnv } from '../../../scripts/local-stack.js';
import { startServerProcess } from '../../../scripts/server-process.js';
import { ADMIN_ID } from '../../../tools/m365-emulator/src/seed/demo-school.js';
import { callApi, tokenFor } from '../../support/api.js';
import { startFromEnv, type StartedApp } from '../../../src/bot/compose.js';
import type { ReminderRun } from '../../../src/bot/reminders/run-reminders.js';
import type { Arrangement } from '../../../src/shared/arrangements/arrangement.js';
import { formatLondonDateTime } from '../../../src/shared/calendar/london-format.js';
import { instantToLondon } from '../../../src/shared/calendar/london-time.js';
import { dateText } from '../../../src/shared/agenda/agenda.js';
import type { WorkingCalendar } from '../../../src/shared/calendar/working-calendar.js';
import { isReminderDue } from '../../../src/shared/reminders/reminders.js';
import type { Session } from '../../../src/shared/sessions/session.js';
import { botChat, type BotChat } from '../../support/bot-activities.js';
import { cardOf, cardText, executeActionsOf, startFakeConnector, type FakeConnector, type RecordedActivity } from '../../support/fake-connector.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';
import { arrangementOf, bookOn, DANIEL, firstSchoolDayAfter, GRACE, HANNAH, LIAM, MARCUS, RACHEL, REMINDER_JOB, workingCalendarOf } from './bot-test-kit.js';

let stack: RunningStack;
let connector: FakeConnector;
let tempDir = '';
let caFile = '';
const servers: StartedApp[] = [];
/** The server the tests talk to now (the stack's, until it is restarted). */
let current: Pick<StartedApp, 'useCases' | 'idle' | 'url'>;
let chat: BotChat;
let wc: WorkingCalendar;
let day = '';
let adminToken = '';
const children: ChildProcess[] = [];
let arrangementA: Arrangement;
let sessionA: Session;

/** Runs the job on one server. */
async function run(app: Pick<StartedApp, 'useCases'> = current): Promise<ReminderRun> {
  return app.useCases.runReminders({ caller: REMINDER_JOB });
}
/** Two runs started together (the same clock second, as a race would be). */
async function runBoth(a: Pick<StartedApp, 'useCases'>, b: Pick<StartedApp, 'useCases'>): Promise<[ReminderRun, ReminderRun]> {
  return Promise.all([a.useCases.runReminders({ caller: REMINDER_JOB }), b.useCases.runReminders({ caller: REMINDER_JOB })]);
}
const useServer = (app: Pick<StartedApp, 'useCases' | 'idle' | 'url'>) => {
  current = app;
  chat = botChat({ serverUrl: app.url, connectorUrl: connector.url });
};
/** A second server process (`node --import tsx src/bot/main.ts`) against the same emulator; killed in afterAll. */
async function startOtherProcess(): Promise<{ url: string }> {
  const server = await startServerProcess({
    emulator: stack.emulator,
    caFile,
    port: await freePort(),
    logLevel: 'warn',
    env: { REMINDER_INTERVAL_MINUTES: '0', CALENDAR_SYNC_MINUTES: '0' },
  });
  children.push(server.child);
  return { url: server.serverUrl };
}
/** A second server in this process against the same emulator (the same SharePoint lists and calendars). */
async function startServer(): Promise<StartedApp> {
  const env = { ...localServerEnv(stack.emulator, caFile, 0, process.env.TEST_LOG_LEVEL ?? 'silent'), REMINDER_INTERVAL_MINUTES: '0', CALENDAR_SYNC_MINUTES: '0' };
  const app = await startFromEnv(env);
  servers.push(app);
  return app;
}
async function install(...userIds: string[]): Promise<void> {
  for (const id of userIds) expect(await chat.installFor(id)).toBe(200);
}
/** The reminder cards posted since `fromSeq`, with whom they went to and for which session. */
function remindersSince(fromSeq: number): { to: string; sessionId: string; text: string; record: RecordedActivity }[] {
  return connector.since(fromSeq).map((record) => {
    const card = cardOf(record);
    const start = executeActionsOf(card).find((a) => a.verb === 'reschedule.start');
    return { to: record.conversationId, sessionId: String(start?.data.sessionId), text: cardText(card), record };
  });
}

beforeAll(async () => {
  stack = await startStack();
  connector = await startFakeConnector();
  tempDir = await mkdtemp(path.join(tmpdir(), 'safeguarding-reminders-'));
  caFile = path.join(tempDir, 'emulator-ca.pem');
  await writeFile(caFile, stack.emulator.caCertPem);
  useServer({ useCases: stack.app.useCases, idle: () => stack.app.idle(), url: stack.serverUrl });
  wc = await workingCalendarOf(stack.app);
  day = firstSchoolDayAfter(wc, instantToLondon(new Date().toISOString()).date);
  arrangementA = await arrangementOf(stack.app, GRACE, LIAM);
  sessionA = await bookOn(stack.app, arrangementA.id, day);
  await install(GRACE, LIAM);
  adminToken = await tokenFor(stack, ADMIN_ID);
}, 60_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode !== null || c.signalCode !== null ? undefined : new Promise((r) => c.once('exit', r)))));
  for (const s of servers) await s.close().catch(() => undefined);
  await connector?.close();
  await stack?.stop();
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
});

describe('reminders are sent exactly once', () => {
  it('sends each participant one reminder card naming the session time, with "I can\u2019t make it"', async () => {
    expect(isReminderDue({ sessionStartUtc: sessionA.start, now: new Date().toISOString(), workingCalendar: wc })).toBe(true);
    const mark = connector.received.length;
    const result = await run();
    expect(result).toEqual({ due: 2, sent: 2, alreadySent: 0, unreachable: [], failed: 0, decisionReminders: 0 });
    const sent = remindersSince(mark);
    expect(sent.map((s) => s.record.method)).toEqual(['POST', 'POST']);
    expect(sent.map((s) => s.to).sort()).toEqual([chat.conversationOf(GRACE), chat.conversationOf(LIAM)].sort());
    for (const s of sent) {
      expect(s.sessionId).toBe(sessionA.id);
      expect(s.text).toContain(`Supervision reminder: ${dateText(instantToLondon(sessionA.start).date)}`);
      expect(s.text).toContain(formatLondonDateTime(sessionA.start));
      const cant = executeActionsOf(cardOf(s.record)).find((a) => a.verb === 'reschedule.start');
      expect(cant).toEqual({ title: 'I can\u2019t make it', verb: 'reschedule.start', data: { action: 'reschedule.start', sessionId: sessionA.id } });
    }
  });

  it('a second run sends none, nor do two more started in the same second on one server', async () => {
    const mark = connector.received.length;
    expect(await run()).toEqual({ due: 2, sent: 0, alreadySent: 2, unreachable: [], failed: 0, decisionReminders: 0 });
    const [a, b] = await runBoth(current, current);
    expect(a.sent + b.sent).toBe(0);
    expect(connector.received.slice(mark)).toEqual([]);
  });

  it('after the server restarts (same Microsoft 365 data), a run sends none', async () => {
    await stack.app.close();
    await expect(fetch(`${stack.serverUrl}/api/health`)).rejects.toThrow();
    useServer(await startServer());
    const mark = connector.received.length;
    expect(await run()).toEqual({ due: 2, sent: 0, alreadySent: 2, unreachable: [], failed: 0, decisionReminders: 0 });
    expect(connector.received.slice(mark)).toEqual([]);
  });

  it('two server processes running the job at the same moment send a fresh session\u2019s reminders once in total', async () => {
    const arrangementB = await arrangementOf(current, DANIEL, MARCUS);
    const sessionB = await bookOn(current, arrangementB.id, day);
    await install(DANIEL, MARCUS);
    // The other server is a separate process (`node src/bot/main.ts`) against the same emulator; the admin runs the job on it.
    const other = await startOtherProcess();
    const runOther = async () => {
      const reply = await callApi<ReminderRun>({ serverUrl: other.url } as RunningStack, adminToken, 'POST', '/api/reminders/run');
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      return reply.body;
    };
    const mark = connector.received.length;
    const [mine, theirs] = await Promise.all([run(current), runOther()]);
    // Each server sees both sessions due (2 + 2 participants); of session B's two reminders each went out once.
    for (const r of [mine, theirs]) expect(r).toMatchObject({ due: 4, unreachable: [], failed: 0 });
    expect(mine.sent + theirs.sent).toBe(2);
    expect(mine.alreadySent + theirs.alreadySent).toBe(6);
    const sent = remindersSince(mark);
    expect(sent.map((s) => [s.record.method, s.to, s.sessionId]).sort()).toEqual(
      [
        ['POST', chat.conversationOf(DANIEL), sessionB.id],
        ['POST', chat.conversationOf(MARCUS), sessionB.id],
      ].sort(),
    );
    // And neither server sends them again.
    const again = connector.received.length;
    const [a, b] = await Promise.all([run(current), runOther()]);
    expect(a.sent + b.sent).toBe(0);
    expect(connector.received.slice(again)).toEqual([]);
  });

  it('reports a participant without the app installed as unreachable and sends them nothing (until they install it)', async () => {
    const arrangementC = await arrangementOf(current, RACHEL, DANIEL);
    const sessionC = await bookOn(current, arrangementC.id, day);
    const rachel = chat.conversationOf(RACHEL);
    const mark = connector.received.length;
    const result = await run();
    expect(result).toMatchObject({ due: 6, sent: 1, alreadySent: 4, unreachable: [RACHEL], failed: 0 });
    const sent = remindersSince(mark);
    expect(sent.map((s) => [s.to, s.sessionId])).toEqual([[chat.conversationOf(DANIEL), sessionC.id]]);
    expect(connector.received.filter((r) => r.conversationId === rachel)).toEqual([]);

    // Still unreachable on the next run, and nothing sent twice.
    const next = connector.received.length;
    expect(await run()).toMatchObject({ sent: 0, alreadySent: 5, unreachable: [RACHEL] });
    expect(connector.received.slice(next)).toEqual([]);

    // Once she installs the app, her reminder goes out: once.
    await install(RACHEL);
    const installed = connector.received.length;
    expect(await run()).toMatchObject({ sent: 1, alreadySent: 5, unreachable: [] });
    expect(remindersSince(installed).map((s) => [s.to, s.sessionId])).toEqual([[rachel, sessionC.id]]);
  });

  it('a participant whose conversation answers 403 (the app removed) is reported unreachable, and gets the reminder once after installing again', async () => {
    const arrangementD = await arrangementOf(current, DANIEL, HANNAH);
    const sessionD = await bookOn(current, arrangementD.id, day);
    await install(HANNAH);
    const hannah = chat.conversationOf(HANNAH);
    connector.refuse(hannah);
    const mark = connector.received.length;
    expect(await run()).toMatchObject({ sent: 1, unreachable: [HANNAH], failed: 0 });
    expect(remindersSince(mark).map((s) => [s.to, s.sessionId])).toEqual([[chat.conversationOf(DANIEL), sessionD.id]]);
    expect(
      connector.received
        .slice(mark)
        .filter((r) => r.conversationId === hannah)
        .map((r) => r.status),
    ).toEqual([403]);

    // Her conversation is forgotten: the next run does not even try.
    const next = connector.received.length;
    expect(await run()).toMatchObject({ sent: 0, unreachable: [HANNAH] });
    expect(connector.received.slice(next)).toEqual([]);

    // Installed again: one reminder, and no more after that.
    connector.refuse(hannah, false);
    await install(HANNAH);
    const installed = connector.received.length;
    expect(await run()).toMatchObject({ sent: 1, unreachable: [], failed: 0 });
    expect(remindersSince(installed).map((s) => [s.to, s.sessionId])).toEqual([[hannah, sessionD.id]]);
    const last = connector.received.length;
    expect(await run()).toMatchObject({ sent: 0, unreachable: [] });
    expect(connector.received.slice(last)).toEqual([]);
  });
});
