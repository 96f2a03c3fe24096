// One Sessions item that no longer reads as a session (a hand edit in SharePoint) is left out of the read
// model and reported; it must not stop the list catching up, or changes other servers make after it would
// never reach the dashboard, chat commands or the calendar sync.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordStorePort } from '../../../src/bot/graph/record-store.js';
import { SESSIONS_LIST } from '../../../src/bot/storage/session-repository.js';
import { instantToLondon } from '../../../src/shared/calendar/london-time.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';
import { arrangementOf, bookOn, firstSchoolDayAfter, GRACE, LIAM, workingCalendarOf } from '../bot/bot-test-kit.js';

let stack: RunningStack;
beforeAll(async () => {
  stack = await startStack();
}, 60_000);
afterAll(async () => {
  await stack?.app.idle();
  await stack?.stop();
});

describe('the read model and an item that does not read', () => {
  it('leaves the item out, names it in its stats, and still takes in what another server writes after it', async () => {
    const { app } = stack;
    const store = app.store as RecordStorePort;
    const wc = await workingCalendarOf(app);
    const session = await bookOn(app, (await arrangementOf(app, GRACE, LIAM)).id, firstSchoolDayAfter(wc, instantToLondon(new Date().toISOString()).date));
    await app.readModel.snapshot();
    const [item] = (await store.query(SESSIONS_LIST, {})).filter((i) => String(i.fields['ValueJson']).includes(session.id));
    if (!item) throw new Error('the session is not in its list');
    const { IdempotencyKey: _key, Title: _title, ...columns } = item.fields as Record<string, string>;
    const broken = await store.create(SESSIONS_LIST, { idempotencyKey: 'hand-edited-item', fields: { ...columns, ValueJson: '{"id":"cut short' } });
    // Another server books a session (straight to the list: no write-through in this process).
    const otherId = `${session.id}-other-server`;
    await store.create(SESSIONS_LIST, { idempotencyKey: otherId, fields: { ...columns, ValueJson: JSON.stringify({ ...session, id: otherId }) } });
    await app.readModel.refresh();
    const ids = (await app.readModel.snapshot()).arrangements.flatMap((a) => a.sessions.map((s) => s.id));
    expect(ids).toEqual(expect.arrayContaining([session.id, otherId]));
    expect(app.readModel.stats().unreadable).toEqual([`${SESSIONS_LIST}:${broken.id}`]);
  });
});
