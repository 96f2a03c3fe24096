import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USERS, DSL_ID, SAFEGUARDING_SITE_ID } from '../../../tools/m365-emulator/src/index.js';
import { createGraphCalendar } from '../../../src/bot/graph/calendar.js';
import { createGraphClient } from '../../../src/bot/graph/graph-client.js';
import { createGraphDirectory } from '../../../src/bot/graph/directory.js';
import { createSharePointStore } from '../../../src/bot/graph/record-store.js';
import { sessionsSpec } from './contract/record-store-contract.js';
import { emulatorStats, setFaults, startEmulatorFixture, type EmulatorFixture } from './emulator-fixture.js';

describe('emulator state and transient failures', () => {
  let f: EmulatorFixture;
  beforeEach(async () => {
    f = await startEmulatorFixture();
  });
  afterEach(async () => {
    await f.stop();
  });

  it('keeps events (with attendee copies) and list items across a restart', async () => {
    const attendee = DEMO_USERS.find((u) => u.role === 'head-of-year');
    const spec = sessionsSpec('durable');
    const calendar = () => createGraphCalendar(createGraphClient(f.connection));
    const store = () => createSharePointStore(createGraphClient(f.connection), { siteId: SAFEGUARDING_SITE_ID, lists: [spec] });
    const event = await calendar().createEvent({
      organizerId: DSL_ID,
      transactionId: 'durable-1',
      subject: 'Safeguarding supervision',
      startUtc: '2031-03-03T10:00:00Z',
      endUtc: '2031-03-03T11:00:00Z',
      attendees: attendee ? [{ address: attendee.mail }] : [],
    });
    const item = await store().create(spec.name, { idempotencyKey: 'durable-item', fields: { ArrangementId: 'a1', Status: 'planned' } });

    await f.restart();

    expect(await calendar().getEvent(DSL_ID, event.id)).toMatchObject({ id: event.id, startUtc: '2031-03-03T10:00:00Z' });
    const copies = await calendar().calendarView(attendee?.id ?? '', '2031-03-03T00:00:00Z', '2031-03-04T00:00:00Z');
    expect(copies.map((c) => c.iCalUId)).toEqual([event.iCalUId]);
    expect(await store().get(spec.name, item.id)).toMatchObject({ eTag: item.eTag, fields: { Status: 'planned' } });
    // transactionId dedupe survives the restart too.
    expect(
      (
        await calendar().createEvent({
          organizerId: DSL_ID,
          transactionId: 'durable-1',
          subject: 'Safeguarding supervision',
          startUtc: '2031-03-03T10:00:00Z',
          endUtc: '2031-03-03T11:00:00Z',
          attendees: [],
        })
      ).id,
    ).toBe(event.id);
  });

  it('retries a 503 with Retry-After on a plain request', async () => {
    await setFaults(f, { rules: [{ kind: 'unavailable', method: 'GET', path: '^/users/[^/]+$', times: 2, retryAfterSeconds: 0.1 }] });
    const directory = createGraphDirectory(createGraphClient(f.connection));
    expect((await directory.getUser(DSL_ID))?.displayName).toBe('Daniel Okafor');
    expect((await emulatorStats(f)).injected.unavailable).toBe(2);
  });
});
