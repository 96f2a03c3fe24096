// Escalations, three-way meetings and decision records acted on out of step, on a real stack with a fake Bot
// Connector: a second supervisee of a group asking for their three-way meeting the same day, a supervisor
// with no line manager in the directory, and one decision confirmed from two places at once. Fictional
// people only (the emulator's demo school: Hannah Whitcombe supervises the group of Sophie Lindqvist, Tom
// Adeyemi and Grace Mwangi, and Hannah's manager is Daniel Okafor; Rachel Fairbrother supervises Daniel and
// has no manager in the directory; Grace Mwangi supervises Liam Doherty).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDecisionRepository } from '../../../src/bot/storage/decision-repository.js';
import { addMinutes, type IsoInstant } from '../../../src/shared/calendar/london-time.js';
import type { DecisionRecord } from '../../../src/shared/records/decision-record.js';
import { botChat, type BotChat } from '../../support/bot-activities.js';
import { lapse } from './lapse.js';
import { dashboardRow, maxGapOverdue } from '../../support/dashboard-rows.js';
import { cardOf, cardText, startFakeConnector, type FakeConnector } from '../../support/fake-connector.js';
import { graphReader, type GraphReader } from '../../support/graph-reader.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';
import { arrangementOf, DANIEL, GRACE, HANNAH, LIAM, RACHEL, SOPHIE } from '../bot/bot-test-kit.js';

const TOM = 'a1000000-0000-4000-8000-000000000006';

let stack: RunningStack;
let connector: FakeConnector;
let chat: BotChat;
let reader: GraphReader;

const nowInstant = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') as IsoInstant;
const ask = (userId: string, arrangementId: string) => chat.invoke(userId, 'escalation.requestMeeting', { action: 'escalation.requestMeeting', arrangementId });
/** The three-way meetings (supervision subject, with attendees) in this person's calendar over the next three weeks. */
const threeWayMeetingsOf = async (userId: string) =>
  (await reader.calendarView(userId, nowInstant(), addMinutes(nowInstant(), 21 * 24 * 60))).filter((e) => e.subject === 'Safeguarding supervision' && e.attendees.length >= 2);

beforeAll(async () => {
  stack = await startStack();
  connector = await startFakeConnector();
  reader = graphReader(stack.emulator);
  chat = botChat({ serverUrl: stack.serverUrl, connectorUrl: connector.url });
  for (const id of [SOPHIE, TOM, GRACE, DANIEL, RACHEL, LIAM]) expect(await chat.installFor(id)).toBe(200);
}, 60_000);

afterAll(async () => {
  await reader?.clearFaults();
  await stack?.app.idle();
  await stack?.stop();
  await connector?.close();
});

describe('a three-way meeting asked for by two supervisees of one group the same day', () => {
  it('books each of them a meeting they are invited to (not the other one’s meeting)', async () => {
    const group = await arrangementOf(stack.app, HANNAH, SOPHIE);
    expect(group.supervisees.map((s) => s.id)).toContain(TOM);
    await lapse(stack, reader, group);
    const sophie = await ask(SOPHIE, group.id);
    expect(sophie.body, sophie.raw).toMatchObject({ statusCode: 200 });
    expect(await threeWayMeetingsOf(SOPHIE)).toHaveLength(1);

    const tom = await ask(TOM, group.id);
    expect(tom.body, tom.raw).toMatchObject({ statusCode: 200 });
    // Tom is told "A meeting … is booked … The Outlook invitation is in your calendar": it must be.
    expect(cardText(tom.body.value)).toMatch(/Three-way meeting booked/);
    expect(await threeWayMeetingsOf(TOM), 'a three-way meeting in Tom’s calendar').toHaveLength(1);
  });
});

describe('an escalation for a supervisor with no line manager in the directory', () => {
  it('does not tell the supervisee that the line manager has been told', async () => {
    // Rachel Fairbrother (the principal) supervises Daniel Okafor and has no manager in the directory.
    const a = await arrangementOf(stack.app, RACHEL, DANIEL);
    const row = dashboardRow([maxGapOverdue(a.id)], { superviseeId: DANIEL, superviseeName: 'Daniel Okafor', supervisorId: RACHEL, supervisorName: 'Rachel Fairbrother' });
    const from = connector.received.length;
    await stack.app.useCases.escalateOverdue({ rows: [row], claimant: 'no-manager' });
    const toDaniel = connector
      .since(from)
      .filter((r) => r.method === 'POST' && r.conversationId === chat.conversationOf(DANIEL))
      .map((r) => cardText(cardOf(r)));
    expect(toDaniel).toEqual([expect.stringContaining('Your supervision is overdue')]);
    expect(toDaniel[0]).not.toMatch(/line manager have been told/);
  });
});

describe('one decision confirmed from two places at once', () => {
  it('answers both with the confirmed decision, never "Something went wrong"', async () => {
    const a = await arrangementOf(stack.app, GRACE, LIAM);
    const decision: DecisionRecord = {
      id: 'decision-confirmed-twice',
      sessionId: 'session-of-the-decision',
      arrangementId: a.id,
      decidedById: GRACE,
      decidedAt: addMinutes(nowInstant(), -20 * 60),
      childReference: 'Q.R.',
      concerns: 'Fictional concerns.',
      actions: [{ text: 'A fictional action', timescale: 'This week' }],
      referredToManager: false,
      chronologyEntry: true,
      caseSystem: 'CPOMS',
    };
    await createDecisionRepository(reader.store).create(decision);
    // Every Microsoft 365 request a little slow, so both confirmations read the decision before either writes.
    await reader.setFaults({ latencyMs: 300, rules: [] });
    const confirm = (userId: string, reference: string) => chat.invoke(userId, 'decision.confirm', { action: 'decision.confirm', decisionId: decision.id, reference });
    // Grace on her laptop and on her phone (the second with the reference she corrected).
    const answers = await Promise.all([confirm(GRACE, 'CP-7001'), confirm(GRACE, 'CP-7002')]);
    await reader.clearFaults();
    for (const answer of answers) {
      expect(answer.body, answer.raw).toMatchObject({ statusCode: 200 });
      expect(cardText(answer.body.value)).toMatch(/Decision entered on CPOMS/);
    }
    const stored = await createDecisionRepository(reader.store).get(decision.id);
    expect(stored?.value.enteredOnCaseSystem?.reference).toMatch(/^CP-700[12]$/);
  });
});
