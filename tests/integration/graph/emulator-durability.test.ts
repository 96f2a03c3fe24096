import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USERS, DSL_ID, SAFEGUARDING_SITE_ID } from '../../../tools/m365-emulator/src/index.js';
import { createGraphCalendar } from '../../../src/bot/graph/calendar.js';
import { createGraphClient } from '../../../src/bot/graph/graph-client.js';
import { createGraphDirectory } from '../../../src/bot/graph/directory.js';
import { createSharePointStore } from '../../../src/bot/graph/record-store.js';
import { graphCalls } from './contract/graph-calls.js';
import { startNotificationReceiver, waitFor } from './contract/notification-receiver.js';
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

  it('keeps subscriptions and delta tokens across a restart', async () => {
    const receiver = await startNotificationReceiver();
    try {
      const target = () => ({ name: 'emulator', connection: f.connection, organizerId: DSL_ID, attendees: [], siteId: SAFEGUARDING_SITE_ID, runId: 'durable' });
      const sub = (await graphCalls(target())
        .client.api('/subscriptions')
        .post({
          changeType: 'created',
          notificationUrl: receiver.url('/notify'),
          resource: `users/${DSL_ID}/events`,
          expirationDateTime: new Date(Date.now() + 3_600_000).toISOString(),
          clientState: 'durable',
        })) as { id: string };
      const window = `/users/${DSL_ID}/calendarView/delta?startDateTime=2031-04-01T00:00:00Z&endDateTime=2031-04-02T00:00:00Z`;
      const { '@odata.deltaLink': deltaLink } = (await graphCalls(target()).client.api(window).get()) as { '@odata.deltaLink': string };

      await f.restart();

      const g = graphCalls(target());
      expect(await g.client.api(`/subscriptions/${sub.id}`).get()).toMatchObject({ id: sub.id, clientState: 'durable' });
      const event = await g.createEvent(DSL_ID, { subject: 'After restart', startUtc: '2031-04-01T09:00:00Z', endUtc: '2031-04-01T10:00:00Z' });
      await waitFor('the notification after the restart', () => receiver.received('/notify').find((n) => n.resourceData?.id === event.id));
      // The deltaLink is on the old port's origin; the path and token are what matter.
      const link = new URL(deltaLink);
      const changed = (await g.client.api(`${link.pathname.replace(/^\/v1\.0/, '')}${link.search}`).get()) as { value: { id: string }[] };
      expect(changed.value.map((e) => e.id)).toEqual([event.id]);
    } finally {
      await receiver.close();
    }
  });

  it('retries a 503 with Retry-After on a plain request', async () => {
    await setFaults(f, { rules: [{ kind: 'unavailable', method: 'GET', path: '^/users/[^/]+$', times: 2, retryAfterSeconds: 0.1 }] });
    const directory = createGraphDirectory(createGraphClient(f.connection));
    expect((await directory.getUser(DSL_ID))?.displayName).toBe('Daniel Okafor');
    expect((await emulatorStats(f)).injected.unavailable).toBe(2);
  });
});
