// A session and its record acted on out of step, through the REST API on a real stack (emulator +
// server). A record sent for signature before its session was cancelled is not signed afterwards (a card
// left open in Teams); a session whose record both parties have signed (it took place) is not cancelled or
// moved afterwards (a stale tab, or "I can't make it" pressed on an old card); a postponement asked for from
// the time a tab showed does not undo a move someone else made meanwhile.
// Fictional people only (the emulator's demo school).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../src/shared/sessions/session.js';
import { callApi, tokenFor, type ApiReply } from '../../support/api.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';
import { bookOnNextSchoolDay, DANIEL, GRACE, HANNAH, LIAM, MARCUS, RACHEL } from '../bot/bot-test-kit.js';
import { recordCalls, type ApiError, type RecordView } from '../records/records-api-kit.js';

let stack: RunningStack;
const tokens = new Map<string, string>();
/** Grace and Liam, next school day: its record is sent, then the session cancelled. */
let toCancel: Session;
/** Daniel and Marcus, next school day: its record is signed by both. */
let signedThenCancel: Session;
/** Daniel and Hannah, next school day: its record is signed by both. */
let signedThenPostpone: Session;
/** Rachel and Daniel, next school day: its record sent twice, then moved from two tabs. */
let movedTwice: Session;

const api = <T>(who: string, method: string, path: string, body?: unknown): Promise<ApiReply<T>> => callApi<T>(stack, tokens.get(who), method, path, body);
const { start, save, send, sign, read } = recordCalls(api);
const sessionPath = (s: Session) => `/api/sessions/${encodeURIComponent(s.id)}`;

beforeAll(async () => {
  stack = await startStack();
  for (const id of [GRACE, LIAM, DANIEL, MARCUS, HANNAH, RACHEL]) tokens.set(id, await tokenFor(stack, id));
  toCancel = await bookOnNextSchoolDay(stack.app, GRACE, LIAM);
  signedThenCancel = await bookOnNextSchoolDay(stack.app, DANIEL, MARCUS);
  signedThenPostpone = await bookOnNextSchoolDay(stack.app, DANIEL, HANNAH);
  movedTwice = await bookOnNextSchoolDay(stack.app, RACHEL, DANIEL);
}, 120_000);

afterAll(async () => {
  await stack?.app.idle();
  await stack?.stop();
});

/** The session's individual record, written and sent for signature by its supervisor. */
async function sentRecord(supervisor: string, session: Session): Promise<RecordView> {
  const draft = await start(supervisor, session.id, 'individual');
  const saved = await save(supervisor, draft, { answers: { q1: 'A calm half term.', q12: 'yes' }, actions: [] });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const sent = await send(supervisor, saved.body);
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  return sent.body;
}

/** The session's individual record, signed by both parties and locked. */
async function lockedRecord(supervisor: string, supervisee: string, session: Session): Promise<RecordView> {
  const sent = await sentRecord(supervisor, session);
  for (const who of [supervisee, supervisor]) {
    const signed = await sign(who, sent);
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
  }
  const locked = await read(supervisor, sent.record.recordId);
  expect(locked.body.record.state).toBe('locked');
  return locked.body;
}

describe('Send for signature pressed twice', () => {
  it('the second is answered as done (not "changed somewhere else"), and the record is sent once', async () => {
    // Rachel's record of her session with Daniel (the one moved twice later: one signature does not lock it).
    const draft = await start(RACHEL, movedTwice.id, 'individual');
    const saved = await save(RACHEL, draft, { answers: { q1: 'A steady term.', q12: 'yes' }, actions: [] });
    const first = await send(RACHEL, saved.body);
    const second = await send(RACHEL, saved.body);
    for (const r of [first, second]) expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(second.body.record.revision).toBe(first.body.record.revision);
    expect(second.body.record.updatedAt).toBe(first.body.record.updatedAt);
    expect(second.body.fingerprint).toBe(first.body.fingerprint);
    // A send on a version changed since in another way (a signature) is still refused.
    expect((await sign(DANIEL, first.body)).status).toBe(200);
    expect((await send(RACHEL, saved.body)).status).toBe(409);
  });
});

describe('a record sent for signature, then its session cancelled', () => {
  it('is not signed from the card still open: 409 session_cancelled, and the record is not locked', async () => {
    const sent = await sentRecord(GRACE, toCancel);
    const cancelled = await api(GRACE, 'POST', `${sessionPath(toCancel)}/cancel`, { reason: 'Clash with a school event' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);

    // Liam still has the signature card, with the version and fingerprint he was shown.
    const signed = await sign(LIAM, sent);
    expect(signed.status, JSON.stringify(signed.body)).toBe(409);
    expect((signed.body as unknown as ApiError).error).toBe('session_cancelled');
    const byGrace = await sign(GRACE, sent);
    expect(byGrace.status, JSON.stringify(byGrace.body)).toBe(409);
    const after = await read(GRACE, sent.record.recordId);
    expect(after.body.record.state).not.toBe('locked');
    expect(after.body.record.signatures).toEqual([]);
  });
});

describe('a session whose record both parties have signed', () => {
  it('is not cancelled afterwards (a stale tab): 409, the session stays booked', async () => {
    await lockedRecord(DANIEL, MARCUS, signedThenCancel);
    const cancelled = await api<ApiError>(DANIEL, 'POST', `${sessionPath(signedThenCancel)}/cancel`, { reason: 'Pressed in an old tab' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(409);
    expect(cancelled.body.error).toBe('record_signed');
    const now = await api<{ session: Session }>(DANIEL, 'GET', sessionPath(signedThenCancel));
    expect(now.body.session.status).toBe('booked');
  });

  it('is not moved afterwards ("I can\'t make it" on an old card): 409, the session stays at its time', async () => {
    await lockedRecord(DANIEL, HANNAH, signedThenPostpone);
    // No times are offered, and a time asked for anyway (a stale tab's) is refused.
    const offered = await api<ApiError>(HANNAH, 'GET', `${sessionPath(signedThenPostpone)}/alternatives`);
    expect(offered.status, JSON.stringify(offered.body)).toBe(409);
    expect(offered.body.error).toBe('record_signed');
    const to = new Date(Date.parse(signedThenPostpone.start) + 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const moved = await api<ApiError>(HANNAH, 'POST', `${sessionPath(signedThenPostpone)}/postpone`, { start: to, reason: 'illness' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(409);
    expect(moved.body.error).toBe('record_signed');
    const now = await api<{ session: Session }>(HANNAH, 'GET', sessionPath(signedThenPostpone));
    expect(now.body.session.start).toBe(signedThenPostpone.start);
    expect(now.body.session.postponements).toEqual([]);
  });
});

describe('a postponement from a tab opened before someone else moved the session', () => {
  it("is refused (409 session_moved, naming the new time) and the other person's move stands; the same time again is a repeat", async () => {
    const offered = await api<{ kind: string; candidates: { slot: { start: string } }[] }>(RACHEL, 'GET', `${sessionPath(movedTwice)}/alternatives`);
    expect(offered.status, JSON.stringify(offered.body)).toBe(200);
    const [first, second] = offered.body.candidates.map((c) => c.slot.start);
    if (!first || !second) throw new Error('fewer than two times offered');
    // Daniel's tab moves it; Rachel's, opened before, then asks for another time from the time it showed.
    const byDaniel = await api(DANIEL, 'POST', `${sessionPath(movedTwice)}/postpone`, { start: first, reason: 'illness', fromStart: movedTwice.start });
    expect(byDaniel.status, JSON.stringify(byDaniel.body)).toBe(200);
    const byRachel = await api<ApiError>(RACHEL, 'POST', `${sessionPath(movedTwice)}/postpone`, { start: second, reason: 'clash', fromStart: movedTwice.start });
    expect(byRachel.status, JSON.stringify(byRachel.body)).toBe(409);
    expect(byRachel.body).toMatchObject({ error: 'session_moved', message: expect.stringMatching(/^This session has moved to .+ since you looked, so it was not moved again\./) });
    const now = await api<{ session: Session }>(RACHEL, 'GET', sessionPath(movedTwice));
    expect(now.body.session.start).toBe(first);
    expect(now.body.session.postponements).toHaveLength(1);
    // Daniel's request sent again (a double click) is answered as done.
    expect((await api(DANIEL, 'POST', `${sessionPath(movedTwice)}/postpone`, { start: first, reason: 'illness', fromStart: movedTwice.start })).status).toBe(200);
  });
});
