// The calendar delta's window (emulator + server + a fake Bot Connector). Graph fixes a calendarView delta's
// window when the delta starts and reports a change to an event outside it as `@removed`, as it reports a
// deletion. So `@removed` alone never cancels a session: the organiser's meeting is read, and only a meeting
// Graph no longer has (or a cancelled one) cancels it. And the delta is started afresh once its window no
// longer reaches past every booked session and well past today; reading the calendar in full then changes
// nothing already in step and sends no card twice. Fictional demo people only.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../../../src/shared/calendar/dates.js';
import { defaultEnglandCalendar } from '../../../src/shared/calendar/default-england.js';
import { addMinutes, instantMs, toIsoInstant } from '../../../src/shared/calendar/london-time.js';
import type { Session } from '../../../src/shared/sessions/session.js';
import type { StartedApp } from '../../../src/bot/compose.js';
import { createCalendarChanges } from '../../../src/bot/graph/calendar-changes.js';
import type { MailboxSync, MailboxSyncRepository } from '../../../src/bot/ports.js';
import { createMailboxSyncRepository } from '../../../src/bot/storage/mailbox-sync-repository.js';
import { botChat, type BotChat } from '../../support/bot-activities.js';
import { startFakeConnector, type FakeConnector } from '../../support/fake-connector.js';
import { graphReader, type GraphReader } from '../../support/graph-reader.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';
import { eventPath, syncTestKit, utcTime } from './sync-test-kit.js';
import { arrangementOf, bookOn, DANIEL, firstSchoolDayAfter, GRACE, HANNAH, LIAM, PRIYA, RACHEL, workingCalendarOf } from '../bot/bot-test-kit.js';

let stack: RunningStack;
let app: StartedApp;
let connector: FakeConnector;
let chat: BotChat;
let reader: GraphReader;
let syncs: MailboxSyncRepository;
let graceNear: Session;
let danielNear: Session;

const DAY = 24 * 60;
const today = () => new Date().toISOString().slice(0, 10) as IsoDate;
const nowInstant = () => toIsoInstant(Date.now());

const { sessionNow, eventually, cardsTo, schoolDayOn } = syncTestKit(() => ({ app, connector, chat }));
async function syncOf(mailbox: string): Promise<MailboxSync> {
  const item = await syncs.get(mailbox);
  if (!item) throw new Error(`no sync state for ${mailbox}`);
  return item.value;
}
/** Saves the mailbox's sync state with these fields changed (made when there is none yet). */
async function setSync(mailbox: string, change: Partial<MailboxSync>): Promise<void> {
  const item = await syncs.get(mailbox);
  if (item) await syncs.update(item, { ...item.value, ...change });
  else await syncs.create({ mailbox, ...change });
}
const sweptMailbox = (run: Awaited<ReturnType<StartedApp['calendarSync']['sweep']>>, mailbox: string) => run.synced.find((s) => s.mailbox.toLowerCase() === mailbox.toLowerCase());

beforeAll(async () => {
  stack = await startStack({ calendarNotificationDelayMs: 50 });
  app = stack.app;
  connector = await startFakeConnector();
  chat = botChat({ serverUrl: stack.serverUrl, connectorUrl: connector.url });
  reader = graphReader(stack.emulator);
  syncs = createMailboxSyncRepository(reader.store);
  for (const id of [GRACE, LIAM, RACHEL, DANIEL, HANNAH, PRIYA]) expect(await chat.installFor(id)).toBe(200);
  const start = addDays(today(), 20);
  graceNear = await bookOn(app, (await arrangementOf(app, GRACE, LIAM)).id, await schoolDayOn(start, [1, 2, 3, 4, 5]));
  // Daniel's arrangement with Hannah keeps her preferred days (Tue/Wed).
  danielNear = await bookOn(app, (await arrangementOf(app, DANIEL, HANNAH)).id, await schoolDayOn(start, [2, 3]));
  // The first sweep subscribes to each organiser's events and reads each calendar in full once.
  const first = await app.calendarSync.sweep();
  expect(first.failed).toBe(0);
  await app.idle();
}, 120_000);

afterAll(async () => {
  await app?.idle();
  await app?.close();
  await connector?.close();
  await stack?.stop();
});

describe('the calendar delta window', () => {
  it('`@removed` for a meeting outside the window is not a cancellation: booked, accepted and moved it stays in step; cancelled it is cancelled, once', async () => {
    // Rachel's calendar is watched through a delta whose window ends in 30 days (kept: the app is told it reaches far).
    const short = await createCalendarChanges(reader.client).delta(RACHEL, undefined, addMinutes(nowInstant(), -DAY), addMinutes(nowInstant(), 30 * DAY));
    await setSync(RACHEL, { deltaLink: short.deltaLink, deltaWindowEnd: '2100-01-01T00:00:00Z' });
    const mark = connector.received.length;
    // Booked 45 days or more ahead: outside that window, so Graph reports its creation as `@removed`.
    const session = await bookOn(app, (await arrangementOf(app, RACHEL, DANIEL)).id, await schoolDayOn(addDays(today(), 45), [1, 2, 3, 4, 5]));
    expect(session.organiserMailbox.toLowerCase()).toBe(RACHEL.toLowerCase());
    const run = await app.calendarSync.sweep();
    await app.idle();
    expect(run.failed).toBe(0);
    expect(await sessionNow(session.id)).toMatchObject({ status: 'booked', start: session.start });
    expect(cardsTo(PRIYA, mark)).toEqual([]);
    expect(sweptMailbox(run, RACHEL)).toMatchObject({ changed: 0, restarted: false });
    expect(sweptMailbox(run, RACHEL)?.seen).toBeGreaterThan(0);

    // Daniel accepts (the organiser's copy changes, still outside the window): nothing changes.
    const copy = (await reader.calendarView(DANIEL, session.start, session.end)).find((e) => e.iCalUId === session.iCalUId);
    if (!copy) throw new Error("Daniel's copy of the meeting is missing");
    await reader.client.api(`/users/${DANIEL}/events/${copy.id}/accept`).post({ comment: '', sendResponse: true });
    await app.idle();
    await app.calendarSync.sweep();
    await app.idle();
    expect(await sessionNow(session.id)).toMatchObject({ status: 'booked', start: session.start });

    // Rachel moves it an hour later in Outlook: the session follows (within the working week, so no card).
    const start = addMinutes(session.start, 60);
    const end = addMinutes(session.end, 60);
    await reader.client.api(eventPath(session)).patch({ start: utcTime(start), end: utcTime(end) });
    await eventually(async () => (await sessionNow(session.id)).start === start, 'the session following its meeting');
    expect(await sessionNow(session.id)).toMatchObject({ status: 'booked', start, end });

    // Rachel cancels it in Outlook: Graph no longer has the organiser's meeting, so the session is cancelled.
    await reader.client.api(`${eventPath(session)}/cancel`).post({ comment: 'Cannot go ahead' });
    await eventually(async () => (await sessionNow(session.id)).status === 'cancelled', 'the session cancelled');
    await eventually(async () => cardsTo(PRIYA, mark).length > 0, 'a card to Priya');
    await app.calendarSync.sweep();
    await app.idle();
    expect(cardsTo(PRIYA, mark)).toEqual([expect.stringContaining('A session was cancelled in Outlook')]);
    expect((await sessionNow(session.id)).cancellation).toMatchObject({ reason: 'Cancelled in Outlook' });
  });

  it('a window running short starts a new delta; reading in full changes nothing in step and sends no card again', async () => {
    // Liam declines: he gets the times he could move to, once.
    const mark = connector.received.length;
    const copy = (await reader.calendarView(LIAM, graceNear.start, graceNear.end)).find((e) => e.iCalUId === graceNear.iCalUId);
    if (!copy) throw new Error("Liam's copy of the meeting is missing");
    await reader.client.api(`/users/${LIAM}/events/${copy.id}/decline`).post({ comment: '', sendResponse: true });
    await eventually(async () => cardsTo(LIAM, mark).length > 0, 'a card to Liam after he declined');
    await app.idle();
    expect(cardsTo(LIAM, mark)).toHaveLength(1);
    const firstWindowEnd = (await syncOf(GRACE)).deltaWindowEnd;
    expect(firstWindowEnd).toBeDefined();
    expect(instantMs(firstWindowEnd ?? '')).toBeGreaterThan(instantMs(addMinutes(nowInstant(), 399 * DAY)));

    // Time passes: the delta's window now ends in ten days (the link itself still works).
    await setSync(GRACE, { deltaWindowEnd: addMinutes(nowInstant(), 10 * DAY) });
    const run = await app.calendarSync.sweep();
    await app.idle();
    expect(run.failed).toBe(0);
    expect(sweptMailbox(run, GRACE)).toMatchObject({ restarted: true });
    expect(sweptMailbox(run, GRACE)?.seen).toBeGreaterThan(0);
    // The new delta's window is saved (its link may read the same as the last one: Graph's token names the
    // window and the changes seen, and a full read in the same second with nothing new gives the same token).
    const after = await syncOf(GRACE);
    expect(after.deltaLink).toBeDefined();
    expect(instantMs(after.deltaWindowEnd ?? '')).toBeGreaterThan(instantMs(addMinutes(nowInstant(), 399 * DAY)));
    expect(cardsTo(LIAM, mark)).toHaveLength(1);
    expect(cardsTo(PRIYA, mark)).toEqual([]);
    expect(await sessionNow(graceNear.id)).toMatchObject({ status: 'booked', start: graceNear.start, end: graceNear.end });

    // The next sweep keeps the new delta.
    const next = await app.calendarSync.sweep();
    expect(sweptMailbox(next, GRACE)).toMatchObject({ restarted: false, seen: 0 });
  });

  it('a meeting deleted while no delta watched it is found when the delta starts again, and the session cancelled once', async () => {
    const mark = connector.received.length;
    await reader.setFaults({ rules: [{ kind: 'dropNotification', target: 'request', limit: 4, holdMs: 0, rate: 1, retryAfterSeconds: 1 }] });
    const dropped = (await reader.counters()).notifications.dropped;
    try {
      await reader.client.api(`${eventPath(danielNear)}/cancel`).post({ comment: 'Cannot go ahead' });
      await eventually(async () => (await reader.counters()).notifications.dropped > dropped, 'the notification dropped');
    } finally {
      await reader.clearFaults();
    }
    // The window runs short before the next sweep: the deletion is not in the new delta's first round.
    await setSync(danielNear.organiserMailbox, { deltaWindowEnd: addMinutes(nowInstant(), 10 * DAY) });
    const run = await app.calendarSync.sweep();
    await app.idle();
    expect(sweptMailbox(run, danielNear.organiserMailbox)).toMatchObject({ restarted: true, changed: 1 });
    expect(await sessionNow(danielNear.id)).toMatchObject({ status: 'cancelled', cancellation: { reason: 'Cancelled in Outlook' } });
    await app.calendarSync.sweep();
    await app.idle();
    expect(cardsTo(PRIYA, mark)).toEqual([expect.stringContaining('A session was cancelled in Outlook')]);
  });

  // Needs a school day more than 400 days ahead in the built-in calendar (it ends in July 2028); the
  // tests above cover the same rule with a shortened window, whatever today's date.
  const lastHalfTermEnd = defaultEnglandCalendar().years.at(-1)?.halfTerms.at(-1)?.end ?? '';
  it.skipIf(addDays(today(), 420) > lastHalfTermEnd)(
    'a session booked past the window (a year ahead and more) stays booked, with no card: the delta starts again to cover it',
    async () => {
      const mark = connector.received.length;
      const wc = await workingCalendarOf(app);
      // Past the window any delta started so far could reach (now + 400 days), in the school years the calendar holds.
      const far = await bookOn(app, (await arrangementOf(app, GRACE, LIAM)).id, firstSchoolDayAfter(wc, addDays(today(), 405)));
      expect(instantMs(far.start)).toBeGreaterThan(instantMs(addMinutes(nowInstant(), 400 * DAY)));
      await app.idle(); // the sync after the 'created' notification
      const run = await app.calendarSync.sweep();
      await app.idle();
      expect(run.failed).toBe(0);
      const organiserCopy = (await reader.calendarView(GRACE, far.start, far.end)).find((e) => e.iCalUId === far.iCalUId);
      expect(organiserCopy?.isCancelled).toBe(false);
      expect(await sessionNow(far.id)).toMatchObject({ status: 'booked', start: far.start });
      expect(cardsTo(PRIYA, mark)).toEqual([]);
      // The delta now watches past the far session.
      expect(instantMs((await syncOf(GRACE)).deltaWindowEnd ?? '')).toBeGreaterThan(instantMs(far.end));
    },
  );
});
