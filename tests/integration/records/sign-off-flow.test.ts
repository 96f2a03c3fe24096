// Records signed by both parties, end to end through the REST API on a real stack (emulator + server):
// write, send, sign, lock; a change is version 2 and version 1 stays readable; a group record locks only
// when everyone present has signed; content altered in the store is shown as a fingerprint mismatch; a
// record too large for its list column is refused whole. Fictional people only (the emulator's demo school).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordRepository, RECORDS_LIST } from '../../../src/bot/storage/record-repository.js';
import { VALUE_COLUMN } from '../../../src/bot/storage/json-items.js';
import { sendForSignature, startRecord as startVersion } from '../../../src/shared/records/sign-off.js';
import type { Session } from '../../../src/shared/sessions/session.js';
import { callApi, tokenFor, type ApiReply } from '../../support/api.js';
import { ADMIN_ID, AUDITOR_ID } from '../../../tools/m365-emulator/src/index.js';
import { graphReader, type GraphReader } from '../../support/graph-reader.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';
import { bookIndividualAndGroup, recordCalls, TOM, type ApiError, type RecordView } from './records-api-kit.js';
import { DANIEL, GRACE, HANNAH, LIAM, SOPHIE } from '../bot/bot-test-kit.js';

let stack: RunningStack;
let reader: GraphReader;
const tokens = new Map<string, string>();
let individual: Session;
let group: Session;

const api = <T>(who: string, method: string, path: string, body?: unknown): Promise<ApiReply<T>> => callApi<T>(stack, tokens.get(who), method, path, body);

beforeAll(async () => {
  stack = await startStack();
  reader = graphReader(stack.emulator);
  for (const id of [GRACE, LIAM, HANNAH, SOPHIE, TOM, DANIEL]) tokens.set(id, await tokenFor(stack, id));
  ({ individual, group } = await bookIndividualAndGroup(stack.app));
}, 90_000);

afterAll(async () => {
  await stack?.app.idle();
  await stack?.stop();
});

const { start, save, send, sign, read } = recordCalls(api);

describe('an individual record, signed by both parties', () => {
  let recordId = '';

  it('is written and sent by the supervisor, signed by the supervisee and then the supervisor, and locks', async () => {
    const draft = await start(GRACE, individual.id, 'individual');
    recordId = draft.record.recordId;
    expect(draft.record.state).toBe('draft');
    expect(draft.canEdit).toBe(true);

    // The supervisee can read it but not write it.
    expect((await save(LIAM, draft, { answers: { q1: 'x' }, actions: [] })).status).toBe(403);

    const saved = await save(GRACE, draft, {
      answers: { q1: 'Busy half term, coping well.', q12: 'yes' },
      actions: [{ id: 'a1', text: 'Read the updated online safety guidance', ownerId: LIAM, dueDate: '2027-02-01', done: false }],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.record.content.answers.q1).toBe('Busy half term, coping well.');

    const sent = await send(GRACE, saved.body);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.record.state).toBe('awaiting-signatures');
    expect(sent.body.record.signatories.map((s) => s.id).sort()).toEqual([GRACE, LIAM].sort());
    expect(sent.body.record.sentSha256).toBe(sent.body.fingerprint);

    const liamView = (await read(LIAM, recordId)).body;
    expect(liamView.canSign).toBe(true);
    expect(liamView.canEdit).toBe(false);
    // A fingerprint that is not the one of the content is refused.
    const wrong = await sign(LIAM, liamView, 'a'.repeat(64));
    expect(wrong.status).toBe(409);
    expect((wrong.body as unknown as ApiError).error).toBe('fingerprint_mismatch');

    // A malformed request is refused before anything is looked at, and audited too.
    const malformed = await api<ApiError>(LIAM, 'POST', `/api/records/${encodeURIComponent(recordId)}/sign`, { version: 1, sha256: 'not-a-fingerprint' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.field).toBe('sha256');
    const audited = await reader.store.query('AuditLog', { ActorId: LIAM });
    expect(
      audited.some(
        (a) => a.fields.Action === 'api.signRecord' && a.fields.TargetId === recordId && a.fields.Outcome === 'refused' && a.fields.Detail === 'invalid_request; field sha256',
      ),
    ).toBe(true);

    const liamSigned = await sign(LIAM, liamView);
    expect(liamSigned.status, JSON.stringify(liamSigned.body)).toBe(200);
    expect(liamSigned.body.record.state).toBe('awaiting-signatures');
    expect((await sign(LIAM, liamView)).status).toBe(409); // once is enough

    const graceSigned = await sign(GRACE, (await read(GRACE, recordId)).body);
    expect(graceSigned.status).toBe(200);
    expect(graceSigned.body.record.state).toBe('locked');
    expect(graceSigned.body.record.signatures.map((s) => s.userId).sort()).toEqual([GRACE, LIAM].sort());
    for (const s of graceSigned.body.record.signatures) expect(s.sha256).toBe(graceSigned.body.fingerprint);
  });

  it('a change after locking is version 2, awaiting signatures again once sent, and version 1 stays readable and locked', async () => {
    const locked = (await read(GRACE, recordId)).body;
    const changed = await save(GRACE, locked, { ...locked.record.content, answers: { ...locked.record.content.answers, q1: 'Corrected: a busy half term.' } });
    expect(changed.status).toBe(200);
    expect(changed.body.record.version).toBe(2);
    expect(changed.body.record.state).toBe('draft');
    const sent = await send(GRACE, changed.body);
    expect(sent.body.record.state).toBe('awaiting-signatures');

    const v1 = (await read(LIAM, recordId, 1)).body;
    expect(v1.record.version).toBe(1);
    expect(v1.record.state).toBe('locked');
    expect(v1.record.content.answers.q1).toBe('Busy half term, coping well.');
    expect(v1.integrity).toBe('intact');
    expect(v1.canSign).toBe(false);
    expect(v1.latestVersion).toBe(2);
    expect(v1.versions.map((v) => [v.version, v.state])).toEqual([
      [1, 'locked'],
      [2, 'awaiting-signatures'],
    ]);
  });

  it('shows content altered directly in the store as a fingerprint mismatch, refuses signing it, and audits it', async () => {
    const versions = await reader.store.query(RECORDS_LIST, { RecordId: recordId });
    const v1 = versions.find((i) => i.fields.Version === 1);
    if (!v1) throw new Error('version 1 is not stored');
    const value = JSON.parse(String(v1.fields[VALUE_COLUMN])) as RecordView['record'];
    value.content.answers.q1 = 'Someone edited this in SharePoint.';
    await reader.store.update(RECORDS_LIST, v1, { [VALUE_COLUMN]: JSON.stringify(value) });

    const shown = await read(DANIEL, recordId, 1);
    expect(shown.status).toBe(200);
    expect(shown.body.integrity).toBe('altered');
    expect(shown.body.versions.find((v) => v.version === 1)?.integrity).toBe('altered');
    const audit = await reader.store.query('AuditLog', { ActorId: DANIEL });
    expect(audit.some((a) => a.fields.Action === 'record.integrity' && a.fields.TargetId === recordId && a.fields.Outcome === 'failed')).toBe(true);
    // The latest version was not touched and is still intact.
    expect((await read(DANIEL, recordId)).body.integrity).toBe('intact');
  });

  it('refuses a save made against an older revision, even within the same second, and loses nothing', async () => {
    const v = (await read(GRACE, recordId)).body;
    const first = await save(GRACE, v, { ...v.record.content, answers: { ...v.record.content.answers, q9: 'Saved in one window' } });
    expect(first.status).toBe(200);
    expect(first.body.record.revision).toBe(v.record.revision + 1);
    // The other window still holds the revision it loaded: refused, and the first save stands.
    const second = await save(GRACE, v, { ...v.record.content, answers: { ...v.record.content.answers, q9: 'Saved in another' } });
    expect(second.status).toBe(409);
    expect((second.body as unknown as ApiError).error).toBe('record_changed');
    expect((await read(GRACE, recordId)).body.record.content.answers.q9).toBe('Saved in one window');
  });

  it('refuses a record too large for its list column, and keeps what was saved before', async () => {
    const v = (await read(GRACE, recordId)).body;
    const answers = Object.fromEntries(['q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9'].map((q) => [q, 'x'.repeat(8000)]));
    const refused = await save(GRACE, v, { ...v.record.content, answers: { ...v.record.content.answers, ...answers } });
    expect(refused.status).toBe(400);
    expect((refused.body as unknown as ApiError).error).toBe('record_too_large');
    expect((refused.body as unknown as ApiError).message).toMatch(/over the limit/);
    const after = (await read(GRACE, recordId)).body;
    expect(after.record.updatedAt).toBe(v.record.updatedAt);
    expect(after.record.content.answers.q2).toBeUndefined();
  });

  it('carries the open action into the next session’s record until it is done', async () => {
    const mine = await api<{ sessions: { session: Session }[] }>(GRACE, 'GET', '/api/sessions');
    const next = mine.body.sessions.map((v) => v.session).find((s) => s.arrangementId === individual.arrangementId && s.start > individual.start && s.status === 'booked');
    if (!next) throw new Error('the year was booked: there is a later session');
    const draft = await start(GRACE, next.id, 'individual');
    expect(draft.record.content.actions).toEqual([expect.objectContaining({ id: 'a1', ownerId: LIAM, done: false, agreedInSessionId: individual.id })]);
    // …and onto that session's agenda, under "Actions from last time".
    const agenda = await stack.app.useCases.getAgenda({ caller: { id: LIAM, roles: [] }, sessionId: next.id });
    expect(agenda.ok && agenda.value.openActions).toEqual([{ text: 'Read the updated online safety guidance', ownerName: 'Liam Doherty' }]);
    // Both versions of the earlier record are still stored.
    expect((await createRecordRepository(reader.store).listVersions(recordId)).map((v) => v.value.version)).toEqual([1, 2]);
  });
});

describe('auditor access', () => {
  it('lets an auditor list and read records only while the DSL’s grant lasts, and never wellbeing records', async () => {
    tokens.set(AUDITOR_ID, await tokenFor(stack, AUDITOR_ID));
    const wellbeing = await start(GRACE, individual.id, 'wellbeing');
    const list = () => api<{ records: { recordId: string; kind: string }[] }>(AUDITOR_ID, 'GET', '/api/records');
    // Whether a wellbeing record exists is not given away to someone who may not read one.
    tokens.set(ADMIN_ID, await tokenFor(stack, ADMIN_ID));
    expect((await read(ADMIN_ID, wellbeing.record.recordId)).status).toBe(403);
    expect((await read(ADMIN_ID, `${group.id}.wellbeing`)).status).toBe(403);
    expect((await list()).body.records).toEqual([]);
    expect((await read(AUDITOR_ID, `${individual.id}.individual`)).status).toBe(403);

    const granted = await api<{ id: string; expiresAt: string }>(DANIEL, 'POST', '/api/auditor-grants', { auditorId: AUDITOR_ID, days: 1, purpose: 'Fictional inspection' });
    expect(granted.status).toBe(201);
    // Asked again (a retry after a lost answer): the same grant, so revoking it below ends the access.
    const again = await api<{ id: string; expiresAt: string }>(DANIEL, 'POST', '/api/auditor-grants', { auditorId: AUDITOR_ID, days: 1, purpose: 'Fictional inspection' });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: granted.body.id, expiresAt: granted.body.expiresAt });
    const listed = (await list()).body.records;
    expect(listed.map((r) => r.recordId)).toContain(`${individual.id}.individual`);
    expect(listed.map((r) => r.kind)).not.toContain('wellbeing');
    expect((await read(AUDITOR_ID, `${individual.id}.individual`)).status).toBe(200);
    expect((await read(AUDITOR_ID, wellbeing.record.recordId)).status).toBe(403);
    // Read-only: an auditor cannot change or sign anything.
    const v = (await read(AUDITOR_ID, `${individual.id}.individual`)).body;
    expect((await save(AUDITOR_ID, v, v.record.content)).status).toBe(403);

    expect((await api(DANIEL, 'POST', `/api/auditor-grants/${granted.body.id}/revoke`)).status).toBe(200);
    expect((await read(AUDITOR_ID, `${individual.id}.individual`)).status).toBe(403);
    expect((await list()).body.records).toEqual([]);
  });
});

describe('a group record', () => {
  it('names who takes forward any immediate concern, and locks only when every attendee present has signed', async () => {
    const draft = await start(HANNAH, group.id, 'group');
    expect(draft.record.recordId.endsWith('.group')).toBe(true);
    // Without attendance and the named person it cannot be sent.
    const notReady = await send(HANNAH, draft);
    expect(notReady.status).toBe(400);
    const fields = (notReady.body as unknown as ApiError).issues?.map((i) => i.field) ?? [];
    expect(fields).toEqual(expect.arrayContaining(['content.attendance', 'content.takesForwardId']));

    // Tom is absent: he is not asked to sign.
    const saved = await save(HANNAH, draft, {
      answers: Object.fromEntries(draft.template.questions.filter((q) => q.required).map((q) => [q.id, q.kind === 'yes-no' ? 'yes' : 'Discussed as a group.'])),
      actions: [],
      attendance: [
        { userId: HANNAH, present: true },
        { userId: SOPHIE, present: true },
        { userId: GRACE, present: true },
        { userId: TOM, present: false },
      ],
      takesForwardId: SOPHIE,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const sent = await send(HANNAH, saved.body);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.record.signatories.map((s) => s.id).sort()).toEqual([HANNAH, SOPHIE, GRACE].sort());
    expect(sent.body.record.content.takesForwardId).toBe(SOPHIE);

    expect((await sign(TOM, (await read(TOM, draft.record.recordId)).body)).status).toBe(403);
    for (const who of [SOPHIE, HANNAH]) {
      const r = await sign(who, (await read(who, draft.record.recordId)).body);
      expect(r.status).toBe(200);
      expect(r.body.record.state).toBe('awaiting-signatures');
    }
    const last = await sign(GRACE, (await read(GRACE, draft.record.recordId)).body);
    expect(last.body.record.state).toBe('locked');
  });
});

describe('saves from windows that fell behind', () => {
  // A record of its own (the session's history), so the flows above keep theirs.
  const lock = async (v: RecordView): Promise<RecordView> => {
    const sent = await send(GRACE, v);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect((await sign(LIAM, (await read(LIAM, v.record.recordId)).body)).status).toBe(200);
    const locked = await sign(GRACE, (await read(GRACE, v.record.recordId)).body);
    expect(locked.body.record.state).toBe('locked');
    return locked.body;
  };

  it('refuses a save from a window still showing an earlier version, whichever of its revisions it holds, and loses nothing', async () => {
    const draft = await start(GRACE, individual.id, 'history');
    const first = await save(GRACE, draft, { answers: { previous: 'Version 1: none before this school.' }, actions: [] });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const locked = await lock(first.body);

    // Another window changes it: version 2, whose revisions carry on from version 1's, and it keeps saving.
    let v2 = await save(GRACE, locked, { answers: { previous: 'Version 2: a careful correction.' }, actions: [] });
    expect(v2.status, JSON.stringify(v2.body)).toBe(200);
    expect(v2.body.record.version).toBe(2);
    expect(v2.body.record.revision).toBeGreaterThan(locked.record.revision);
    for (const more of ['Version 2: corrected again.', 'Version 2: the correction, finished.']) {
      v2 = await save(GRACE, v2.body, { answers: { previous: more }, actions: [] });
      expect(v2.status, JSON.stringify(v2.body)).toBe(200);
    }

    // Every revision a window could still hold from version 1 is refused against version 2.
    for (let revision = 0; revision <= locked.record.revision; revision++) {
      const stale = await api<ApiError>(GRACE, 'PUT', `/api/records/${encodeURIComponent(draft.record.recordId)}`, {
        content: { answers: { previous: `Stale text from a window at revision ${revision}.` }, actions: [] },
        baseRevision: revision,
      });
      expect(stale.status, `revision ${revision}: ${JSON.stringify(stale.body)}`).toBe(409);
      expect(stale.body.error).toBe('record_changed');
    }
    const after = (await read(GRACE, draft.record.recordId)).body;
    expect(after.record).toMatchObject({ version: 2, revision: v2.body.record.revision });
    expect(after.record.content.answers.previous).toBe('Version 2: the correction, finished.');
    expect((await read(GRACE, draft.record.recordId, 1)).body.record.content.answers.previous).toBe('Version 1: none before this school.');
  });

  it('of two saves racing over a locked version, one starts the next version and the other is refused (409), never dropped', async () => {
    const recordId = `${individual.id}.history`;
    const locked = await lock((await read(GRACE, recordId)).body);
    const put = (text: string) =>
      api<RecordView>(GRACE, 'PUT', `/api/records/${encodeURIComponent(recordId)}`, {
        content: { answers: { previous: text }, actions: [] },
        baseRevision: locked.record.revision,
      });
    // Every Graph call is slowed alike, so both saves read the locked version before either writes the next.
    await reader.setFaults({ latencyMs: 150 });
    let replies: ApiReply<RecordView>[];
    try {
      replies = await Promise.all([put('From window A.'), put('From window B.')]);
    } finally {
      await reader.clearFaults();
    }
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    const won = replies.find((r) => r.status === 200) as ApiReply<RecordView>;
    const lost = replies.find((r) => r.status === 409) as ApiReply<RecordView>;
    expect((lost.body as unknown as ApiError).error).toBe('record_changed');
    expect(won.body.record.version).toBe(locked.record.version + 1);
    // What the store holds is what the 200 said was saved.
    const after = (await read(GRACE, recordId)).body;
    expect(after.record.version).toBe(locked.record.version + 1);
    expect(after.record.content.answers.previous).toBe(won.body.record.content.answers.previous);
    const audit = await reader.store.query('AuditLog', { ActorId: GRACE });
    expect(audit.some((a) => a.fields.Action === 'record.save' && a.fields.TargetId === recordId && a.fields.Outcome === 'refused' && a.fields.Detail === 'record_changed')).toBe(
      true,
    );
  });
});

describe('wellbeing records and groups', () => {
  it('are not offered or started in a group session: the supervisor is told to use an individual session', async () => {
    const offered = await api<{ canStart: string[] }>(HANNAH, 'GET', `/api/sessions/${encodeURIComponent(group.id)}/records`);
    expect(offered.status).toBe(200);
    expect(offered.body.canStart).not.toContain('wellbeing');
    expect(offered.body.canStart).not.toContain('individual');

    const refused = await api<ApiError>(HANNAH, 'POST', `/api/sessions/${encodeURIComponent(group.id)}/records`, { kind: 'wellbeing' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'wrong_kind', field: 'kind' });
    expect(refused.body.message).toMatch(/individual session/);
    expect(await createRecordRepository(reader.store).listVersions(`${group.id}.wellbeing`)).toEqual([]);
    const audit = await reader.store.query('AuditLog', { ActorId: HANNAH });
    expect(audit.some((a) => a.fields.Action === 'record.start' && a.fields.TargetId === group.id && a.fields.Outcome === 'refused' && a.fields.Detail === 'wrong_kind')).toBe(
      true,
    );
  });

  it('one already started in a group (and sent to everyone) is read only by its supervisor and the DSL, and cannot be signed by or sent to the group', async () => {
    const secret = 'Fictional concern about the supervisee’s own welfare';
    const parties = [HANNAH, SOPHIE, GRACE, TOM].map((id) => ({ id, displayName: id }));
    // Written straight to the store, as the app wrote such records before it refused them.
    const started = startVersion(
      { recordId: `${group.id}.wellbeing`, kind: 'wellbeing', templateId: 'wellbeing', arrangementId: group.arrangementId, sessionId: group.id, sessionStart: group.start },
      { answers: { concern: secret, 'consent-to-share': 'no' }, actions: [] },
      HANNAH,
      group.start,
    );
    const sentToAll = sendForSignature(started, parties, group.start);
    if (!sentToAll.ok) throw new Error(sentToAll.message);
    await createRecordRepository(reader.store).create(sentToAll.record);
    const recordId = sentToAll.record.recordId;

    for (const who of [SOPHIE, GRACE, TOM]) {
      const shown = await read(who, recordId);
      expect(shown.status, who).toBe(403);
      expect(JSON.stringify(shown.body)).not.toContain(secret);
      const listed = await api<{ records: { recordId: string }[] }>(who, 'GET', `/api/sessions/${encodeURIComponent(group.id)}/records`);
      expect(
        listed.body.records.map((r) => r.recordId),
        who,
      ).not.toContain(recordId);
      // Asked to sign it, but signing would show it: refused too.
      const signed = await sign(who, { ...sentToAll, record: { ...sentToAll.record }, fingerprint: sentToAll.record.sentSha256 ?? '' } as unknown as RecordView);
      expect(signed.status, who).toBe(403);
      expect(JSON.stringify(signed.body)).not.toContain(secret);
    }
    for (const who of [HANNAH, DANIEL]) expect((await read(who, recordId)).status, who).toBe(200);

    // The supervisor can still write it, but not send it to the group.
    const mine = (await read(HANNAH, recordId)).body;
    const saved = await save(HANNAH, mine, mine.record.content);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const resent = await send(HANNAH, saved.body);
    expect(resent.status).toBe(409);
    expect((resent.body as unknown as ApiError).error).toBe('wellbeing_in_group');
    expect((await read(HANNAH, recordId)).body.record.state).toBe('draft');
  });
});
