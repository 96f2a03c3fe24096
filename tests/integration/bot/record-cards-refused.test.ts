// The record card verbs (record.sign, record.requestChange, decision.confirm) sent through the bot endpoint
// with forged and malformed data: someone else's record or decision, a wrong or malformed fingerprint, a
// stale version, a non-signatory, an oversized comment, missing or unknown ids. Each is answered with
// Teams' card error in plain words (never a 5xx, never record content), changes nothing, and leaves a
// 'refused' audit entry. And the happy path: Liam signs from the card he was sent, then Grace does, and
// the card posted to Liam earlier is updated in place to show the record signed and locked.

import { expectPlainCardError } from '../../support/card-errors.js';
import { auditEntriesOf, type AuditEntry } from '../../support/audit-log.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordStorePort } from '../../../src/bot/graph/record-store.js';
import type { Session } from '../../../src/shared/sessions/session.js';
import { DSL_ID } from '../../../tools/m365-emulator/src/index.js';
import { callApi, tokenFor } from '../../support/api.js';
import { botChat, type BotChat } from '../../support/bot-activities.js';
import { cardOf, cardText, executeActionsOf, startFakeConnector, type FakeConnector, type RecordedActivity } from '../../support/fake-connector.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';
import { bookOnNextSchoolDay, GRACE, LIAM, SOPHIE } from './bot-test-kit.js';

const SECRET = 'Fictional-answer-7731';
const FORGED_RECORD = 'forged-session-0001.individual';

let stack: RunningStack;
let store: RecordStorePort;
let connector: FakeConnector;
let chat: BotChat;
let session: Session;
const tokens = new Map<string, string>();
let recordId = '';
let decisionId = '';
/** The signature cards posted when Grace sent the record, one per signatory. */
const posted = new Map<string, RecordedActivity>();

interface RecordVersion {
  recordId: string;
  version: number;
  state: string;
  sentSha256?: string;
  signatures: { userId: string }[];
}
interface DecisionView {
  id: string;
  enteredOnCaseSystem?: { reference: string };
}

const api = async <T>(userId: string, method: string, path: string, body?: unknown) => callApi<T>(stack, tokens.get(userId), method, path, body);
/** The record and the session's decisions as the DSL reads them through the API. */
const recordNow = async () => {
  const r = await api<{ record: RecordVersion }>(DSL_ID, 'GET', `/api/records/${recordId}`);
  expect(r.status).toBe(200);
  return r.body.record;
};
const decisionsNow = async () => {
  const r = await api<{ decisions: DecisionView[] }>(DSL_ID, 'GET', `/api/sessions/${session.id}/records`);
  expect(r.status).toBe(200);
  return r.body.decisions;
};

const auditOf = (actorId: string): Promise<AuditEntry[]> => auditEntriesOf(store, actorId);

interface RefusedCase {
  name: string;
  who: string;
  verb: unknown;
  data: unknown;
  /** The one audit entry it must leave (targetId '-' for one refused before any use case ran). */
  audit: { action: string; detail: string | RegExp; targetId?: string };
  message?: RegExp;
  /** Submitted text the answer must not repeat. */
  secret?: string;
}

/** Sends the action and checks: a card error in plain words, no content, nothing changed or posted, one refused audit entry. */
async function expectRefused(c: RefusedCase): Promise<void> {
  // Read through the API as the DSL, before the audit mark and after the audit check (he is a caller too).
  const recordBefore = await recordNow();
  const decisionsBefore = await decisionsNow();
  const auditBefore = new Set((await auditOf(c.who)).map((e) => e.id));
  const mark = connector.received.length;

  const reply = await chat.invoke(c.who, c.verb, c.data);
  const message = expectPlainCardError(reply, c.name);
  // Nothing of the record or the decision (nor of what was sent) comes back.
  expect(reply.raw, c.name).not.toContain(SECRET);
  expect(reply.raw, c.name).not.toContain('J.B.');
  if (c.secret) expect(reply.raw, c.name).not.toContain(c.secret);
  if (c.message) expect(message, c.name).toMatch(c.message);

  await stack.app.idle();
  const added = (await auditOf(c.who)).filter((e) => !auditBefore.has(e.id));
  expect(await recordNow(), `${c.name}: record unchanged`).toEqual(recordBefore);
  expect(await decisionsNow(), `${c.name}: decisions unchanged`).toEqual(decisionsBefore);
  expect(connector.received.slice(mark), `${c.name}: no card posted or updated`).toEqual([]);
  expect(
    added.map(({ action, outcome, detail, targetId }) => ({ action, outcome, detail, targetId })),
    `${c.name}: one refused audit entry`,
  ).toEqual([
    {
      action: c.audit.action,
      outcome: 'refused',
      detail: typeof c.audit.detail === 'string' ? c.audit.detail : expect.stringMatching(c.audit.detail),
      targetId: c.audit.targetId ?? '-',
    },
  ]);
}

/** The Sign button's data on the card posted to this signatory. */
const signDataOf = (userId: string) => {
  const card = cardOf(posted.get(userId) as RecordedActivity);
  const sign = executeActionsOf(card).find((a) => a.verb === 'record.sign');
  expect(sign, `a Sign button on the card posted to ${userId}`).toBeDefined();
  return (sign as { data: Record<string, unknown> }).data;
};

beforeAll(async () => {
  stack = await startStack();
  store = stack.app.store as RecordStorePort;
  connector = await startFakeConnector();
  chat = botChat({ serverUrl: stack.serverUrl, connectorUrl: connector.url });
  for (const id of [GRACE, LIAM, SOPHIE, DSL_ID]) tokens.set(id, await tokenFor(stack, id));
  // The bot remembers each person's personal chat when the app is installed: signature cards go there.
  for (const id of [GRACE, LIAM, SOPHIE]) expect(await chat.installFor(id)).toBe(200);

  // Grace supervises Liam: their session on the next school day, its record written and sent, and a decision.
  session = await bookOnNextSchoolDay(stack.app, GRACE, LIAM);
  const started = await api<{ record: RecordVersion & { updatedAt: string; revision: number } }>(GRACE, 'POST', `/api/sessions/${session.id}/records`, { kind: 'individual' });
  expect(started.status).toBe(201);
  recordId = started.body.record.recordId;
  const saved = await api<{ record: { updatedAt: string; revision: number } }>(GRACE, 'PUT', `/api/records/${recordId}`, {
    content: { answers: { q1: `Settled in. ${SECRET}`, q12: 'yes' }, actions: [] },
    baseRevision: started.body.record.revision,
  });
  expect(saved.status).toBe(200);
  const mark = connector.received.length;
  const sent = await api(GRACE, 'POST', `/api/records/${recordId}/send`, { baseRevision: saved.body.record.revision });
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  await stack.app.idle();
  for (const id of [GRACE, LIAM]) {
    const cards = connector.since(mark, chat.conversationOf(id)).filter((r) => r.method === 'POST');
    expect(cards, `one signature card posted to ${id}`).toHaveLength(1);
    posted.set(id, cards[0] as RecordedActivity);
  }
  expect(connector.since(mark, chat.conversationOf(SOPHIE))).toEqual([]);

  const decision = await api<{ id: string }>(GRACE, 'POST', `/api/sessions/${session.id}/decisions`, {
    childReference: 'J.B.',
    concerns: `Attendance falling. ${SECRET}`,
    actions: [{ text: 'Call the family', timescale: 'By Friday' }],
    referredToManager: false,
    chronologyEntry: true,
    caseSystem: 'CPOMS',
  });
  expect(decision.status).toBe(201);
  decisionId = decision.body.id;
}, 60_000);

afterAll(async () => {
  await stack?.app.idle();
  await connector?.close();
  await stack?.stop();
});

describe('the signature card as sent', () => {
  it('carries no record content, and its Sign button the version and full fingerprint', async () => {
    const r = await recordNow();
    expect(r.state).toBe('awaiting-signatures');
    for (const id of [GRACE, LIAM]) {
      const card = cardOf(posted.get(id) as RecordedActivity);
      expect(JSON.stringify(card)).not.toContain(SECRET);
      expect(cardText(card)).toMatch(/Please sign: Supervision record[\s\S]*Your signature is needed/);
      expect(signDataOf(id)).toEqual({ action: 'record.sign', recordId, version: 1, sha256: r.sentSha256 });
    }
  });
});

describe('refused record card actions', () => {
  it('record.sign: someone else’s record, a non-signatory, a wrong, malformed or missing fingerprint, a stale version, unknown and missing ids', async () => {
    const r = await recordNow();
    const sign = (extra: Record<string, unknown>) => ({ action: 'record.sign', recordId, version: r.version, sha256: r.sentSha256, ...extra });
    const malformed = { action: 'card.action', detail: 'malformed; verb record.sign' };
    const cases: RefusedCase[] = [
      {
        name: 'Sophie signs Grace and Liam’s record (not hers)',
        who: SOPHIE,
        verb: 'record.sign',
        data: sign({}),
        audit: { action: 'record.sign', detail: 'forbidden', targetId: recordId },
        message: /not asked to sign/,
      },
      {
        name: 'the DSL, who may read it, signs it without being asked to',
        who: DSL_ID,
        verb: 'record.sign',
        data: sign({}),
        audit: { action: 'record.sign', detail: 'forbidden', targetId: recordId },
        message: /not asked to sign/,
      },
      {
        name: 'Liam signs with a fingerprint that is not the one sent',
        who: LIAM,
        verb: 'record.sign',
        data: sign({ sha256: 'f'.repeat(64) }),
        audit: { action: 'record.sign', detail: 'fingerprint_mismatch', targetId: recordId },
        message: /fingerprint no longer matches/,
      },
      {
        name: 'Liam signs a version he was not shown (stale)',
        who: LIAM,
        verb: 'record.sign',
        data: sign({ version: 2 }),
        audit: { action: 'record.sign', detail: 'stale_version', targetId: recordId },
        message: /version 2/,
      },
      {
        name: 'a fingerprint that is not SHA-256 hex',
        who: LIAM,
        verb: 'record.sign',
        data: sign({ sha256: 'ABC123' }),
        audit: malformed,
        message: /fingerprint is not valid/,
        secret: 'ABC123',
      },
      { name: 'an upper-case fingerprint', who: LIAM, verb: 'record.sign', data: sign({ sha256: (r.sentSha256 ?? '').toUpperCase() }), audit: malformed },
      { name: 'no fingerprint', who: LIAM, verb: 'record.sign', data: sign({ sha256: undefined }), audit: malformed, message: /did not send the fingerprint/ },
      { name: 'a version that is not a number', who: LIAM, verb: 'record.sign', data: sign({ version: 'latest' }), audit: malformed },
      { name: 'version 0', who: LIAM, verb: 'record.sign', data: sign({ version: 0 }), audit: malformed },
      { name: 'no record id', who: LIAM, verb: 'record.sign', data: sign({ recordId: undefined }), audit: malformed, message: /did not send the record/ },
      { name: 'a record id of the wrong type', who: LIAM, verb: 'record.sign', data: sign({ recordId: 42 }), audit: malformed },
      { name: 'a record id over 200 characters', who: LIAM, verb: 'record.sign', data: sign({ recordId: `${'x'.repeat(200)}.individual` }), audit: malformed },
      {
        name: 'a record id that does not exist',
        who: LIAM,
        verb: 'record.sign',
        data: sign({ recordId: FORGED_RECORD }),
        audit: { action: 'record.sign', detail: 'record_not_found', targetId: FORGED_RECORD },
        secret: FORGED_RECORD,
      },
      {
        name: 'a record id that names no kind of record',
        who: LIAM,
        verb: 'record.sign',
        data: sign({ recordId: 'forged-record-0001' }),
        audit: { action: 'record.sign', detail: 'record_not_found', targetId: 'forged-record-0001' },
      },
      { name: 'the verb differs from data.action', who: LIAM, verb: 'record.sign', data: sign({ action: 'record.requestChange' }), audit: malformed },
    ];
    for (const c of cases) await expectRefused(c);
  });

  it('record.requestChange: a non-signatory, someone else’s record, a stale version, an oversized comment, unknown and missing ids', async () => {
    const r = await recordNow();
    const change = (extra: Record<string, unknown>) => ({ action: 'record.requestChange', recordId, version: r.version, comment: 'Please add the training date.', ...extra });
    // The verb in the detail: see 'known server bugs' below.
    const malformed = { action: 'card.action', detail: /^malformed; verb / };
    const longComment = `Please change this. ${'c'.repeat(1000)}`;
    const cases: RefusedCase[] = [
      {
        name: 'Sophie asks for a change to a record that is not hers',
        who: SOPHIE,
        verb: 'record.requestChange',
        data: change({}),
        audit: { action: 'record.request-change', detail: 'forbidden', targetId: recordId },
      },
      {
        name: 'the DSL asks for a change without being asked to sign',
        who: DSL_ID,
        verb: 'record.requestChange',
        data: change({}),
        audit: { action: 'record.request-change', detail: 'forbidden', targetId: recordId },
      },
      {
        name: 'Liam asks about a version he was not shown (stale)',
        who: LIAM,
        verb: 'record.requestChange',
        data: change({ version: 3 }),
        audit: { action: 'record.request-change', detail: 'stale_version', targetId: recordId },
      },
      {
        name: 'a comment over 1000 characters',
        who: LIAM,
        verb: 'record.requestChange',
        data: change({ comment: longComment }),
        audit: malformed,
        message: /comment is too long: use 1000 characters or fewer/,
        secret: longComment.slice(0, 30),
      },
      { name: 'a comment that is not text', who: LIAM, verb: 'record.requestChange', data: change({ comment: { text: 'x' } }), audit: malformed },
      { name: 'no record id', who: LIAM, verb: 'record.requestChange', data: change({ recordId: undefined }), audit: malformed },
      {
        name: 'a record id that does not exist',
        who: LIAM,
        verb: 'record.requestChange',
        data: change({ recordId: FORGED_RECORD }),
        audit: { action: 'record.request-change', detail: 'record_not_found', targetId: FORGED_RECORD },
      },
    ];
    for (const c of cases) await expectRefused(c);
  });

  it('decision.confirm: someone else’s decision, the supervisee, a decision that does not exist, missing or malformed references', async () => {
    const confirm = (extra: Record<string, unknown>) => ({ action: 'decision.confirm', decisionId, reference: 'CPOMS-4471', ...extra });
    const malformed = { action: 'card.action', detail: 'malformed; verb decision.confirm' };
    const cases: RefusedCase[] = [
      {
        name: 'Sophie confirms a decision from a session she was not in',
        who: SOPHIE,
        verb: 'decision.confirm',
        data: confirm({}),
        audit: { action: 'decision.confirm', detail: 'forbidden', targetId: decisionId },
        message: /Only the supervisor or the designated safeguarding lead/,
      },
      {
        name: 'Liam, the supervisee, confirms Grace’s decision',
        who: LIAM,
        verb: 'decision.confirm',
        data: confirm({}),
        audit: { action: 'decision.confirm', detail: 'forbidden', targetId: decisionId },
      },
      {
        name: 'a decision id that does not exist',
        who: GRACE,
        verb: 'decision.confirm',
        data: confirm({ decisionId: 'forged-decision-0001' }),
        audit: { action: 'decision.confirm', detail: 'decision_not_found', targetId: 'forged-decision-0001' },
      },
      { name: 'no decision id', who: GRACE, verb: 'decision.confirm', data: confirm({ decisionId: undefined }), audit: malformed, message: /did not send the decision record/ },
      { name: 'a decision id of the wrong type', who: GRACE, verb: 'decision.confirm', data: confirm({ decisionId: ['x'] }), audit: malformed },
      { name: 'a reference over 100 characters', who: GRACE, verb: 'decision.confirm', data: confirm({ reference: 'R'.repeat(101) }), audit: malformed, message: /too long/ },
      {
        name: 'a reference with markup in it',
        who: GRACE,
        verb: 'decision.confirm',
        data: confirm({ reference: '<b>CP-1</b>' }),
        audit: { action: 'decision.confirm', detail: 'invalid_request', targetId: decisionId },
        secret: '<b>',
      },
      {
        name: 'no reference',
        who: GRACE,
        verb: 'decision.confirm',
        data: confirm({ reference: undefined }),
        audit: { action: 'decision.confirm', detail: 'invalid_request', targetId: decisionId },
      },
    ];
    for (const c of cases) await expectRefused(c);
  });
});

describe('signing from the cards', () => {
  it('Liam signs from his card: the answer is his card saying he signed, and Grace’s card is updated in place', async () => {
    const auditBefore = new Set((await auditOf(LIAM)).map((e) => e.id));
    const liamCard = posted.get(LIAM) as RecordedActivity;
    const graceCard = posted.get(GRACE) as RecordedActivity;
    const mark = connector.received.length;
    const reply = await chat.invoke(LIAM, 'record.sign', signDataOf(LIAM), liamCard.activityId);
    expect(reply.httpStatus).toBe(200);
    expect(reply.body, reply.raw).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const answer = reply.body.value as Parameters<typeof cardText>[0];
    expect(cardText(answer)).toMatch(/You signed at/);
    expect(cardText(answer)).toMatch(/Still to sign: Grace Mwangi/);
    expect(executeActionsOf(answer).map((a) => a.verb)).toEqual([]);
    expect(reply.raw).not.toContain(SECRET);

    await stack.app.idle();
    const updates = connector.since(mark);
    // Liam's own card is replaced by the answer; Grace's is updated to show his signature.
    expect(updates.map((u) => [u.method, u.conversationId, u.activityId])).toEqual([['PUT', chat.conversationOf(GRACE), graceCard.activityId]]);
    expect(cardText(cardOf(updates[0] as RecordedActivity))).toMatch(/Liam Doherty signed at/);
    expect((await recordNow()).signatures.map((s) => s.userId)).toEqual([LIAM]);
    const added = (await auditOf(LIAM)).filter((e) => !auditBefore.has(e.id));
    expect(added.map((e) => [e.action, e.targetId, e.outcome])).toEqual([['record.sign', recordId, 'done']]);
  });

  it('Grace signs from hers: it locks, and the card posted to Liam earlier now shows it signed and locked', async () => {
    const auditBefore = new Set((await auditOf(GRACE)).map((e) => e.id));
    const liamCard = posted.get(LIAM) as RecordedActivity;
    const graceCard = posted.get(GRACE) as RecordedActivity;
    const mark = connector.received.length;
    const reply = await chat.invoke(GRACE, 'record.sign', signDataOf(GRACE), graceCard.activityId);
    expect(reply.body, reply.raw).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(cardText(reply.body.value)).toMatch(/Signed and locked: Supervision record[\s\S]*You signed at/);

    await stack.app.idle();
    const updates = connector.since(mark);
    expect(updates.map((u) => [u.method, u.conversationId, u.activityId])).toEqual([['PUT', chat.conversationOf(LIAM), liamCard.activityId]]);
    const liamNow = cardOf(updates[0] as RecordedActivity);
    expect(cardText(liamNow)).toMatch(/Signed and locked: Supervision record/);
    expect(cardText(liamNow)).toMatch(/Locked with every signature: version 1 can no longer change/);
    expect(cardText(liamNow)).toMatch(/Liam Doherty signed at[\s\S]*Grace Mwangi signed at/);
    expect(executeActionsOf(liamNow)).toEqual([]);
    expect(JSON.stringify(liamNow)).not.toContain(SECRET);

    const r = await recordNow();
    expect(r.state).toBe('locked');
    expect(r.signatures.map((s) => s.userId).sort()).toEqual([GRACE, LIAM].sort());
    const added = (await auditOf(GRACE)).filter((e) => !auditBefore.has(e.id));
    expect(added.map((e) => [e.action, e.targetId, e.outcome])).toEqual([['record.sign', recordId, 'done']]);
  });

  it('once locked: signing again, or asking for a change, is refused and audited', async () => {
    await expectRefused({
      name: 'Liam presses Sign again on the old card',
      who: LIAM,
      verb: 'record.sign',
      data: signDataOf(LIAM),
      audit: { action: 'record.sign', detail: 'already_signed', targetId: recordId },
      message: /already signed/,
    });
    await expectRefused({
      name: 'Liam asks for a change to the locked version',
      who: LIAM,
      verb: 'record.requestChange',
      data: { action: 'record.requestChange', recordId, version: 1, comment: 'Too late?' },
      audit: { action: 'record.request-change', detail: 'not_awaiting_signatures', targetId: recordId },
      message: /already locked/,
    });
  });

  it('Grace confirms her decision from the card: the answer is the decision card, confirmed', async () => {
    const reply = await chat.invoke(GRACE, 'decision.confirm', { action: 'decision.confirm', decisionId, reference: 'CPOMS-4471' });
    expect(reply.body, reply.raw).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(reply.raw).toContain('CPOMS-4471');
    expect(reply.raw).not.toContain(SECRET);
    expect((await decisionsNow()).find((d) => d.id === decisionId)?.enteredOnCaseSystem?.reference).toBe('CPOMS-4471');
    expect((await auditOf(GRACE)).filter((e) => e.action === 'decision.confirm' && e.outcome === 'done').map((e) => e.targetId)).toEqual([decisionId]);
  });
});

describe('refusals before any change is looked at', () => {
  it('a malformed record.requestChange is audited with its verb', async () => {
    await expectRefused({
      name: 'a comment of the wrong type',
      who: LIAM,
      verb: 'record.requestChange',
      data: { action: 'record.requestChange', recordId, version: 1, comment: 42 },
      audit: { action: 'card.action', detail: 'malformed; verb record.requestChange' },
    });
  });

  it('an empty change request is refused and audited, like every other refusal', async () => {
    const auditBefore = new Set((await auditOf(LIAM)).map((e) => e.id));
    const reply = await chat.invoke(LIAM, 'record.requestChange', { action: 'record.requestChange', recordId, version: 1, comment: '   ' });
    expect(reply.body, reply.raw).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { message: expect.stringMatching(/Say what should change/) } });
    const added = (await auditOf(LIAM)).filter((e) => !auditBefore.has(e.id));
    expect(added.map((e) => e.outcome)).toEqual(['refused']);
  });
});
