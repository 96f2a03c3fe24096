// Edges of signing off a record, through the REST API on a real stack (emulator + server): a change
// request cannot wipe out the evidence that stored content was altered outside the app, nor be made about
// text since changed; a group record is
// never sent to someone marked absent; odd record ids are refused with a 4xx, never a 5xx.
// Fictional people only (the emulator's demo school).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORDS_LIST } from '../../../src/bot/storage/record-repository.js';
import { VALUE_COLUMN } from '../../../src/bot/storage/json-items.js';
import type { Session } from '../../../src/shared/sessions/session.js';
import { callApi, tokenFor, type ApiReply } from '../../support/api.js';
import { graphReader, type GraphReader } from '../../support/graph-reader.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';
import { bookIndividualAndGroup, recordCalls, TOM, type ApiError, type RecordView } from './records-api-kit.js';
import { bookOnNextSchoolDay, DANIEL, GRACE, HANNAH, LIAM, MARCUS, SOPHIE } from '../bot/bot-test-kit.js';

let stack: RunningStack;
let reader: GraphReader;
const tokens = new Map<string, string>();
let individual: Session;
let group: Session;
let toCancel: Session;
let resent: Session;

const api = <T>(who: string, method: string, path: string, body?: unknown): Promise<ApiReply<T>> => callApi<T>(stack, tokens.get(who), method, path, body);

beforeAll(async () => {
  stack = await startStack();
  reader = graphReader(stack.emulator);
  for (const id of [GRACE, LIAM, HANNAH, SOPHIE, TOM, DANIEL, MARCUS]) tokens.set(id, await tokenFor(stack, id));
  ({ individual, group } = await bookIndividualAndGroup(stack.app));
  toCancel = await bookOnNextSchoolDay(stack.app, DANIEL, MARCUS);
  resent = await bookOnNextSchoolDay(stack.app, DANIEL, HANNAH);
}, 90_000);

afterAll(async () => {
  await stack?.app.idle();
  await stack?.stop();
});

const { start, save, send, read, requestChange } = recordCalls(api);

describe('a record altered in the store while awaiting signatures', () => {
  it('cannot be sent back to draft by a change request, so the alteration stays visible', async () => {
    const draft = await start(GRACE, individual.id, 'individual');
    const saved = await save(GRACE, draft, { answers: { q1: 'A calm half term.', q12: 'yes' }, actions: [] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const sent = await send(GRACE, saved.body);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);

    // Someone edits the stored content directly in SharePoint.
    const item = (await reader.store.query(RECORDS_LIST, { RecordId: draft.record.recordId })).find((i) => i.fields.Version === 1);
    if (!item) throw new Error('version 1 is not stored');
    const value = JSON.parse(String(item.fields[VALUE_COLUMN])) as RecordView['record'];
    value.content.answers.q1 = 'Edited outside the app.';
    await reader.store.update(RECORDS_LIST, item, { [VALUE_COLUMN]: JSON.stringify(value) });
    const altered = await read(LIAM, draft.record.recordId);
    expect(altered.body.integrity).toBe('altered');

    const asked = await requestChange(LIAM, altered.body, 'Please check question 1.');
    expect(asked.status, JSON.stringify(asked.body)).toBe(409);
    expect((asked.body as unknown as ApiError).error).toBe('fingerprint_mismatch');
    const after = await read(GRACE, draft.record.recordId);
    expect(after.body.record.state).toBe('awaiting-signatures');
    expect(after.body.integrity).toBe('altered');
  });
});

describe('a change request from a page opened before the record was changed and sent again', () => {
  it('is refused (409 changed_since_shown): the comment was about words no longer there, and the record stays out for signature', async () => {
    const draft = await start(DANIEL, resent.id, 'individual');
    const saved = await save(DANIEL, draft, { answers: { q1: 'A calm half term.', q12: 'yes' }, actions: [] });
    const first = await send(DANIEL, saved.body);
    expect((await requestChange(HANNAH, first.body, 'Please add the training.')).status).toBe(200);
    const changed = await save(DANIEL, (await read(DANIEL, draft.record.recordId)).body, { answers: { q1: 'A calm half term; training booked.', q12: 'yes' }, actions: [] });
    const second = await send(DANIEL, changed.body);
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body.fingerprint).not.toBe(first.body.fingerprint);

    // Hannah's other window still shows the first text, with its fingerprint.
    const stale = await requestChange(HANNAH, first.body, 'Question 1 is missing the training.');
    expect(stale.status, JSON.stringify(stale.body)).toBe(409);
    expect((stale.body as unknown as ApiError).error).toBe('changed_since_shown');
    const after = await read(DANIEL, draft.record.recordId);
    expect(after.body.record.state).toBe('awaiting-signatures');
    expect(after.body.record.revision).toBe(second.body.record.revision);
  });
});

describe('a group record', () => {
  it('is not sent to someone marked both absent and present', async () => {
    const draft = await start(HANNAH, group.id, 'group');
    const saved = await save(HANNAH, draft, {
      answers: Object.fromEntries(draft.template.questions.filter((q) => q.required).map((q) => [q.id, q.kind === 'yes-no' ? 'yes' : 'Discussed as a group.'])),
      actions: [],
      attendance: [
        { userId: HANNAH, present: true },
        { userId: SOPHIE, present: true },
        { userId: TOM, present: false },
        { userId: TOM, present: true },
      ],
      takesForwardId: SOPHIE,
    });
    const sent = saved.status === 200 ? await send(HANNAH, saved.body) : saved;
    expect(sent.status, JSON.stringify(sent.body)).toBe(400);
    expect((sent.body as unknown as ApiError).issues?.some((i) => i.field.startsWith('content.attendance'))).toBe(true);
  });
});

describe('a record of a session cancelled after it was started', () => {
  it('is not sent for signature: nobody signs a record of a session that did not take place', async () => {
    const draft = await start(DANIEL, toCancel.id, 'individual');
    const saved = await save(DANIEL, draft, { answers: { q1: 'Written ahead of the session.', q12: 'yes' }, actions: [] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const cancelled = await api(DANIEL, 'POST', `/api/sessions/${encodeURIComponent(toCancel.id)}/cancel`, { reason: 'Clash with a school event' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);

    const sent = await send(DANIEL, saved.body);
    expect(sent.status, JSON.stringify(sent.body)).toBe(409);
    expect((sent.body as unknown as ApiError).error).toBe('session_cancelled');
    expect((await read(MARCUS, draft.record.recordId)).body.record.state).toBe('draft');
  });
});

describe('odd record ids', () => {
  it.each(['.individual', '.contract', 'x.contract', "o'brien.group", `${'a'.repeat(280)}.history`, 'nosuchsession.wellbeing', '%2e%2e.individual'])(
    '%s is refused with a 4xx',
    async (recordId) => {
      for (const [method, path, body] of [
        ['GET', `/api/records/${encodeURIComponent(recordId)}`, undefined],
        ['PUT', `/api/records/${encodeURIComponent(recordId)}`, { content: { answers: {}, actions: [] }, baseRevision: 0 }],
        ['POST', `/api/records/${encodeURIComponent(recordId)}/send`, { baseRevision: 0 }],
        ['POST', `/api/records/${encodeURIComponent(recordId)}/sign`, { version: 1, sha256: 'a'.repeat(64) }],
        ['POST', `/api/records/${encodeURIComponent(recordId)}/request-change`, { version: 1, comment: 'x' }],
      ] as const) {
        const res = await api<ApiError>(GRACE, method, path, body);
        expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
      }
    },
  );
});

describe('a long record asked to change again and again', () => {
  // SharePoint's "multiple lines of text" column holds at most 63,999 characters.
  const COLUMN_LIMIT = 63_999;

  it('never grows past what its list column holds: the request is refused with a reason instead', async () => {
    const draft = await start(GRACE, individual.id, 'history');
    const questions = draft.template.questions;
    // Long answers, just inside the limit a save allows.
    let answers: Record<string, string> = {};
    for (const q of questions) answers[q.id] = q.kind === 'yes-no' ? 'yes' : '';
    let saved = await save(GRACE, draft, { answers, actions: [] });
    const text = questions.filter((q) => q.kind !== 'yes-no');
    for (const q of text) {
      answers = { ...answers, [q.id]: 'x'.repeat(8000) };
      const next = await save(GRACE, saved.body, { answers, actions: [] });
      if (next.status !== 200) {
        // Fill what is left of the room a save allows.
        const size = JSON.stringify(saved.body.record).length;
        answers = { ...answers, [q.id]: 'x'.repeat(Math.max(0, 60_000 - size - 200)) };
        saved = await save(GRACE, saved.body, { answers, actions: [] });
        break;
      }
      saved = next;
    }
    expect(saved.status, JSON.stringify(saved.body).slice(0, 300)).toBe(200);
    // Then agreed actions, up to just under the limit.
    const actions: { id: string; text: string; ownerId: string; dueDate: string; done: boolean }[] = [];
    for (let i = 0; i < 40; i++) {
      const room = 60_000 - JSON.stringify(saved.body.record).length - 120;
      if (room <= 0) break;
      actions.push({ id: `a${i}`, text: 'y'.repeat(Math.min(500, room)), ownerId: LIAM, dueDate: '2027-02-01', done: false });
      const next = await save(GRACE, saved.body, { answers, actions: [...actions] });
      if (next.status !== 200) break;
      saved = next;
    }
    expect(JSON.stringify(saved.body.record).length).toBeGreaterThan(58_500);

    let view = saved.body;
    let refusedOnce = false;
    for (let round = 0; round < 8 && !refusedOnce; round++) {
      const sent = await send(GRACE, view);
      expect(sent.status, JSON.stringify(sent.body).slice(0, 300)).toBe(200);
      const asked = await requestChange(LIAM, sent.body, `Round ${round}: ${'please look again at this. '.repeat(36)}`.slice(0, 1000));
      expect(asked.status, JSON.stringify(asked.body).slice(0, 300)).toBeLessThan(500);
      if (asked.status !== 200) {
        expect((asked.body as unknown as ApiError).error).toBe('record_too_large');
        refusedOnce = true;
        view = (await read(GRACE, view.record.recordId)).body;
      } else view = asked.body;
      for (const item of await reader.store.query(RECORDS_LIST, { RecordId: draft.record.recordId }))
        expect(String(item.fields[VALUE_COLUMN]).length).toBeLessThanOrEqual(COLUMN_LIMIT);
    }
    expect(refusedOnce).toBe(true);
    // Both can still sign what is there: the signatures fit too.
    const last = view.record.state === 'awaiting-signatures' ? view : (await send(GRACE, view)).body;
    for (const who of [LIAM, GRACE]) {
      const signed = await api<RecordView>(who, 'POST', `/api/records/${encodeURIComponent(last.record.recordId)}/sign`, {
        version: last.record.version,
        sha256: last.fingerprint,
      });
      expect(signed.status, JSON.stringify(signed.body).slice(0, 300)).toBe(200);
    }
    for (const item of await reader.store.query(RECORDS_LIST, { RecordId: draft.record.recordId }))
      expect(String(item.fields[VALUE_COLUMN]).length).toBeLessThanOrEqual(COLUMN_LIMIT);
  });
});
