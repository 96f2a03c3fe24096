// Card actions the bot must refuse: a forged or foreign session, data that does not match the button,
// values of the wrong type, text that is too long, no identity. Each gets Teams' card error with a plain
// message (never a 5xx, never an empty body), changes nothing, and leaves a 'refused' audit entry. And
// the happy path: an item added from chat updates the agenda card already posted to the other party.

import { expectPlainCardError } from '../../support/card-errors.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordStorePort, StoredItem } from '../../../src/bot/graph/record-store.js';
import type { Session } from '../../../src/shared/sessions/session.js';
import type { BotChat } from '../../support/bot-activities.js';
import { cardOf, cardText, type FakeConnector } from '../../support/fake-connector.js';
import type { RunningStack } from '../../support/start-stack.js';
import { instantToLondon } from '../../../src/shared/calendar/london-time.js';
import { arrangementOf, bookOn, DANIEL, firstSchoolDayAfter, GRACE, HANNAH, LIAM, MARCUS, SOPHIE, startChatStack, workingCalendarOf, type ChatStack } from './bot-test-kit.js';

const ITEM = 'Workload since September';
const FORGED = 'forged-session-0001';

let stack: RunningStack;
let store: RecordStorePort;
let connector: FakeConnector;
let chat: BotChat;
let session: Session;

interface AuditEntry {
  id: string;
  action: string;
  actorId: string;
  targetId: string;
  outcome: string;
  detail: string | null;
}
const auditEntry = (i: StoredItem): AuditEntry => ({
  id: i.id,
  action: String(i.fields.Action),
  actorId: String(i.fields.ActorId),
  targetId: String(i.fields.TargetId),
  outcome: String(i.fields.Outcome),
  detail: (i.fields.Detail as string | null | undefined) ?? null,
});
const auditLog = async () => (await store.query('AuditLog', {})).map(auditEntry);
/** Every agenda item in the list, as stored (any change to any of them shows). */
const agendaItems = async () => (await store.query('AgendaItems', {})).map((i) => `${i.id} ${String(i.fields.ValueJson)}`).sort();
const sessionNow = async () => (await store.query('Sessions', {})).map((i) => JSON.parse(String(i.fields.ValueJson)) as Session).find((s) => s.id === session.id);

interface RefusedCase {
  name: string;
  who: string;
  verb: unknown;
  data: unknown;
  /** The audit entry it must leave. */
  audit: { action: string; detail: string; targetId?: string };
  message?: RegExp;
  /** Submitted content the message must not repeat. */
  secret?: string;
}

const longText = 'Discussion of workload and wellbeing. '.repeat(14).slice(0, 501); // 501 characters
const longNote = 'n'.repeat(201);

/** Sends the action and checks: a card error with a plain message, nothing changed, one refused audit entry. */
async function expectRefused(c: RefusedCase): Promise<void> {
  const itemsBefore = await agendaItems();
  const sessionBefore = await sessionNow();
  const auditBefore = new Set((await auditLog()).map((e) => e.id));
  const posted = connector.received.length;

  const reply = await chat.invoke(c.who, c.verb, c.data);
  const message = expectPlainCardError(reply, c.name);
  if (c.secret) expect(message, c.name).not.toContain(c.secret);
  if (c.message) expect(message, c.name).toMatch(c.message);

  expect(await agendaItems(), `${c.name}: agenda unchanged`).toEqual(itemsBefore);
  expect(await sessionNow(), `${c.name}: session unchanged`).toEqual(sessionBefore);
  expect(connector.received.slice(posted), `${c.name}: no card posted or updated`).toEqual([]);
  const added = (await auditLog()).filter((e) => !auditBefore.has(e.id));
  expect(
    added.map(({ action, actorId, outcome, detail, targetId }) => ({ action, actorId, outcome, detail, targetId })),
    `${c.name}: one refused audit entry`,
  ).toEqual([{ action: c.audit.action, actorId: c.who, outcome: 'refused', detail: c.audit.detail, targetId: c.audit.targetId ?? '-' }]);
}

let running: ChatStack | undefined;
beforeAll(async () => {
  // Grace supervises Liam (his only arrangement): their session on the next school day.
  running = await startChatStack();
  ({ stack, connector, chat, session } = running);
  store = stack.app.store as RecordStorePort;
}, 60_000);

afterAll(async () => {
  await running?.stop();
});

describe('agenda from chat', () => {
  it('"add Workload since September" from Liam adds item 1, and the agenda card posted to Grace earlier is updated in place', async () => {
    const grace = chat.conversationOf(GRACE);
    const liam = chat.conversationOf(LIAM);
    let mark = connector.received.length;
    expect(await chat.say(GRACE, 'agenda')).toBe(200);
    await connector.waitFor((all) => all.slice(mark).some((r) => r.conversationId === grace && r.method === 'POST'), "Grace's agenda card");
    const agendaCard = connector.since(mark, grace)[0];
    expect(agendaCard?.method).toBe('POST');
    expect(cardText(cardOf(agendaCard as NonNullable<typeof agendaCard>))).not.toContain(ITEM);

    mark = connector.received.length;
    expect(await chat.say(LIAM, `add ${ITEM}`)).toBe(200);
    await connector.waitFor(
      (all) => all.slice(mark).some((r) => r.conversationId === grace && r.method === 'PUT') && all.slice(mark).some((r) => r.conversationId === liam),
      "the agenda card update and Liam's reply",
    );
    const updates = connector.since(mark, grace);
    expect(updates.map((u) => [u.method, u.activityId])).toEqual([['PUT', agendaCard?.activityId]]);
    expect(JSON.stringify(cardOf(updates[0] as NonNullable<(typeof updates)[number]>))).toContain(ITEM);
    const reply = connector.since(mark, liam);
    expect(reply.map((r) => r.method)).toEqual(['POST']);
    expect(cardText(cardOf(reply[0] as NonNullable<(typeof reply)[number]>))).toMatch(/Added to the agenda[\s\S]*Item 1 on the agenda/);

    const agenda = await stack.app.useCases.getAgenda({ caller: { id: GRACE, roles: [] }, sessionId: session.id });
    expect(agenda.ok && agenda.value.sections.flatMap((s) => s.items).map((i) => [i.text, i.addedById])).toEqual([[ITEM, LIAM]]);
    expect((await auditLog()).filter((e) => e.action === 'agenda.add').map((e) => [e.actorId, e.outcome, e.targetId])).toEqual([[LIAM, 'done', session.id]]);
  });
});

describe('a group chat', () => {
  it('after an @mention the bot answers help there, but keeps agendas to the personal chat (nothing added from there)', async () => {
    const group = { id: 'group-chat-staffroom', conversationType: 'groupChat' };
    const before = (await stack.app.useCases.getAgenda({ caller: { id: LIAM, roles: [] }, sessionId: session.id })) as { ok: true; value: { sections: { items: unknown[] }[] } };
    let mark = connector.received.length;
    expect((await chat.post(LIAM, { type: 'message', text: '<at>Safeguarding Supervision</at> agenda', conversation: group })).status).toBe(200);
    await connector.waitFor((all) => all.slice(mark).some((r) => r.conversationId === group.id), 'the reply in the group chat');
    const reply = connector.since(mark);
    expect(reply.map((r) => r.conversationId)).toEqual([group.id]);
    expect(cardText(cardOf(reply[0] as NonNullable<(typeof reply)[number]>))).toMatch(/Private chat only[\s\S]*personal chat/);

    mark = connector.received.length;
    expect((await chat.post(LIAM, { type: 'message', text: '<at>Safeguarding Supervision</at> add Something private', conversation: group })).status).toBe(200);
    await connector.waitFor((all) => all.slice(mark).some((r) => r.conversationId === group.id), 'the reply in the group chat');
    const after = (await stack.app.useCases.getAgenda({ caller: { id: LIAM, roles: [] }, sessionId: session.id })) as typeof before;
    expect(after.value.sections.flatMap((s) => s.items)).toEqual(before.value.sections.flatMap((s) => s.items));

    mark = connector.received.length;
    expect((await chat.post(LIAM, { type: 'message', text: '<at>Safeguarding Supervision</at> help', conversation: group })).status).toBe(200);
    await connector.waitFor((all) => all.slice(mark).some((r) => r.conversationId === group.id), 'the help card in the group chat');
    expect(cardText(cardOf(connector.since(mark)[0] as NonNullable<ReturnType<typeof connector.since>[number]>))).toContain('I help your safeguarding team');
  });
});

describe('refused card actions', () => {
  it('agenda.add: a forged session, another person\u2019s session, mismatched or malformed data, oversized text', async () => {
    const add = (extra: Record<string, unknown>) => ({ action: 'agenda.add', sessionId: session.id, itemText: 'Caseload review', ...extra });
    const cases: RefusedCase[] = [
      {
        name: 'forged session id',
        who: LIAM,
        verb: 'agenda.add',
        data: add({ sessionId: FORGED }),
        audit: { action: 'agenda.add', detail: 'session_not_found', targetId: FORGED },
        secret: FORGED,
      },
      {
        name: 'a session Sophie is not party to',
        who: SOPHIE,
        verb: 'agenda.add',
        data: add({}),
        audit: { action: 'agenda.add', detail: 'forbidden', targetId: session.id },
        secret: session.id,
      },
      {
        name: 'verb differs from data.action',
        who: LIAM,
        verb: 'agenda.add',
        data: add({ action: 'agenda.remove' }),
        audit: { action: 'card.action', detail: 'malformed; verb agenda.add' },
      },
      {
        name: 'missing sessionId',
        who: LIAM,
        verb: 'agenda.add',
        data: { action: 'agenda.add', itemText: 'Caseload review' },
        audit: { action: 'card.action', detail: 'malformed; verb agenda.add' },
        message: /did not send the session/,
      },
      { name: 'sessionId not a string', who: LIAM, verb: 'agenda.add', data: add({ sessionId: 42 }), audit: { action: 'card.action', detail: 'malformed; verb agenda.add' } },
      {
        name: 'itemText not a string',
        who: LIAM,
        verb: 'agenda.add',
        data: add({ itemText: { text: 'x' } }),
        audit: { action: 'card.action', detail: 'malformed; verb agenda.add' },
      },
      { name: 'data not an object', who: LIAM, verb: 'agenda.add', data: ['agenda.add', session.id], audit: { action: 'card.action', detail: 'malformed; verb agenda.add' } },
      {
        name: 'unknown verb',
        who: LIAM,
        verb: 'agenda.delete',
        data: add({ action: 'agenda.delete' }),
        audit: { action: 'card.action', detail: 'malformed; verb agenda.delete' },
        message: /not one this app knows/,
      },
      { name: 'verb not a string', who: LIAM, verb: { verb: 'agenda.add' }, data: add({}), audit: { action: 'card.action', detail: 'malformed; verb unknown' } },
      {
        name: 'text over 500 characters',
        who: LIAM,
        verb: 'agenda.add',
        data: add({ itemText: longText }),
        audit: { action: 'card.action', detail: 'malformed; verb agenda.add' },
        message: /too long: use 500 characters or fewer/,
        secret: longText.slice(0, 40),
      },
      { name: 'empty text', who: LIAM, verb: 'agenda.add', data: add({ itemText: '   ' }), audit: { action: 'agenda.add', detail: 'invalid_request', targetId: session.id } },
    ];
    for (const c of cases) await expectRefused(c);
  });

  it('reschedule.reason: a forged session, another person\u2019s session, mismatched data, an unknown reason, an oversized note', async () => {
    const reason = (extra: Record<string, unknown>) => ({ action: 'reschedule.reason', sessionId: session.id, reason: 'illness', ...extra });
    const cases: RefusedCase[] = [
      {
        name: 'forged session id',
        who: LIAM,
        verb: 'reschedule.reason',
        data: reason({ sessionId: FORGED }),
        audit: { action: 'session.reschedule', detail: 'session_not_found', targetId: FORGED },
      },
      {
        name: 'a session Sophie is not party to',
        who: SOPHIE,
        verb: 'reschedule.reason',
        data: reason({}),
        audit: { action: 'session.reschedule', detail: 'forbidden', targetId: session.id },
      },
      {
        name: 'verb differs from data.action',
        who: LIAM,
        verb: 'reschedule.pick',
        data: reason({}),
        audit: { action: 'card.action', detail: 'malformed; verb reschedule.pick' },
      },
      {
        name: 'unknown reason',
        who: LIAM,
        verb: 'reschedule.reason',
        data: reason({ reason: 'hangover' }),
        audit: { action: 'card.action', detail: 'malformed; verb reschedule.reason' },
        message: /Choose one of the reasons/,
        secret: 'hangover',
      },
      {
        name: 'note over 200 characters',
        who: LIAM,
        verb: 'reschedule.reason',
        data: reason({ note: longNote }),
        audit: { action: 'card.action', detail: 'malformed; verb reschedule.reason' },
        message: /too long: use 200 characters or fewer/,
      },
      {
        name: 'a time not offered',
        who: LIAM,
        verb: 'reschedule.pick',
        data: { action: 'reschedule.pick', sessionId: session.id, reason: 'illness', start: 'tomorrow at ten' },
        audit: { action: 'card.action', detail: 'malformed; verb reschedule.pick' },
      },
    ];
    for (const c of cases) await expectRefused(c);
  });

  it('an action with no Entra identity on the activity is refused and audited under the sender\u2019s channel id', async () => {
    const auditBefore = new Set((await auditLog()).map((e) => e.id));
    const res = await chat.post(LIAM, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      from: { id: '29:anonymous-sender', name: 'Someone' },
      value: { action: { type: 'Action.Execute', verb: 'agenda.add', data: { action: 'agenda.add', sessionId: session.id, itemText: 'x' } }, trigger: 'manual' },
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'Unauthenticated' } });
    const added = (await auditLog()).filter((e) => !auditBefore.has(e.id));
    expect(added.map((e) => [e.action, e.actorId, e.outcome, e.detail])).toEqual([['card.action', '29:anonymous-sender', 'refused', 'no_identity; verb agenda.add']]);
  });
});

describe('refused actions on agenda items and the other verbs', () => {
  it('edit or remove someone else’s item, an item that does not exist, open or refresh a forged or foreign agenda, and start or pick a time without being a party', async () => {
    const items = (await store.query('AgendaItems', {})).map((i) => JSON.parse(String(i.fields.ValueJson)) as { id: string; sessionId: string; addedById: string });
    const liamsItem = items.find((i) => i.sessionId === session.id && i.addedById === LIAM);
    expect(liamsItem, 'the item Liam added from chat').toBeDefined();
    const itemId = (liamsItem as { id: string }).id;
    const cases: RefusedCase[] = [
      {
        name: 'agenda.edit: Grace edits Liam’s item',
        who: GRACE,
        verb: 'agenda.edit',
        data: { action: 'agenda.edit', sessionId: session.id, itemId, editText: 'Changed by someone else' },
        audit: { action: 'agenda.edit', detail: 'not_your_item', targetId: session.id },
        message: /added by Liam Doherty/,
        secret: 'Changed by someone else',
      },
      {
        name: 'agenda.remove: Grace removes Liam’s item',
        who: GRACE,
        verb: 'agenda.remove',
        data: { action: 'agenda.remove', sessionId: session.id, itemId },
        audit: { action: 'agenda.remove', detail: 'not_your_item', targetId: session.id },
      },
      {
        name: 'agenda.remove: an item id that does not exist',
        who: LIAM,
        verb: 'agenda.remove',
        data: { action: 'agenda.remove', sessionId: session.id, itemId: 'forged-item-0001' },
        audit: { action: 'agenda.remove', detail: 'item_not_found', targetId: session.id },
      },
      {
        name: 'agenda.remove: Liam’s own item, named under a forged session',
        who: LIAM,
        verb: 'agenda.remove',
        data: { action: 'agenda.remove', sessionId: FORGED, itemId },
        audit: { action: 'agenda.remove', detail: 'session_not_found', targetId: FORGED },
      },
      {
        name: 'agenda.open: a forged session',
        who: LIAM,
        verb: 'agenda.open',
        data: { action: 'agenda.open', sessionId: FORGED },
        audit: { action: 'agenda.get', detail: 'session_not_found', targetId: FORGED },
      },
      {
        name: 'agenda.refresh: someone not in the session',
        who: SOPHIE,
        verb: 'agenda.refresh',
        data: { action: 'agenda.refresh', sessionId: session.id },
        audit: { action: 'agenda.get', detail: 'forbidden', targetId: session.id },
      },
      {
        name: 'reschedule.start: a forged session',
        who: LIAM,
        verb: 'reschedule.start',
        data: { action: 'reschedule.start', sessionId: FORGED },
        audit: { action: 'session.reschedule', detail: 'session_not_found', targetId: FORGED },
      },
      {
        name: 'reschedule.pick: someone not in the session picks a time',
        who: SOPHIE,
        verb: 'reschedule.pick',
        data: { action: 'reschedule.pick', sessionId: session.id, start: session.start, reason: 'illness' },
        audit: { action: 'session.postpone', detail: 'forbidden', targetId: session.id },
      },
    ];
    for (const c of cases) await expectRefused(c);
  });
});

// Teams sends a message again, with the same id, when the bot took more than 15 seconds over it.
describe('a message Teams delivers twice', () => {
  it('"add" delivered twice at once adds one item and answers once', async () => {
    const liam = chat.conversationOf(LIAM);
    const before = await agendaItems();
    const mark = connector.received.length;
    const activity = { id: 'repeated-activity-0001', type: 'message', text: 'add Planning for the spring term', textFormat: 'plain' };
    const statuses = await Promise.all([chat.post(LIAM, activity), chat.post(LIAM, activity)]);
    expect(statuses.map((s) => s.status)).toEqual([200, 200]);
    await connector.waitFor((all) => all.slice(mark).some((r) => r.conversationId === liam && r.method === 'POST'), "Liam's answer");
    await stack.app.idle();
    expect((await agendaItems()).length).toBe(before.length + 1);
    expect(connector.since(mark, liam).filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('a repeat that reaches another server adds nothing more: the item is keyed by the request', async () => {
    const liam = { id: LIAM, roles: [] };
    const ask = () => stack.app.useCases.addAgendaItem({ caller: liam, text: 'Supervision notes template', requestId: 'repeated-activity-0002' });
    const first = await ask();
    const before = await agendaItems();
    const again = await ask();
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok || first.value.kind !== 'added' || again.value.kind !== 'added') throw new Error('not added');
    expect(again.value.item).toEqual(first.value.item);
    expect(again.value.number).toBe(first.value.number);
    expect(await agendaItems()).toEqual(before);
    // The same words sent again as a new message are a new item.
    const fresh = await stack.app.useCases.addAgendaItem({ caller: liam, text: 'Supervision notes template', requestId: 'repeated-activity-0003' });
    expect(fresh.ok && fresh.value.kind === 'added' && fresh.value.item.id).not.toBe(first.value.item.id);
  });

  it('"remove 1" repeated on another server removes one item, not the next one too', async () => {
    const liam = { id: LIAM, roles: [] };
    const shown = async () => {
      const agenda = await stack.app.useCases.getAgenda({ caller: liam, sessionId: session.id });
      if (!agenda.ok) throw new Error(agenda.refusal.message);
      return agenda.value.sections.flatMap((s) => s.items).map((i) => i.text);
    };
    const before = await shown();
    expect(before.length).toBeGreaterThanOrEqual(2);
    const removeFirst = (requestId: string) => stack.app.useCases.removeAgendaItem({ caller: liam, number: 1, requestId });
    expect((await removeFirst('repeated-activity-0004')).ok).toBe(true);
    const after = await shown();
    expect(after).toHaveLength(before.length - 1);
    expect((await removeFirst('repeated-activity-0004')).ok).toBe(true);
    expect(await shown()).toEqual(after);
    // A new message saying the same removes the next one.
    expect((await removeFirst('repeated-activity-0005')).ok).toBe(true);
    expect(await shown()).toHaveLength(before.length - 2);
  });
});

describe('"remove <n>" when several agendas are current', () => {
  it('removes nothing and says to use the card, since each agenda is numbered from 1', async () => {
    const wc = await workingCalendarOf(stack.app);
    const day = firstSchoolDayAfter(wc, instantToLondon(new Date().toISOString()).date);
    const withHannah = await bookOn(stack.app, (await arrangementOf(stack.app, DANIEL, HANNAH)).id, day);
    const withMarcus = await bookOn(stack.app, (await arrangementOf(stack.app, DANIEL, MARCUS)).id, firstSchoolDayAfter(wc, day));
    const daniel = { id: DANIEL, roles: [] };
    for (const [s, text] of [
      [withHannah, 'Workload'],
      [withMarcus, 'Training log'],
    ] as const)
      expect((await stack.app.useCases.addAgendaItem({ caller: daniel, sessionId: s.id, text })).ok).toBe(true);
    const removed = await stack.app.useCases.removeAgendaItem({ caller: daniel, number: 1, requestId: 'remove-with-two-agendas' });
    expect(removed.ok ? removed.value : removed.refusal).toMatchObject({ code: 'which_session', message: expect.stringContaining('Type agenda') });
    for (const [s, text] of [
      [withHannah, 'Workload'],
      [withMarcus, 'Training log'],
    ] as const) {
      const agenda = await stack.app.useCases.getAgenda({ caller: daniel, sessionId: s.id });
      expect(agenda.ok && agenda.value.sections.flatMap((sec) => sec.items).map((i) => i.text)).toEqual([text]);
    }
  });
});
