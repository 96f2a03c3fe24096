// "I can't make it" from the reminder card, through the bot's card actions: the reason card, the times
// offered (within one working week, skipping the weekend and the Early May bank holiday, when everyone is
// free in Outlook), the meeting moved for everyone, the other party told; and, when nobody is free all
// week, the no-slot answer with the supervisor and the safeguarding admin told instead.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Arrangement } from '../../../src/shared/arrangements/arrangement.js';
import { buildReminderCard } from '../../../src/shared/cards/reminder-card.js';
import { formatLondonDateTime } from '../../../src/shared/calendar/london-format.js';
import { addMinutes, instantToLondon } from '../../../src/shared/calendar/london-time.js';
import type { Session } from '../../../src/shared/sessions/session.js';
import { botChat, type BotChat, type InvokeReply } from '../../support/bot-activities.js';
import { cardOf, cardText, executeActionsOf, startFakeConnector, type CardJson, type FakeConnector } from '../../support/fake-connector.js';
import { graphReader, utc, type GraphReader } from '../../support/graph-reader.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';
import { overlaps } from '../booking/booking-helpers.js';
import { arrangementOf, bookOn, DANIEL, GRACE, LIAM, PRIYA, RACHEL } from './bot-test-kit.js';

const SESSION_DAY = '2027-04-30'; // a Friday; Monday 3 May 2027 is the Early May bank holiday
// "Within one working week": up to and including the 5th working day after the original (docs/rules.md). Monday
// 3 May is not counted, so the 5th working day is Monday 10 May (4, 5, 6, 7, 10 May), not Friday 7 May.
const DEADLINE = '2027-05-10';
const DEADLINE_TEXT = 'Mon 10 May 2027';
const NOT_ON = ['2027-05-01', '2027-05-02', '2027-05-03'];
const WEEK_FROM = '2027-04-29T00:00:00Z';
const WEEK_TO = '2027-05-11T00:00:00Z';

let stack: RunningStack;
let connector: FakeConnector;
let chat: BotChat;
let reader: GraphReader;
let moved: { arrangement: Arrangement; session: Session };
let stuck: { arrangement: Arrangement; session: Session };

/** The card an invoke answered with (failing with the error it answered otherwise). */
function answeredCard(reply: InvokeReply): CardJson {
  expect(reply.httpStatus).toBe(200);
  expect(reply.body, reply.raw).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  return reply.body.value as CardJson;
}
/** The reminder card as the reminder job would post it to `userId` (the same builder), as JSON. */
async function reminderCardFor(userId: string, sessionId: string): Promise<CardJson> {
  const view = await stack.app.useCases.getAgenda({ caller: { id: userId, roles: [] }, sessionId });
  if (!view.ok) throw new Error(view.refusal.message);
  return JSON.parse(JSON.stringify(buildReminderCard(view.value, userId))) as CardJson;
}
/** Presses the Action.Execute with this verb on `card`, with the card's inputs filled in as given. */
function press(userId: string, card: CardJson, verb: string, inputs: Record<string, unknown> = {}, which = 0): Promise<InvokeReply> {
  const action = executeActionsOf(card).filter((a) => a.verb === verb)[which];
  if (!action) throw new Error(`no ${verb} button on the card: ${cardText(card)}`);
  return chat.invoke(userId, action.verb, { ...action.data, ...inputs });
}
const eventsOf = async (userId: string, iCalUId: string) => (await reader.calendarView(userId, WEEK_FROM, WEEK_TO)).filter((e) => e.iCalUId === iCalUId);

beforeAll(async () => {
  stack = await startStack();
  connector = await startFakeConnector();
  chat = botChat({ serverUrl: stack.serverUrl, connectorUrl: connector.url });
  reader = graphReader(stack.emulator);
  const graceLiam = await arrangementOf(stack.app, GRACE, LIAM);
  moved = { arrangement: graceLiam, session: await bookOn(stack.app, graceLiam.id, SESSION_DAY) };
  const rachelDaniel = await arrangementOf(stack.app, RACHEL, DANIEL);
  stuck = { arrangement: rachelDaniel, session: await bookOn(stack.app, rachelDaniel.id, SESSION_DAY) };
  for (const id of [GRACE, LIAM, RACHEL, DANIEL, PRIYA]) expect(await chat.installFor(id)).toBe(200);
}, 60_000);

afterAll(async () => {
  await stack?.app.idle();
  await connector?.close();
  await stack?.stop();
});

describe('rescheduling from the reminder card', () => {
  it('offers only times within the working week, never on 1\u20133 May, when every participant is free; picking one moves the meeting for everyone', async () => {
    const { session, arrangement } = moved;
    expect(instantToLondon(session.start).date).toBe(SESSION_DAY);

    // "I can't make it" on Liam's reminder card: the reason card.
    const reasonCard = answeredCard(await press(LIAM, await reminderCardFor(LIAM, session.id), 'reschedule.start'));
    expect(cardText(reasonCard)).toContain('Postpone your session');
    expect(cardText(reasonCard)).toContain(formatLondonDateTime(session.start));

    // The reason: the times everyone is free, by the deadline.
    const slotsCard = answeredCard(await press(LIAM, reasonCard, 'reschedule.reason', { reason: 'illness' }));
    expect(cardText(slotsCard)).toContain('Pick a new time');
    expect(cardText(slotsCard)).toContain(DEADLINE_TEXT);
    const picks = executeActionsOf(slotsCard).filter((a) => a.verb === 'reschedule.pick');
    expect(picks.length).toBeGreaterThan(0);
    const slots = picks.map((p) => ({ start: String(p.data.start), end: addMinutes(String(p.data.start), arrangement.durationMinutes) }));
    const busy = new Map<string, { start: string; end: string }[]>();
    for (const p of [GRACE, LIAM])
      busy.set(
        p,
        (await reader.calendarView(p, WEEK_FROM, WEEK_TO)).filter((e) => e.iCalUId !== session.iCalUId && !e.isCancelled).map((e) => ({ start: utc(e.start), end: utc(e.end) })),
      );
    for (const [i, slot] of slots.entries()) {
      const date = instantToLondon(slot.start).date;
      expect(date >= SESSION_DAY && date <= DEADLINE, `${slot.start} within ${SESSION_DAY}..${DEADLINE}`).toBe(true);
      expect(NOT_ON).not.toContain(date);
      expect(slot.start).not.toBe(session.start);
      expect(picks[i]?.data).toMatchObject({ action: 'reschedule.pick', sessionId: session.id, reason: 'illness' });
      for (const [p, list] of busy) for (const b of list) expect(overlaps(slot, b), `${slot.start} clashes with ${p}'s ${b.start}`).toBe(false);
    }

    // Picking the first time.
    const mark = connector.received.length;
    const noticeCard = answeredCard(await press(LIAM, slotsCard, 'reschedule.pick'));
    const to = slots[0] as { start: string; end: string };
    expect(cardText(noticeCard)).toContain('Supervision moved');
    expect(cardText(noticeCard)).toContain(`Now: ${formatLondonDateTime(to.start)}`);

    // Outlook: the organiser's meeting (Grace's) and Liam's copy, once each, at the new time.
    const organiser = await eventsOf(GRACE, session.iCalUId);
    expect(organiser.map((e) => [e.id, e.isOrganizer, e.isCancelled, utc(e.start), utc(e.end)])).toEqual([[session.eventId, true, false, to.start, to.end]]);
    const copy = await eventsOf(LIAM, session.iCalUId);
    expect(copy.map((e) => [e.isOrganizer, e.isCancelled, utc(e.start), utc(e.end)])).toEqual([[false, false, to.start, to.end]]);

    // The session records the postponement.
    const after = await stack.app.useCases.getSession({ caller: { id: GRACE, roles: [] }, sessionId: session.id });
    expect(after.ok && after.value.session).toMatchObject({
      status: 'booked',
      start: to.start,
      end: to.end,
      postponements: [{ fromStart: session.start, fromEnd: session.end, toStart: to.start, toEnd: to.end, reason: 'illness', byId: LIAM }],
    });

    // Grace (the other party) got a card saying so; Liam got none (his card was the answer).
    await connector.waitFor((all) => all.slice(mark).some((r) => r.conversationId === chat.conversationOf(GRACE)), "Grace's notice");
    const told = connector.since(mark).map((r) => ({ to: r.conversationId, method: r.method, text: cardText(cardOf(r)) }));
    expect(told.map((t) => [t.to, t.method])).toEqual([[chat.conversationOf(GRACE), 'POST']]);
    expect(told[0]?.text).toContain('Supervision moved');
    expect(told[0]?.text).toContain(`Was: ${formatLondonDateTime(session.start)}`);
    expect(told[0]?.text).toContain(`Now: ${formatLondonDateTime(to.start)}`);
    expect(told[0]?.text).toContain('Moved by: Liam Doherty');

    // The same time picked again (a second press, or Teams repeating the action): the same answer, nothing more.
    await stack.app.idle();
    const markAgain = connector.received.length;
    const again = answeredCard(await press(LIAM, slotsCard, 'reschedule.pick'));
    expect(cardText(again)).toContain(`Was: ${formatLondonDateTime(session.start)}`);
    expect(cardText(again)).toContain(`Now: ${formatLondonDateTime(to.start)}`);
    const still = await stack.app.useCases.getSession({ caller: { id: GRACE, roles: [] }, sessionId: session.id });
    expect(still.ok && still.value.session.postponements).toHaveLength(1);
    expect((await eventsOf(GRACE, session.iCalUId)).map((e) => [utc(e.start), utc(e.end)])).toEqual([[to.start, to.end]]);
    await stack.app.idle();
    expect(connector.since(markAgain)).toEqual([]);
  });

  it('when every participant is busy all week, answers the no-slot card and tells the supervisor and the admin', async () => {
    const { session } = stuck;
    for (const p of [RACHEL, DANIEL]) await reader.addBusy(p, WEEK_FROM, WEEK_TO, 'Exam board week');
    const reasonCard = answeredCard(await press(DANIEL, await reminderCardFor(DANIEL, session.id), 'reschedule.start'));
    const mark = connector.received.length;
    const noSlot = answeredCard(await press(DANIEL, reasonCard, 'reschedule.reason', { reason: 'school-event' }));
    expect(cardText(noSlot)).toContain('No new time found');
    expect(cardText(noSlot)).toContain(DEADLINE_TEXT);
    expect(executeActionsOf(noSlot)).toEqual([]);

    await connector.waitFor((all) => all.slice(mark).length >= 2, 'the escalation cards');
    const told = connector.since(mark).map((r) => ({ to: r.conversationId, text: cardText(cardOf(r)) }));
    expect(told.map((t) => t.to).sort()).toEqual([chat.conversationOf(RACHEL), chat.conversationOf(PRIYA)].sort());
    for (const t of told) {
      expect(t.text).toContain('A postponed session needs a new time');
      expect(t.text).toContain(`Original time: ${formatLondonDateTime(session.start)}`);
      expect(t.text).toContain(`Re-hold by: ${DEADLINE_TEXT}`);
      expect(t.text).toContain('Rachel Fairbrother and Daniel Okafor');
    }
    // Pressed again (or repeated by Teams): the same answer, and nobody is told twice.
    const markAgain = connector.received.length;
    expect(cardText(answeredCard(await press(DANIEL, reasonCard, 'reschedule.reason', { reason: 'school-event' })))).toContain('No new time found');
    await stack.app.idle();
    expect(connector.since(markAgain)).toEqual([]);
    // Nothing moved.
    const still = await stack.app.useCases.getSession({ caller: { id: DANIEL, roles: [] }, sessionId: session.id });
    expect(still.ok && still.value.session).toMatchObject({ start: session.start, postponements: [] });
  });
});
