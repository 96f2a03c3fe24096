// Cards pressed after the world changed since they were posted: pressed in a group chat, a time picked after
// the session was moved elsewhere, "I can't make it" on a session already held, an agenda card of a session
// cancelled or over. One stack; the tests run in order on Grace and Liam's session (group chat first, while
// its agenda holds one item; cancelled last).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionRepository } from '../../../src/bot/storage/session-repository.js';
import { addDays, type IsoDate } from '../../../src/shared/calendar/dates.js';
import { instantToLondon, londonToInstant, type IsoInstant } from '../../../src/shared/calendar/london-time.js';
import { isPlannableDay } from '../../../src/shared/calendar/working-calendar.js';
import { buildReminderCard } from '../../../src/shared/cards/reminder-card.js';
import type { Session } from '../../../src/shared/sessions/session.js';
import type { InvokeReply } from '../../support/bot-activities.js';
import { expectPlainCardError } from '../../support/card-errors.js';
import { cardOf, cardText, executeActionsOf, type CardJson } from '../../support/fake-connector.js';
import { graphReader, utc, type GraphReader } from '../../support/graph-reader.js';
import { bookOnNextSchoolDay, DANIEL, GRACE, LIAM, PRIYA, RACHEL, SOPHIE, startChatStack, workingCalendarOf, type ChatStack } from './bot-test-kit.js';

let running: ChatStack;
let reader: GraphReader;

function answeredCard(reply: InvokeReply): CardJson {
  expect(reply.httpStatus).toBe(200);
  expect(reply.body, reply.raw).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  return reply.body.value as CardJson;
}
async function reminderCardFor(userId: string, sessionId: string): Promise<CardJson> {
  const view = await running.stack.app.useCases.getAgenda({ caller: { id: userId, roles: [] }, sessionId });
  if (!view.ok) throw new Error(view.refusal.message);
  return JSON.parse(JSON.stringify(buildReminderCard(view.value, userId))) as CardJson;
}
function press(userId: string, card: CardJson, verb: string, inputs: Record<string, unknown> = {}, which = 0): Promise<InvokeReply> {
  const action = executeActionsOf(card).filter((a) => a.verb === verb)[which];
  if (!action) throw new Error(`no ${verb} button on the card: ${cardText(card)}`);
  return running.chat.invoke(userId, action.verb, { ...action.data, ...inputs });
}
const sessionOf = async (userId: string, sessionId: string): Promise<Session> => {
  const got = await running.stack.app.useCases.getSession({ caller: { id: userId, roles: [] }, sessionId });
  if (!got.ok) throw new Error(got.refusal.message);
  return got.value.session;
};
/** The verbs a person can still press on the card (the refresh is Teams', not theirs). */
const pressable = (card: CardJson) => executeActionsOf({ ...card, refresh: undefined }).map((a) => a.verb);

beforeAll(async () => {
  running = await startChatStack();
  reader = graphReader(running.stack.emulator);
  for (const id of [RACHEL, DANIEL, PRIYA]) expect(await running.chat.installFor(id)).toBe(200);
}, 90_000);

afterAll(async () => {
  await running?.stop();
});

describe('card actions in a group chat', () => {
  const GROUP = { id: 'group-chat-staffroom', conversationType: 'groupChat' };
  async function invokeInGroup(userId: string, verb: string, data: Record<string, unknown>): Promise<InvokeReply> {
    const res = await running.chat.post(userId, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      conversation: GROUP,
    });
    return { httpStatus: res.status, body: JSON.parse(res.text) as never, raw: res.text };
  }

  it('a party opening or adding to the agenda there gets the "personal chat" message: no agenda shown to the group, nothing added', async () => {
    const { session, chat, stack } = running;
    expect(await chat.say(LIAM, 'add Private worry about workload')).toBe(200);
    await stack.app.idle();
    for (const [verb, data] of [
      ['agenda.open', { action: 'agenda.open', sessionId: session.id }],
      ['agenda.refresh', { action: 'agenda.refresh', sessionId: session.id }],
      ['agenda.add', { action: 'agenda.add', sessionId: session.id, itemText: 'Said in the staffroom' }],
    ] as const) {
      const reply = await invokeInGroup(LIAM, verb, data);
      expect(reply.raw, `${verb}: the agenda shown in a group chat`).not.toContain('Private worry about workload');
      expect(expectPlainCardError(reply, verb)).toMatch(/personal chat/);
    }
    const agenda = await stack.app.useCases.getAgenda({ caller: { id: LIAM, roles: [] }, sessionId: session.id });
    expect(agenda.ok && agenda.value.sections.flatMap((s) => s.items.map((i) => i.text))).toEqual(['Private worry about workload']);
    // Someone who is not a party is refused there too, and sees nothing of it.
    const other = await invokeInGroup(SOPHIE, 'agenda.open', { action: 'agenda.open', sessionId: session.id });
    expect(other.raw).not.toContain('Private worry about workload');
    expectPlainCardError(other, 'a non-party in a group chat');
  });
});

describe('a time picked on an old "Pick a new time" card', () => {
  it('after the other party already moved the session in the tab: not moved again, and a plain card message says so', async () => {
    const { session, chat, connector, stack } = running;
    const reasonCard = answeredCard(await press(LIAM, await reminderCardFor(LIAM, session.id), 'reschedule.start'));
    const slotsCard = answeredCard(await press(LIAM, reasonCard, 'reschedule.reason', { reason: 'illness' }));
    const picks = executeActionsOf(slotsCard).filter((a) => a.verb === 'reschedule.pick');
    expect(picks.length).toBeGreaterThanOrEqual(2);

    // Meanwhile Grace postpones it in the tab to the first of those times.
    const first = String(picks[0]?.data.start) as IsoInstant;
    const moved = await stack.app.useCases.postponeSession({ caller: { id: GRACE, roles: [] }, sessionId: session.id, request: { start: first, reason: 'school-event' } });
    expect(moved.ok, moved.ok ? '' : moved.refusal.message).toBe(true);
    await stack.app.idle();

    // Liam, still looking at his old card, presses the last time offered.
    const mark = connector.received.length;
    const reply = await press(LIAM, slotsCard, 'reschedule.pick', {}, picks.length - 1);
    await stack.app.idle();
    expect(expectPlainCardError(reply, 'a stale pick')).toMatch(/^This session has moved to .+ since you looked, so it was not moved again\./);
    const after = await sessionOf(GRACE, session.id);
    expect(after.start, 'moved a second time from a card offered before it was moved').toBe(first);
    expect(after.postponements).toHaveLength(1);
    const from = instantToLondon(session.start).date;
    const meeting = (await reader.calendarView(GRACE, `${addDays(from, -1)}T00:00:00Z`, `${addDays(from, 21)}T00:00:00Z`)).filter((e) => e.iCalUId === session.iCalUId);
    expect(meeting.map((e) => utc(e.start))).toEqual([first]);
    // Grace gets no second "Supervision moved".
    expect(connector.since(mark, chat.conversationOf(GRACE))).toEqual([]);
    // The time Grace chose, pressed on the old card, is still answered as done (a repeat, not a refusal).
    answeredCard(await press(LIAM, slotsCard, 'reschedule.pick', {}, 0));
  });
});

describe('a session that has already taken place (last half term)', () => {
  let held: Session;
  beforeAll(async () => {
    const { chat, stack } = running;
    // Rachel and Daniel's session with an item on its agenda, then left "booked" once held, as every past
    // session is: its time moved back to a school day three weeks ago.
    const booked = await bookOnNextSchoolDay(stack.app, RACHEL, DANIEL);
    expect(await chat.say(DANIEL, 'add Caseload review')).toBe(200);
    await stack.app.idle();
    const wc = await workingCalendarOf(stack.app);
    let day: IsoDate = addDays(instantToLondon(new Date().toISOString()).date, -21);
    while (!isPlannableDay(wc, day, false)) day = addDays(day, -1);
    const sessions = createSessionRepository(reader.store);
    const stored = await sessions.get(booked.id);
    if (!stored) throw new Error('no session');
    held = (await sessions.update(stored, { ...stored.value, start: londonToInstant(day, '10:00') as IsoInstant, end: londonToInstant(day, '11:00') as IsoInstant })).value;
    await stack.app.readModel.refresh();
  });

  it('its agenda card, refreshed or opened, says so and offers no Add, Edit or Remove', async () => {
    for (const verb of ['agenda.refresh', 'agenda.open']) {
      const card = answeredCard(await running.chat.invoke(DANIEL, verb, { action: verb, sessionId: held.id }));
      expect(pressable(card), `${verb}: buttons that no longer work`).toEqual([]);
      expect(cardText(card), verb).toMatch(/has already taken place/);
      expect(cardText(card), verb).toContain('Caseload review');
    }
  });

  it('"I can\u2019t make it" on its old reminder card is refused plainly: no times, no escalation to the supervisor and the admin', async () => {
    const { chat, connector, stack } = running;
    const mark = connector.received.length;
    const started = await press(DANIEL, await reminderCardFor(DANIEL, held.id), 'reschedule.start');
    // A reason card answered before the session took place: its "Find a new time" does not escalate either.
    const reason = await chat.invoke(DANIEL, 'reschedule.reason', { action: 'reschedule.reason', sessionId: held.id, reason: 'illness' });
    await stack.app.idle();
    expect(expectPlainCardError(started, 'reschedule.start on a past session')).toMatch(/time has passed/);
    expectPlainCardError(reason, 'reschedule.reason on a past session');
    const escalations = connector.since(mark).filter((r) => cardText(cardOf(r)).includes('A postponed session needs a new time'));
    expect(escalations, 'the supervisor and the admin were told a held session needs a new time').toEqual([]);
    expect((await sessionOf(RACHEL, held.id)).postponements).toEqual([]);
  });
});

describe('an agenda card after its session was cancelled', () => {
  it('refreshed or opened: says the session is cancelled and offers no Add, Edit or Remove; Add on the old card is refused', async () => {
    const { session, chat, stack } = running;
    const cancelled = await stack.app.useCases.cancelSession({ caller: { id: GRACE, roles: [] }, sessionId: session.id, reason: 'Staff training day' });
    expect(cancelled.ok, cancelled.ok ? '' : cancelled.refusal.message).toBe(true);
    for (const verb of ['agenda.refresh', 'agenda.open']) {
      const card = answeredCard(await chat.invoke(LIAM, verb, { action: verb, sessionId: session.id }));
      expect(pressable(card), `${verb}: buttons that no longer work`).toEqual([]);
      expect(cardText(card), verb).toMatch(/This session is cancelled/);
      expect(cardText(card), `${verb}: the agenda itself is still shown`).toContain('Private worry about workload');
    }
    expectPlainCardError(await chat.invoke(LIAM, 'agenda.add', { action: 'agenda.add', sessionId: session.id, itemText: 'More' }), 'add to a cancelled session');
  });
});
