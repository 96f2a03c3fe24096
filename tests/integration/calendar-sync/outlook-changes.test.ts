// Changes made in Outlook, never in the app, reach the sessions (emulator + server + a fake Bot Connector):
// the server subscribes to each organiser's events (Graph's validation handshake included), a change
// notification makes it read the mailbox's calendar delta, and each change means what the safeguarding team
// expects: a decline gets that person the times they could move to; a move past the working week tells the
// supervisor and the admin; a cancellation cancels the session and tells the admin. A notification with the
// wrong clientState changes nothing and is audited; a dropped notification is caught by the sweep; a restart
// loses nothing; a change reported twice is acted on once. Fictional demo people only.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Arrangement } from '../../../src/shared/arrangements/arrangement.js';
import { addDays, type IsoDate } from '../../../src/shared/calendar/dates.js';
import { addMinutes, instantToLondon, type IsoInstant } from '../../../src/shared/calendar/london-time.js';
import type { Session } from '../../../src/shared/sessions/session.js';
import { localServerEnv } from '../../../scripts/local-stack.js';
import { startFromEnv, type StartedApp } from '../../../src/bot/compose.js';
import { botChat, type BotChat } from '../../support/bot-activities.js';
import { startFakeConnector, type FakeConnector } from '../../support/fake-connector.js';
import { auditEntriesOf } from '../../support/audit-log.js';
import { graphReader, type GraphReader } from '../../support/graph-reader.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';
import { eventPath, syncTestKit, utcTime } from './sync-test-kit.js';
import { arrangementOf, bookOn, DANIEL, GRACE, HANNAH, LIAM, MARCUS, PRIYA, RACHEL } from '../bot/bot-test-kit.js';

let stack: RunningStack;
let app: StartedApp;
let connector: FakeConnector;
let chat: BotChat;
let reader: GraphReader;
let tempDir = '';
const booked = new Map<string, { arrangement: Arrangement; session: Session }>();

const london = (instant: string) => instantToLondon(instant as IsoInstant);
const { sessionNow, eventually, cardsTo, schoolDayOn } = syncTestKit(() => ({ app, connector, chat }));
const graph = () => reader.client;
const notificationStats = async () => (await reader.counters()).notifications;

beforeAll(async () => {
  stack = await startStack({ calendarNotificationDelayMs: 50 });
  app = stack.app;
  connector = await startFakeConnector();
  chat = botChat({ serverUrl: stack.serverUrl, connectorUrl: connector.url });
  reader = graphReader(stack.emulator);
  for (const id of [GRACE, LIAM, RACHEL, DANIEL, HANNAH, MARCUS, PRIYA]) expect(await chat.installFor(id)).toBe(200);
  const start = addDays(new Date().toISOString().slice(0, 10) as IsoDate, 21);
  // Daniel's arrangements keep his preferred days (Hannah Tue/Wed, Marcus Thu).
  const plan: [string, string, string, readonly number[]][] = [
    ['decline', GRACE, LIAM, [1, 2, 3, 4, 5]],
    ['late', RACHEL, DANIEL, [1, 2, 3, 4, 5]],
    ['cancel', DANIEL, HANNAH, [2, 3]],
    ['dropped', DANIEL, MARCUS, [4]],
  ];
  for (const [name, supervisor, supervisee, days] of plan) {
    const arrangement = await arrangementOf(app, supervisor, supervisee);
    booked.set(name, { arrangement, session: await bookOn(app, arrangement.id, await schoolDayOn(start, days)) });
  }
  // The first sweep subscribes to each organiser's events (Graph checks the notification URL first) and reads each calendar once.
  const first = await app.calendarSync.sweep();
  expect(first.subscriptions).toMatchObject({ created: 3, failed: 0 });
  expect(first.failed).toBe(0);
}, 120_000);

afterAll(async () => {
  await app?.idle();
  await app?.close();
  await connector?.close();
  await stack?.stop();
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
});

const get = (name: string) => {
  const b = booked.get(name);
  if (!b) throw new Error(`nothing booked as ${name}`);
  return b;
};

describe('changes made in Outlook', () => {
  it('a decline by an attendee brings that attendee the times within one working week, once, even when reported again', async () => {
    const { session } = get('decline');
    const mark = connector.received.length;
    const copy = (await reader.calendarView(LIAM, session.start, session.end)).find((e) => e.iCalUId === session.iCalUId);
    if (!copy) throw new Error("Liam's copy of the meeting is missing");
    await graph().api(`/users/${LIAM}/events/${copy.id}/decline`).post({ comment: '', sendResponse: true });
    await eventually(async () => cardsTo(LIAM, mark).length > 0, 'a card to Liam after he declined');
    await app.idle();
    const cards = cardsTo(LIAM, mark);
    expect(cards, cards.join('\n---\n')).toHaveLength(1);
    expect(cards[0]).toMatch(/You declined this supervision meeting in Outlook|No new time found/);
    // Nothing else changed: the session is still booked at its time.
    expect(await sessionNow(session.id)).toMatchObject({ status: 'booked', start: session.start });

    // Reported again: the sweep after Graph lost the delta link reads every meeting afresh (the decline too).
    await reader.expireDeltaLinks(session.organiserMailbox);
    const again = await app.calendarSync.sweep();
    expect(again.failed).toBe(0);
    await app.idle();
    expect(cardsTo(LIAM, mark), cardsTo(LIAM, mark).join('\n---\n')).toHaveLength(1);
  });

  it('the organiser moving the meeting past the working week moves the session and tells the supervisor and the admin', async () => {
    const { session } = get('late');
    const mark = connector.received.length;
    const start = addMinutes(session.start, 21 * 24 * 60);
    const end = addMinutes(session.end, 21 * 24 * 60);
    await graph()
      .api(eventPath(session))
      .patch({ start: utcTime(start), end: utcTime(end) });
    await eventually(async () => (await sessionNow(session.id)).start === start, 'the session following its meeting');
    await eventually(async () => cardsTo(RACHEL, mark).length > 0 && cardsTo(PRIYA, mark).length > 0, 'cards to Rachel and Priya');
    await app.idle();
    expect(cardsTo(RACHEL, mark)).toEqual([expect.stringContaining('A session was moved too late')]);
    expect(cardsTo(PRIYA, mark)).toEqual([expect.stringContaining('A session was moved too late')]);
    // The supervisee was not told by the app (Outlook told them).
    expect(cardsTo(DANIEL, mark)).toEqual([]);
    const now = await sessionNow(session.id);
    expect(now).toMatchObject({ status: 'booked', start, end });
    expect(now.postponements.at(-1)).toMatchObject({ fromStart: session.start, toStart: start, note: 'Moved in Outlook' });
    expect(london(now.start).date).toBe(london(start).date);
  });

  it('the organiser cancelling the meeting cancels the session and tells the admin', async () => {
    const { session } = get('cancel');
    const mark = connector.received.length;
    await graph()
      .api(`${eventPath(session)}/cancel`)
      .post({ comment: 'Cannot go ahead' });
    await eventually(async () => (await sessionNow(session.id)).status === 'cancelled', 'the session cancelled');
    await eventually(async () => cardsTo(PRIYA, mark).length > 0, 'a card to Priya');
    await app.idle();
    expect(cardsTo(PRIYA, mark)).toEqual([expect.stringContaining('A session was cancelled in Outlook')]);
    expect((await sessionNow(session.id)).cancellation).toMatchObject({ reason: 'Cancelled in Outlook' });
  });

  it('a notification with the wrong clientState changes nothing and is audited', async () => {
    const { session } = get('dropped');
    const subs = (await graph().api('/subscriptions').get()) as { value: { id: string; resource: string }[] };
    const danielsSub = subs.value.find((s) => s.resource.toLowerCase().includes(session.organiserMailbox.toLowerCase()));
    expect(danielsSub).toBeDefined();
    const before = await auditEntriesOf(reader.store, 'graph:notification');
    const forged = {
      value: [{ subscriptionId: danielsSub?.id, clientState: 'not-the-secret', changeType: 'deleted', resource: `Users/${session.organiserMailbox}/Events/${session.eventId}` }],
    };
    const res = await fetch(`${stack.serverUrl}/api/graph/notifications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(forged) });
    expect(res.status).toBe(202);
    await app.idle();
    const after = await auditEntriesOf(reader.store, 'graph:notification');
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({ action: 'calendar.notification', outcome: 'refused' });
    expect(await sessionNow(session.id)).toMatchObject({ status: 'booked', start: session.start });
    // A malformed body is refused the same way, never a 5xx.
    const bad = await fetch(`${stack.serverUrl}/api/graph/notifications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"value": 3}' });
    expect(bad.status).toBe(202);
    await app.idle();
    expect((await auditEntriesOf(reader.store, 'graph:notification')).length).toBe(before.length + 2);
  });

  it('a change whose notification was dropped is picked up by the sweep', async () => {
    const { session } = get('dropped');
    const dropped = (await notificationStats()).dropped;
    await reader.setFaults({ rules: [{ kind: 'dropNotification', target: 'request', limit: 4, holdMs: 0, rate: 1, retryAfterSeconds: 1 }] });
    const start = addMinutes(session.start, 60);
    const end = addMinutes(session.end, 60);
    try {
      await graph()
        .api(eventPath(session))
        .patch({ start: utcTime(start), end: utcTime(end) });
      await eventually(async () => (await notificationStats()).dropped > dropped, 'the emulator dropping the notification');
    } finally {
      await reader.clearFaults();
    }
    await app.idle();
    expect((await sessionNow(session.id)).start).toBe(session.start);
    await app.calendarSync.sweep();
    expect(await sessionNow(session.id)).toMatchObject({ start, end, status: 'booked' });
  });

  it('lifecycle notifications: reauthorizationRequired renews, subscriptionRemoved makes a new subscription, missed reads the mailbox', async () => {
    const { session } = get('late');
    const subscriptionOf = async () => {
      const subs = (await graph().api('/subscriptions').get()) as { value: { id: string; resource: string; expirationDateTime: string }[] };
      return subs.value.find((x) => x.resource.toLowerCase().includes(session.organiserMailbox.toLowerCase()));
    };
    const first = await subscriptionOf();
    if (!first) throw new Error('no subscription for the organiser');
    const renewals = async () => (await reader.counters()).graphRequestLog.filter((r) => r.method === 'PATCH' && r.path.endsWith(`/subscriptions/${first.id}`)).length;
    const renewedBefore = await renewals();
    await reader.emulatorPost(`/_emulator/subscriptions/${first.id}/lifecycle`, { lifecycleEvent: 'reauthorizationRequired' });
    // Renewed in place (its new expiry may fall in the same second as the old one: the PATCH is the sign).
    await eventually(async () => (await renewals()) > renewedBefore, 'the subscription renewed');
    expect((await subscriptionOf())?.id).toBe(first.id);

    await reader.emulatorPost(`/_emulator/subscriptions/${first.id}/lifecycle`, { lifecycleEvent: 'subscriptionRemoved' });
    await eventually(async () => {
      const now = await subscriptionOf();
      return now !== undefined && now.id !== first.id;
    }, 'a new subscription after the old one was removed');
    await app.idle();

    // Missed: a change whose notification never came is read straight away, without waiting for the sweep.
    const current = await sessionNow(session.id);
    const start = addMinutes(current.start, 30);
    const end = addMinutes(current.end, 30);
    const second = await subscriptionOf();
    await reader.setFaults({ rules: [{ kind: 'dropNotification', target: 'request', limit: 4, holdMs: 0, rate: 1, retryAfterSeconds: 1 }] });
    const dropped = (await notificationStats()).dropped;
    try {
      await graph()
        .api(eventPath(current))
        .patch({ start: utcTime(start), end: utcTime(end) });
      await eventually(async () => (await notificationStats()).dropped > dropped, 'the notification dropped');
    } finally {
      await reader.clearFaults();
    }
    await reader.emulatorPost(`/_emulator/subscriptions/${second?.id ?? ''}/lifecycle`, { lifecycleEvent: 'missed' });
    await eventually(async () => (await sessionNow(session.id)).start === start, 'the session following its meeting after "missed"');
  });

  it('a change made while the server is down is there after a restart', async () => {
    const { session } = get('dropped');
    const current = await sessionNow(session.id);
    await app.close();
    const start = addMinutes(current.start, 60);
    const end = addMinutes(current.end, 60);
    await graph()
      .api(eventPath(current))
      .patch({ start: utcTime(start), end: utcTime(end) });
    // A new server against the same Microsoft 365 data (lists, calendars, subscriptions).
    tempDir = await mkdtemp(path.join(tmpdir(), 'outlook-restart-'));
    const caFile = path.join(tempDir, 'ca.pem');
    await writeFile(caFile, stack.emulator.caCertPem);
    app = await startFromEnv({
      ...localServerEnv(stack.emulator, caFile, 0, process.env.TEST_LOG_LEVEL ?? 'silent'),
      REMINDER_INTERVAL_MINUTES: '0',
      READ_MODEL_REFRESH_SECONDS: '0',
      CALENDAR_SYNC_MINUTES: '0',
    });
    const run = await app.calendarSync.sweep();
    expect(run.failed).toBe(0);
    expect(await sessionNow(session.id)).toMatchObject({ start, end, status: 'booked' });
  });
});
