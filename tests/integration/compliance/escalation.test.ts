// Escalation when supervision lapses (seed 000 "Entitlement", seed 003 §F), on a real stack with a fake Bot
// Connector: the supervisor and the supervisor's line manager (from the directory) get a card once, the
// supervisee gets one offering a three-way meeting, and asking for it books an Outlook meeting that appears
// in all three calendars. Fictional people only (the emulator's demo school: Grace Mwangi supervises Liam
// Doherty; Grace's manager is Daniel Okafor).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionTimeText } from '../../../src/shared/agenda/agenda.js';
import type { DashboardRow } from '../../../src/shared/compliance/dashboard.js';
import { createArrangementRepository } from '../../../src/bot/storage/arrangement-repository.js';
import { addMonths } from '../../../src/shared/calendar/dates.js';
import { addMinutes, instantToLondon, type IsoInstant } from '../../../src/shared/calendar/london-time.js';
import { botChat, type BotChat } from '../../support/bot-activities.js';
import { dashboardRow, maxGapOverdue } from '../../support/dashboard-rows.js';
import { cardOf, cardText, executeActionsOf, startFakeConnector, type FakeConnector } from '../../support/fake-connector.js';
import { graphReader, type GraphReader } from '../../support/graph-reader.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';
import { arrangementOf, DANIEL, GRACE, LIAM } from '../bot/bot-test-kit.js';

let stack: RunningStack;
let connector: FakeConnector;
let chat: BotChat;
let reader: GraphReader;
let row: DashboardRow;

beforeAll(async () => {
  stack = await startStack();
  connector = await startFakeConnector();
  reader = graphReader(stack.emulator);
  chat = botChat({ serverUrl: stack.serverUrl, connectorUrl: connector.url });
  for (const id of [GRACE, DANIEL, LIAM]) expect(await chat.installFor(id)).toBe(200);
  const a = await arrangementOf(stack.app, GRACE, LIAM);
  row = dashboardRow([maxGapOverdue(a.id)], { superviseeId: LIAM, supervisorId: GRACE });
}, 60_000);

afterAll(async () => {
  await stack?.app.idle();
  await stack?.stop();
  await connector?.close();
});

describe('escalation of overdue supervision', () => {
  let offer: ReturnType<typeof executeActionsOf>[number] | undefined;

  it('tells the supervisor and their line manager once, and offers the supervisee a three-way meeting', async () => {
    const from = connector.received.length;
    expect(await stack.app.useCases.escalateOverdue({ rows: [row], claimant: 'test' })).toEqual({ escalated: 1, failed: 0 });
    expect(await stack.app.useCases.escalateOverdue({ rows: [row], claimant: 'test-again' })).toEqual({ escalated: 0, failed: 0 });
    const posted = connector.since(from).filter((r) => r.method === 'POST');
    const to = (id: string) => posted.filter((r) => r.conversationId === chat.conversationOf(id)).map((r) => cardText(cardOf(r)));
    expect(to(GRACE)).toEqual([expect.stringContaining('Supervision is overdue')]);
    expect(to(DANIEL)).toEqual([expect.stringContaining('Liam Doherty has not had supervision')]);
    expect(to(LIAM)).toEqual([expect.stringContaining('Your supervision is overdue')]);
    const liamCard = posted.find((r) => r.conversationId === chat.conversationOf(LIAM));
    offer = executeActionsOf(cardOf(liamCard as (typeof posted)[number])).find((x) => x.verb === 'escalation.requestMeeting');
    expect(offer?.data).toEqual({ action: 'escalation.requestMeeting', arrangementId: row.arrangementId });
  });

  it('refuses the meeting to anyone but the supervisee, and refuses malformed data', async () => {
    const forged = await chat.invoke(DANIEL, 'escalation.requestMeeting', offer?.data);
    expect(forged.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'forbidden' } });
    const malformed = await chat.invoke(LIAM, 'escalation.requestMeeting', { action: 'escalation.requestMeeting' });
    expect(malformed.body).toMatchObject({ statusCode: 400, value: { message: expect.stringMatching(/did not send the supervision arrangement/) } });
  });

  it('books the three-way meeting the supervisee asks for: it appears in all three calendars', async () => {
    // Only a supervisee who is truly overdue may ask: Liam's arrangement began six months ago and nothing has
    // been held since (written behind the app's back, then the read model catches up).
    const arrangements = createArrangementRepository(reader.store);
    const stored = await arrangements.get(row.arrangementId);
    if (!stored) throw new Error('no arrangement for Grace and Liam');
    await arrangements.update(stored, { ...stored.value, startDate: addMonths(instantToLondon(new Date().toISOString()).date, -6) });
    await stack.app.readModel.refresh();
    const answer = await chat.invoke(LIAM, 'escalation.requestMeeting', offer?.data);
    expect(answer.body, answer.raw).toMatchObject({ statusCode: 200 });
    expect(cardText(answer.body.value)).toMatch(/Three-way meeting booked/);
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') as IsoInstant;
    const until = addMinutes(now, 21 * 24 * 60);
    for (const id of [GRACE, LIAM, DANIEL]) {
      const events = (await reader.calendarView(id, now, until)).filter((e) => e.subject === 'Safeguarding supervision' && e.attendees.length >= 2);
      expect(events.length, `a meeting in ${id}'s calendar`).toBeGreaterThanOrEqual(1);
    }
    // Asking again the same day books nothing new, and answers with the one meeting's time (the first
    // meeting now fills the slot the first search found, so a second search finds another).
    const again = await chat.invoke(LIAM, 'escalation.requestMeeting', offer?.data);
    const organiser = (await reader.calendarView(GRACE, now, until)).filter((e) => e.isOrganizer && e.attendees.length === 2);
    expect(organiser).toHaveLength(1);
    const booked = sessionTimeText(`${organiser[0]?.start.dateTime.slice(0, 19)}Z`);
    expect(again.body, again.raw).toMatchObject({ statusCode: 200 });
    for (const card of [answer.body.value, again.body.value]) expect(cardText(card)).toContain(booked);
  });

  it('sends the DSL one weekly digest of the figures, with no case detail (once they can be reached)', async () => {
    // The app removed from Daniel's chat (403): no digest this run, nor while he cannot be reached.
    connector.refuse(chat.conversationOf(DANIEL));
    expect(await stack.app.useCases.sendWeeklyDigest({ rows: [row], claimant: 'run-1' })).toEqual({ sent: 0 });
    connector.refuse(chat.conversationOf(DANIEL), false);
    expect(await stack.app.useCases.sendWeeklyDigest({ rows: [row], claimant: 'run-2' })).toEqual({ sent: 0 });
    // Installed again: this week's digest reaches him, once.
    expect(await chat.installFor(DANIEL)).toBe(200);
    const from = connector.received.length;
    expect(await stack.app.useCases.sendWeeklyDigest({ rows: [row], claimant: 'run-3' })).toEqual({ sent: 1 });
    expect(await stack.app.useCases.sendWeeklyDigest({ rows: [row], claimant: 'run-4' })).toEqual({ sent: 0 });
    const digests = connector.since(from).filter((r) => r.method === 'POST');
    expect(digests.map((r) => r.conversationId)).toEqual([chat.conversationOf(DANIEL)]);
    const text = cardText(cardOf(digests[0] as (typeof digests)[number]));
    expect(text).toMatch(/Overdue.*1 supervisee/);
    expect(text).not.toContain('Liam');
  });

  it('the scheduled job runs both from the compliance read model, and repeats nothing', async () => {
    const first = await stack.app.useCases.runComplianceJob();
    // This week's digest has gone already; Liam's real lapse (his arrangement began six months ago) is escalated, once.
    expect(first).toMatchObject({ escalationsFailed: 0, digests: 0 });
    expect(first.escalated).toBeGreaterThanOrEqual(1);
    expect(await stack.app.useCases.runComplianceJob()).toEqual({ escalated: 0, escalationsFailed: 0, digests: 0 });
  });
});

describe('an escalation whose sending fails', () => {
  afterAll(() => reader.clearFaults());

  it('is counted without stopping the others, and sent by the next run once Microsoft 365 answers again', async () => {
    // Two new lapses: Daniel's (as if he supervised Liam) fails while his manager cannot be read, Grace's does not.
    const lapse = (dueBy: string, supervisorId: string, supervisorName: string): DashboardRow => ({
      ...row,
      supervisorId,
      supervisorName,
      findings: row.findings.map((f) => ({ ...f, dueBy })),
    });
    const failing = lapse('2026-12-01', DANIEL, 'Daniel Okafor');
    const healthy = lapse('2026-12-02', GRACE, 'Grace Mwangi');
    const from = connector.received.length;
    await reader.setFaults({
      rules: [{ kind: 'unavailable', target: 'request', method: 'GET', path: `/users/${DANIEL}/manager$`, rate: 1, times: 100, retryAfterSeconds: 0.01, limit: 4, holdMs: 0 }],
    });
    expect(await stack.app.useCases.escalateOverdue({ rows: [failing, healthy], claimant: 'run-1' })).toEqual({ escalated: 1, failed: 1 });
    const first = connector.since(from).filter((r) => r.method === 'POST');
    expect(first.map((r) => r.conversationId).sort()).toEqual([GRACE, DANIEL, LIAM].map((id) => chat.conversationOf(id)).sort());

    await reader.clearFaults();
    const next = connector.received.length;
    expect(await stack.app.useCases.escalateOverdue({ rows: [failing, healthy], claimant: 'run-2' })).toEqual({ escalated: 1, failed: 0 });
    expect(await stack.app.useCases.escalateOverdue({ rows: [failing, healthy], claimant: 'run-3' })).toEqual({ escalated: 0, failed: 0 });
    const second = connector.since(next).filter((r) => r.method === 'POST');
    const to = (id: string) => second.filter((r) => r.conversationId === chat.conversationOf(id)).map((r) => cardText(cardOf(r)));
    expect(to(DANIEL)).toEqual([expect.stringContaining('Supervision is overdue')]);
    expect(to(LIAM)).toEqual([expect.stringContaining('Your supervision is overdue')]);
  });
});
