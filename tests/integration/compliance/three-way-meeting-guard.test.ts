// Who may ask for a three-way meeting (seed 000 "Entitlement", seed 003 §F): only a supervisee of an active
// arrangement who is not supervised as often as their role requires, as the dashboard (and so the escalation)
// says. Anyone else who sends the card's action, e.g. a supervisee who forges it with their own arrangement
// id, is refused in plain words on the card, nothing is booked in Outlook, and the refusal is audited. On a
// real stack with a fake Bot Connector. Fictional people only (the emulator's demo school: Grace Mwangi
// supervises Liam Doherty; Daniel Okafor supervises Hannah Whitcombe and Marcus Bell; Daniel's manager is
// Rachel Fairbrother).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntriesOf } from '../../support/audit-log.js';
import { botChat, type BotChat } from '../../support/bot-activities.js';
import { lapse } from './lapse.js';
import { cardText, startFakeConnector, type FakeConnector } from '../../support/fake-connector.js';
import { graphReader, type GraphReader } from '../../support/graph-reader.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';
import { ADMIN, arrangementOf, DANIEL, GRACE, HANNAH, LIAM, MARCUS } from '../bot/bot-test-kit.js';

let stack: RunningStack;
let connector: FakeConnector;
let chat: BotChat;
let reader: GraphReader;

const ask = (userId: string, arrangementId: string) => chat.invoke(userId, 'escalation.requestMeeting', { action: 'escalation.requestMeeting', arrangementId });
/** Every event in every mailbox of the tenant (the three-way meeting would be one in three calendars). */
const eventCount = async () => (await reader.emulatorEvents()).length;

beforeAll(async () => {
  stack = await startStack();
  connector = await startFakeConnector();
  reader = graphReader(stack.emulator);
  chat = botChat({ serverUrl: stack.serverUrl, connectorUrl: connector.url });
  for (const id of [LIAM, MARCUS, HANNAH]) expect(await chat.installFor(id)).toBe(200);
}, 60_000);

afterAll(async () => {
  await stack?.app.idle();
  await stack?.stop();
  await connector?.close();
});

describe('asking for a three-way meeting', () => {
  it('refuses a supervisee whose supervision is not overdue (a forged card action): nothing booked, the refusal audited', async () => {
    const a = await arrangementOf(stack.app, GRACE, LIAM);
    // A fresh arrangement: Liam is on track, so the dashboard has no lapse to escalate for him.
    const before = await eventCount();
    const answer = await ask(LIAM, a.id);
    expect(answer.body, answer.raw).toMatchObject({
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'not_overdue', message: expect.stringMatching(/not overdue/) },
    });
    expect(await eventCount()).toBe(before);
    expect(await auditEntriesOf(reader.store, LIAM)).toContainEqual(
      expect.objectContaining({ action: 'escalation.meeting', targetId: a.id, outcome: 'refused', detail: 'not_overdue' }),
    );
  });

  it('refuses a meeting on an ended arrangement, even one whose supervision had lapsed: nothing booked, the refusal audited', async () => {
    const a = await arrangementOf(stack.app, DANIEL, MARCUS);
    await lapse(stack, reader, a);
    const ended = await stack.app.useCases.updateArrangement({ caller: ADMIN, arrangementId: a.id, changes: { status: 'ended' } });
    expect(ended.ok).toBe(true);
    const before = await eventCount();
    const answer = await ask(MARCUS, a.id);
    expect(answer.body, answer.raw).toMatchObject({
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'arrangement_ended', message: expect.stringMatching(/has ended/) },
    });
    expect(await eventCount()).toBe(before);
    expect(await auditEntriesOf(reader.store, MARCUS)).toContainEqual(
      expect.objectContaining({ action: 'escalation.meeting', targetId: a.id, outcome: 'refused', detail: 'arrangement_ended' }),
    );
  });

  it('books it for a supervisee of an active arrangement whose supervision is overdue', async () => {
    const a = await arrangementOf(stack.app, DANIEL, HANNAH);
    await lapse(stack, reader, a);
    const dashboard = await stack.app.useCases.getComplianceDashboard({ caller: ADMIN });
    expect(dashboard.ok && dashboard.value.rows.find((r) => r.superviseeId === HANNAH)?.status).toBe('overdue');
    const before = await eventCount();
    const answer = await ask(HANNAH, a.id);
    expect(answer.body, answer.raw).toMatchObject({ statusCode: 200 });
    expect(cardText(answer.body.value)).toMatch(/Three-way meeting booked/);
    expect(await eventCount()).toBeGreaterThan(before);
    expect(await auditEntriesOf(reader.store, HANNAH)).toContainEqual(
      expect.objectContaining({ action: 'escalation.meeting', targetId: a.id, outcome: 'done', detail: expect.stringMatching(/^booked /) }),
    );
  });
});
