// The "Add to supervision agenda" message extension, through the running server's /api/messages (unsigned
// activities, as the local stack allows): composeExtension/fetchTask opens the dialog with the message's
// text and the caller's sessions; composeExtension/submitAction adds the item through the same use case as
// the `add` chat command. A forged or foreign session, malformed data and oversized text each get an answer
// in the dialog (never a 5xx or an empty body), change nothing and leave a refused audit entry. Fictional
// demo people only (the local Microsoft 365 emulator's demo school).

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessagingExtensionActionResponse } from '@microsoft/teams.api';
import type { RecordStorePort } from '../../../src/bot/graph/record-store.js';
import { formatLondonDateTime } from '../../../src/shared/calendar/london-format.js';
import type { Session } from '../../../src/shared/sessions/session.js';
import { NAME_REMINDER } from '../../../src/shared/cards/agenda-card.js';
import { ADD_TO_AGENDA_COMMAND_ID, ADD_TO_AGENDA_TITLE } from '../../../src/shared/cards/add-to-agenda-card.js';
import { auditEntriesOf, type AuditEntry } from '../../support/audit-log.js';
import { botChat, type BotChat } from '../../support/bot-activities.js';
import { cardText, startFakeConnector, type CardJson, type FakeConnector } from '../../support/fake-connector.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';
import { bookOnNextSchoolDay, GRACE, LIAM, PRIYA, SOPHIE } from './bot-test-kit.js';

const COMMAND = 'addToAgenda';
const FORGED = 'forged-session-0001';

let stack: RunningStack;
let store: RecordStorePort;
let connector: FakeConnector;
let chat: BotChat;
let session: Session;

interface MeReply {
  httpStatus: number;
  raw: string;
  body: MessagingExtensionActionResponse;
}

/** A message in a group chat, as Teams puts it in messagePayload: HTML, with a mention. */
function messagePayload(html: string): Record<string, unknown> {
  return {
    id: '1700000000000',
    messageType: 'message',
    createdDateTime: new Date().toISOString(),
    from: { user: { id: GRACE, displayName: 'Grace Mwangi', userIdentityType: 'aadUser' } },
    body: { contentType: 'html', content: html },
    attachments: [],
    mentions: [],
  };
}

async function invoke(
  userId: string,
  name: 'composeExtension/fetchTask' | 'composeExtension/submitAction',
  value: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Promise<MeReply> {
  const res = await chat.post(userId, {
    type: 'invoke',
    name,
    // A message action is used on a message in any chat: here a group chat the bot is not in.
    conversation: { id: '19:staffroom-group-chat@thread.v2', conversationType: 'groupChat' },
    value: { commandContext: 'message', context: { theme: 'default' }, ...value },
    ...extra,
  });
  let body: MeReply['body'];
  try {
    body = JSON.parse(res.text) as MeReply['body'];
  } catch {
    body = {};
  }
  return { httpStatus: res.status, raw: res.text, body };
}

const fetchTask = (userId: string, value: Record<string, unknown> = {}, extra?: Record<string, unknown>) =>
  invoke(userId, 'composeExtension/fetchTask', { commandId: COMMAND, ...value }, extra);
const submitAction = (userId: string, data: unknown, value: Record<string, unknown> = {}, extra?: Record<string, unknown>) =>
  invoke(userId, 'composeExtension/submitAction', { commandId: COMMAND, data, ...value }, extra);

/** The card the dialog shows (task continue), after checking the answer is one. */
function dialogCardOf(reply: MeReply, name: string): CardJson {
  expect(reply.httpStatus, `${name}: HTTP status`).toBe(200);
  expect(reply.body.task, `${name}: ${reply.raw}`).toMatchObject({
    type: 'continue',
    value: { title: 'Add to supervision agenda', card: { contentType: 'application/vnd.microsoft.card.adaptive' } },
  });
  const task = reply.body.task as { value: { card: { content: CardJson } } };
  return task.value.card.content;
}

/** The message the dialog shows (task message), in plain words, after checking the answer is one. */
function dialogMessageOf(reply: MeReply, name: string): string {
  expect(reply.httpStatus, `${name}: HTTP status`).toBe(200);
  expect(reply.raw, `${name}: a body`).not.toBe('');
  expect(reply.body, `${name}: ${reply.raw}`).toEqual({ task: { type: 'message', value: expect.any(String) } });
  const message = (reply.body.task as { value: string }).value;
  expect(message.length, name).toBeGreaterThan(10);
  expect(message.length, name).toBeLessThan(300);
  expect(message, name).toMatch(/^[A-Z][^<>{}[\]\n]*[.!]$/);
  expect(message, name).not.toMatch(/Error|undefined|null|at [\w.]+ \(|zod|\bexpected\b/i);
  return message;
}

function inputs(card: CardJson): Record<string, Record<string, unknown>> {
  const found: Record<string, Record<string, unknown>> = {};
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') found[o.id] = o;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

const agendaItems = async () => (await store.query('AgendaItems', {})).map((i) => `${i.id} ${String(i.fields.ValueJson)}`).sort();
const agendaTexts = async (caller: string) => {
  const agenda = await stack.app.useCases.getAgenda({ caller: { id: caller, roles: [] }, sessionId: session.id });
  if (!agenda.ok) throw new Error(agenda.refusal.message);
  return agenda.value.sections.flatMap((s) => s.items).map((i) => [i.text, i.addedById]);
};

interface RefusedCase {
  name: string;
  who: string;
  data: unknown;
  value?: Record<string, unknown>;
  extra?: Record<string, unknown>;
  audit: Pick<AuditEntry, 'action' | 'outcome' | 'detail' | 'targetId'>;
  /** The actor the audit entry names (default: `who`). */
  actor?: string;
  message?: RegExp;
  secret?: string;
}

async function expectRefused(c: RefusedCase): Promise<void> {
  const actor = c.actor ?? c.who;
  const itemsBefore = await agendaItems();
  const auditBefore = new Set((await auditEntriesOf(store, actor)).map((e) => e.id));
  const posted = connector.received.length;

  const reply = await submitAction(c.who, c.data, c.value, c.extra);
  const message = dialogMessageOf(reply, c.name);
  if (c.message) expect(message, c.name).toMatch(c.message);
  if (c.secret) expect(message, c.name).not.toContain(c.secret);

  await stack.app.idle();
  expect(await agendaItems(), `${c.name}: agenda unchanged`).toEqual(itemsBefore);
  expect(connector.received.slice(posted), `${c.name}: no card posted or updated`).toEqual([]);
  const added = (await auditEntriesOf(store, actor)).filter((e) => !auditBefore.has(e.id)).map(({ action, outcome, detail, targetId }) => ({ action, outcome, detail, targetId }));
  expect(added, `${c.name}: one refused audit entry`).toEqual([c.audit]);
}

beforeAll(async () => {
  stack = await startStack();
  store = stack.app.store as RecordStorePort;
  connector = await startFakeConnector();
  chat = botChat({ serverUrl: stack.serverUrl, connectorUrl: connector.url });
  // Grace supervises Liam (his only arrangement): their session on the next school day.
  session = await bookOnNextSchoolDay(stack.app, GRACE, LIAM);
}, 90_000);

afterAll(async () => {
  await stack?.app.idle();
  await connector?.close();
  await stack?.stop();
});

describe('the manifest', () => {
  it('declares the one action command the bot answers: on messages, the compose box and the command box, its dialog fetched from the bot', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../../appPackage/manifest.json', import.meta.url), 'utf8')) as {
      bots: { botId: string }[];
      composeExtensions?: { botId: string; commands: Record<string, unknown>[] }[];
    };
    expect(manifest.composeExtensions?.map((c) => c.botId)).toEqual([manifest.bots[0]?.botId]);
    expect(manifest.composeExtensions?.[0]?.commands).toEqual([
      expect.objectContaining({ id: ADD_TO_AGENDA_COMMAND_ID, type: 'action', title: ADD_TO_AGENDA_TITLE, context: ['message', 'compose', 'commandBox'], fetchTask: true }),
    ]);
    expect(COMMAND).toBe(ADD_TO_AGENDA_COMMAND_ID);
  });
});

describe('opening "Add to supervision agenda" on a message (composeExtension/fetchTask)', () => {
  it("shows the message's text as plain text, editable, with the reminder and Liam's one session preselected", async () => {
    const reply = await fetchTask(LIAM, {
      messagePayload: messagePayload('<p><at id="0">Liam Doherty</at> can we talk about <strong>cover for Year&nbsp;9</strong>?</p><p>Case ref 24-117</p><script>x()</script>'),
    });
    const card = dialogCardOf(reply, 'fetchTask');
    const form = inputs(card);
    expect(form.itemText).toMatchObject({ type: 'Input.Text', value: 'Liam Doherty can we talk about cover for Year 9? Case ref 24-117', isMultiline: true, maxLength: 500 });
    expect(form.sessionId).toMatchObject({ type: 'Input.ChoiceSet', value: session.id });
    expect((form.sessionId?.choices as { value: string }[]).map((c) => c.value)).toEqual([session.id]);
    expect(cardText(card)).toContain('Use initials or a case reference, never a child\u2019s name');
  });

  it('a message longer than an agenda item is shortened to fit; one that seems to name a child carries the reminder', async () => {
    const long = dialogCardOf(await fetchTask(LIAM, { messagePayload: messagePayload(`<p>${'Notes from the strategy meeting. '.repeat(40)}</p>`) }), 'long');
    expect(String(inputs(long).itemText?.value).length).toBeLessThanOrEqual(500);
    expect(cardText(long)).toMatch(/longer than 500 characters/);
    const named = dialogCardOf(await fetchTask(LIAM, { messagePayload: messagePayload('<p>Worried about Jamie Carter in 9B</p>') }), 'named');
    expect(cardText(named)).toMatch(/It looks as if this names a child/);
  });

  it('from the compose box (no message): an empty text box', async () => {
    const card = dialogCardOf(await fetchTask(LIAM, { commandContext: 'compose' }), 'compose');
    expect(inputs(card).itemText?.value).toBe('');
  });

  it('someone with no upcoming session gets a plain message card, with no form', async () => {
    const card = dialogCardOf(await fetchTask(PRIYA, { messagePayload: messagePayload('<p>Anything</p>') }), 'no session');
    expect(cardText(card)).toMatch(/No session booked/);
    expect(inputs(card)).toEqual({});
  });

  it('an unknown command and a caller with no Entra identity get a message, not a form', async () => {
    expect(dialogMessageOf(await fetchTask(LIAM, { commandId: 'deleteEverything' }), 'unknown command')).toMatch(/not one this app knows/);
    expect(dialogMessageOf(await fetchTask(LIAM, {}, { from: { id: '29:anonymous-sender', name: 'Someone' } }), 'no identity')).toMatch(/could not tell who you are/);
  });
});

describe('submitting the dialog (composeExtension/submitAction)', () => {
  const longText = 'Discussion of workload and wellbeing. '.repeat(14).slice(0, 501);

  it('refuses a forged session, a session the caller is not party to, malformed data and oversized text: a message, nothing changed, audited', async () => {
    const cases: RefusedCase[] = [
      {
        name: 'forged session id',
        who: LIAM,
        data: { itemText: 'Caseload review', sessionId: FORGED },
        audit: { action: 'agenda.add', outcome: 'refused', detail: 'session_not_found', targetId: FORGED },
        secret: FORGED,
      },
      {
        name: "someone else's session (Sophie is not a party)",
        who: SOPHIE,
        data: { itemText: 'Caseload review', sessionId: session.id },
        audit: { action: 'agenda.add', outcome: 'refused', detail: 'forbidden', targetId: session.id },
        secret: session.id,
      },
      {
        name: 'sessionId not a string',
        who: LIAM,
        data: { itemText: 'Caseload review', sessionId: 42 },
        audit: { action: 'card.action', outcome: 'refused', detail: 'malformed; verb addToAgenda', targetId: '-' },
        message: /session is not valid/,
      },
      {
        name: 'no session chosen',
        who: LIAM,
        data: { itemText: 'Caseload review', sessionId: '' },
        audit: { action: 'card.action', outcome: 'refused', detail: 'malformed; verb addToAgenda', targetId: '-' },
        message: /^Choose the session/,
      },
      {
        name: 'data not an object',
        who: LIAM,
        data: ['Caseload review', session.id],
        audit: { action: 'card.action', outcome: 'refused', detail: 'malformed; verb addToAgenda', targetId: '-' },
      },
      {
        name: 'text not a string',
        who: LIAM,
        data: { itemText: { text: 'x' }, sessionId: session.id },
        audit: { action: 'card.action', outcome: 'refused', detail: 'malformed; verb addToAgenda', targetId: '-' },
      },
      {
        name: 'text over 500 characters',
        who: LIAM,
        data: { itemText: longText, sessionId: session.id },
        audit: { action: 'card.action', outcome: 'refused', detail: 'malformed; verb addToAgenda', targetId: '-' },
        message: /too long: use 500 characters or fewer/,
        secret: longText.slice(0, 40),
      },
      {
        name: 'empty text',
        who: LIAM,
        data: { itemText: '   ', sessionId: session.id },
        audit: { action: 'agenda.add', outcome: 'refused', detail: 'invalid_request', targetId: session.id },
        message: /empty/,
      },
      {
        name: 'an unknown command',
        who: LIAM,
        data: { itemText: 'Caseload review', sessionId: session.id },
        value: { commandId: 'deleteEverything' },
        audit: { action: 'card.action', outcome: 'refused', detail: 'malformed; verb deleteEverything', targetId: '-' },
      },
      {
        name: 'no Entra identity on the activity',
        who: LIAM,
        actor: '29:anonymous-sender',
        data: { itemText: 'Caseload review', sessionId: session.id },
        extra: { from: { id: '29:anonymous-sender', name: 'Someone' } },
        audit: { action: 'card.action', outcome: 'refused', detail: 'no_identity; verb addToAgenda', targetId: '-' },
        message: /could not tell who you are/,
      },
    ];
    for (const c of cases) await expectRefused(c);
    expect(await agendaTexts(GRACE)).toEqual([]);
  });

  it('identity comes from the activity, never the data: a "caller" in the data is ignored', async () => {
    const reply = await submitAction(SOPHIE, { itemText: 'Caseload review', sessionId: session.id, caller: LIAM, from: { aadObjectId: LIAM } });
    expect(dialogMessageOf(reply, 'forged caller')).not.toContain(session.id);
    expect(await agendaTexts(GRACE)).toEqual([]);
  });

  it("a good submit adds the item to Liam's session, answers with its number and the session, and Grace's agenda shows it", async () => {
    const reply = await submitAction(LIAM, { form: COMMAND, itemText: 'Cover for Year 9 and case ref 24-117', sessionId: session.id });
    const card = dialogCardOf(reply, 'good submit');
    const text = cardText(card);
    expect(text).toContain(`Added as item 1 to the agenda for ${formatLondonDateTime(session.start)}.`);
    expect(text).not.toContain('Cover for Year 9');
    expect(text).not.toContain(NAME_REMINDER);
    await stack.app.idle();
    expect(await agendaTexts(GRACE)).toEqual([['Cover for Year 9 and case ref 24-117', LIAM]]);
    const audit = (await auditEntriesOf(store, LIAM)).filter((e) => e.action === 'agenda.add' && e.outcome === 'done');
    expect(audit.map((e) => e.targetId)).toEqual([session.id]);
    expect(JSON.stringify(audit)).not.toContain('Cover for Year 9');
  });

  it('a text that seems to name a child is added, with the reminder to use initials', async () => {
    const card = dialogCardOf(await submitAction(LIAM, { itemText: 'Worried about Jamie Carter in 9B', sessionId: session.id }), 'names a child');
    expect(cardText(card)).toContain('Added as item 2 to the agenda');
    expect(cardText(card)).toContain(NAME_REMINDER);
    await stack.app.idle();
    expect((await agendaTexts(LIAM)).map(([t]) => t)).toEqual(['Cover for Year 9 and case ref 24-117', 'Worried about Jamie Carter in 9B']);
  });

  it('Teams retrying a slow submit (the same dialog, a new activity) adds the item once, and both answers give its number', async () => {
    const opened = dialogCardOf(await fetchTask(LIAM, { messagePayload: messagePayload('<p>Lunch duty rota</p>') }), 'open');
    const submit = submitDataOf(opened);
    expect(submit.submissionId).toEqual(expect.any(String));
    // A second opening of the dialog is a new submission.
    expect(submitDataOf(dialogCardOf(await fetchTask(LIAM), 'open again')).submissionId).not.toBe(submit.submissionId);
    const data = { ...submit, itemText: 'Lunch duty rota', sessionId: session.id };
    const first = cardText(dialogCardOf(await submitAction(LIAM, data), 'first delivery'));
    const again = cardText(dialogCardOf(await submitAction(LIAM, data), 'retry'));
    expect(again).toBe(first);
    expect(first).toContain('Added as item 3 to the agenda');
    await stack.app.idle();
    expect((await agendaTexts(LIAM)).map(([t]) => t)).toEqual(['Cover for Year 9 and case ref 24-117', 'Worried about Jamie Carter in 9B', 'Lunch duty rota']);
  });
});

/** The data of the dialog's Action.Submit, as Teams sends it back with the inputs. */
function submitDataOf(card: CardJson): Record<string, unknown> {
  const found: Record<string, unknown>[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'Action.Submit' && o.data && typeof o.data === 'object') found.push(o.data as Record<string, unknown>);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  expect(found).toHaveLength(1);
  return found[0] as Record<string, unknown>;
}
