import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually, failure, graphCalls, slotFactory } from './graph-calls.js';
import { startNotificationReceiver, waitFor, type NotificationReceiver, type ReceivedNotification } from './notification-receiver.js';
import type { ContractTarget, EmulatorControls } from './target.js';

interface Subscription {
  id: string;
  resource: string;
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  expirationDateTime: string;
  clientState: string | null;
  applicationId: string;
  creatorId: string;
  latestSupportedTlsVersion: string;
}

/**
 * Change notifications for events (https://learn.microsoft.com/graph/change-notifications-delivery-webhooks):
 * the validation handshake, expiry limits, created/updated/deleted notifications from every path,
 * lifecycle notifications, and a lost notification that delta still reports. The receiver is an http
 * server on 127.0.0.1, so this suite needs a target that can reach it (the emulator) and its controls.
 */
export function notificationsContract(target: () => ContractTarget): void {
  let receiver: NotificationReceiver;
  beforeAll(async () => {
    receiver = await startNotificationReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });

  const slot = slotFactory(2035);
  const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
  const setup = () => {
    const t = target();
    const controls: EmulatorControls | undefined = t.controls;
    if (!controls) throw new Error('the notifications contract needs a target whose notification URL it can serve (the emulator)');
    const attendee = t.attendees[0];
    if (!attendee) throw new Error('the contract needs one attendee');
    return { t, g: graphCalls(t), controls, attendee };
  };
  const subscribe = async (t: ContractTarget, mailbox: string, extra: { path?: string; lifecycle?: string; expirationDateTime?: string; changeType?: string } = {}) => {
    const path = extra.path ?? `/notify/${randomUUID()}`;
    const clientState = `state-${randomUUID()}`;
    const sub = (await graphCalls(t)
      .client.api('/subscriptions')
      .post({
        changeType: extra.changeType ?? 'created,updated,deleted',
        notificationUrl: receiver.url(path),
        ...(extra.lifecycle ? { lifecycleNotificationUrl: receiver.url(extra.lifecycle) } : {}),
        resource: `users/${encodeURIComponent(mailbox)}/events`,
        expirationDateTime: extra.expirationDateTime ?? minutesFromNow(60),
        clientState,
      })) as Subscription;
    return { sub, path, clientState };
  };
  const notification = (path: string, what: string, match: (n: ReceivedNotification) => boolean) => waitFor(what, () => receiver.received(path).find(match));

  it('validates both URLs before creating a subscription, then lists, reads and deletes it', async () => {
    const { t, g } = setup();
    const lifecycle = `/lifecycle/${randomUUID()}`;
    const { sub, path, clientState } = await subscribe(t, t.organizerId, { lifecycle });
    expect(sub).toMatchObject({
      resource: `users/${encodeURIComponent(t.organizerId)}/events`,
      changeType: 'created,updated,deleted',
      notificationUrl: receiver.url(path),
      lifecycleNotificationUrl: receiver.url(lifecycle),
      clientState,
      applicationId: t.connection.clientId,
      latestSupportedTlsVersion: 'v1_2',
    });
    expect(sub.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(sub.creatorId).toBeTruthy();
    // The handshake: a POST with ?validationToken=... and a text/plain content type, on each URL.
    const seen = receiver.validations.filter((v) => v.path === path || v.path === lifecycle);
    expect(seen.map((v) => v.path).sort()).toEqual([path, lifecycle].sort());
    for (const v of seen) {
      expect(v.token.length).toBeGreaterThan(0);
      expect(v.contentType).toMatch(/^text\/plain/);
    }

    expect(await g.client.api(`/subscriptions/${sub.id}`).get()).toMatchObject({ id: sub.id, expirationDateTime: sub.expirationDateTime });
    const list = (await g.client.api('/subscriptions').get()) as { value: Subscription[] };
    expect(list.value.map((s) => s.id)).toContain(sub.id);
    await g.client.api(`/subscriptions/${sub.id}`).delete();
    expect(await failure(g.client.api(`/subscriptions/${sub.id}`).get())).toMatchObject({ statusCode: 404 });
    expect(await failure(g.client.api(`/subscriptions/${sub.id}`).delete())).toMatchObject({ statusCode: 404 });
  });

  it('creates no subscription when an endpoint does not echo the validation token', async () => {
    const { t, g } = setup();
    for (const mode of ['wrong-token', 'http-500', 'json'] as const) {
      const path = `/bad/${mode}/${randomUUID()}`;
      receiver.handshake(path, mode);
      const err = await failure(subscribe(t, t.organizerId, { path }));
      expect(err, mode).toMatchObject({ statusCode: 400 });
      expect(err?.message).toMatch(/validation request failed/i);
      const list = (await g.client.api('/subscriptions').get()) as { value: Subscription[] };
      expect(list.value.some((s) => s.notificationUrl === receiver.url(path))).toBe(false);
    }
    // A lifecycle URL that fails the handshake fails the create too.
    const lifecycle = `/bad-lifecycle/${randomUUID()}`;
    receiver.handshake(lifecycle, 'wrong-token');
    expect(await failure(subscribe(t, t.organizerId, { lifecycle }))).toMatchObject({ statusCode: 400 });
  });

  it('refuses an expiry in the past or beyond the Outlook maximum, on create and on renewal', async () => {
    const { t, g } = setup();
    expect(await failure(subscribe(t, t.organizerId, { expirationDateTime: minutesFromNow(-5) }))).toMatchObject({ statusCode: 400 });
    expect(await failure(subscribe(t, t.organizerId, { expirationDateTime: minutesFromNow(10_200) }))).toMatchObject({ statusCode: 400 });
    // Within every documented maximum (4,230 minutes is the smallest Learn has given for Outlook events).
    const { sub } = await subscribe(t, t.organizerId, { expirationDateTime: minutesFromNow(4_000) });
    const api = g.client.api(`/subscriptions/${sub.id}`);
    expect(await failure(api.patch({ expirationDateTime: minutesFromNow(10_200) }))).toMatchObject({ statusCode: 400 });
    expect(await failure(api.patch({ expirationDateTime: minutesFromNow(-1) }))).toMatchObject({ statusCode: 400 });
    const renewed = minutesFromNow(4_100);
    const after = (await g.client.api(`/subscriptions/${sub.id}`).patch({ expirationDateTime: renewed })) as Subscription;
    expect(Date.parse(after.expirationDateTime)).toBe(Date.parse(renewed));
    expect(await failure(g.client.api(`/subscriptions/${randomUUID()}`).patch({ expirationDateTime: renewed }))).toMatchObject({ statusCode: 404 });
    await g.client.api(`/subscriptions/${sub.id}`).delete();
  });

  it('notifies created, updated and deleted with the clientState and the resource', async () => {
    const { t, g } = setup();
    const { sub, path, clientState } = await subscribe(t, t.organizerId);
    const event = await g.createEvent(t.organizerId, { subject: 'Safeguarding supervision', ...slot(0, 9) });
    const created = await notification(path, 'created', (n) => n.changeType === 'created' && n.resourceData?.id === event.id);
    expect(created).toMatchObject({
      subscriptionId: sub.id,
      subscriptionExpirationDateTime: sub.expirationDateTime,
      clientState,
      resourceData: { '@odata.type': '#Microsoft.Graph.Event', id: event.id },
    });
    expect(created.tenantId).toBe(t.connection.tenantId);
    expect(created.resource).toMatch(new RegExp(`^Users/[^/]+/Events/${escape(event.id)}$`));
    expect(created.resourceData?.['@odata.id']).toBe(created.resource);
    expect(created.resourceData?.['@odata.etag']).toMatch(/^W\/"/);

    await g.updateEvent(t.organizerId, event.id, { subject: 'Safeguarding supervision (moved room)' });
    expect(await notification(path, 'updated', (n) => n.changeType === 'updated' && n.resourceData?.id === event.id)).toMatchObject({ clientState });
    await g.deleteEvent(t.organizerId, event.id);
    expect(await notification(path, 'deleted', (n) => n.changeType === 'deleted' && n.resourceData?.id === event.id)).toMatchObject({ clientState });
    await g.client.api(`/subscriptions/${sub.id}`).delete();
  });

  it('notifies only the change types subscribed to, including changes made in a $batch', async () => {
    const { t, g } = setup();
    const { sub, path } = await subscribe(t, t.organizerId, { changeType: 'created' });
    const when = [slot(1, 9), slot(1, 11)];
    const batch = (await g.client.api('/$batch').post({
      requests: when.map((w, i) => ({
        id: String(i + 1),
        method: 'POST',
        url: `/users/${encodeURIComponent(t.organizerId)}/events`,
        headers: { 'content-type': 'application/json' },
        body: { subject: 'Safeguarding supervision', start: { dateTime: w.startUtc, timeZone: 'UTC' }, end: { dateTime: w.endUtc, timeZone: 'UTC' } },
      })),
    })) as { responses: { status: number; body: { id: string } }[] };
    const ids = batch.responses.map((r) => r.body.id);
    expect(batch.responses.map((r) => r.status)).toEqual([201, 201]);
    await waitFor('both created', () => (ids.every((id) => receiver.received(path).some((n) => n.resourceData?.id === id)) ? true : undefined));
    await g.updateEvent(t.organizerId, ids[0] ?? '', { subject: 'Renamed' });
    await g.deleteEvent(t.organizerId, ids[1] ?? '');
    // A later created notification proves the update and delete above were not sent.
    const marker = await g.createEvent(t.organizerId, { subject: 'Marker', ...slot(1, 14) });
    await notification(path, 'marker created', (n) => n.resourceData?.id === marker.id);
    expect(receiver.received(path).map((n) => n.changeType)).toEqual(['created', 'created', 'created']);
    await g.client.api(`/subscriptions/${sub.id}`).delete();
  });

  it("notifies the attendee's mailbox when the organizer invites, moves and cancels, and both mailboxes when the attendee responds", async () => {
    const { t, g, attendee } = setup();
    const toAttendee = await subscribe(t, attendee.userId);
    const toOrganizer = await subscribe(t, t.organizerId);
    const event = await g.createEvent(t.organizerId, { subject: 'Safeguarding supervision', ...slot(2, 10), attendees: [attendee.address] });
    const invited = await notification(toAttendee.path, 'the copy created', (n) => n.changeType === 'created');
    const copy = await g.copyOf(attendee.userId, event);
    expect(invited.resourceData?.id).toBe(copy?.id);
    expect(invited.clientState).toBe(toAttendee.clientState);

    await g.updateEvent(t.organizerId, event.id, slot(3, 14));
    await notification(toAttendee.path, 'the copy moved', (n) => n.changeType === 'updated' && n.resourceData?.id === copy?.id);

    const before = receiver.received(toOrganizer.path).length;
    await g.client.api(`/users/${encodeURIComponent(attendee.userId)}/events/${encodeURIComponent(copy?.id ?? '')}/accept`).post({ comment: 'See you there', sendResponse: true });
    await notification(
      toAttendee.path,
      'the copy accepted',
      (n) => n.changeType === 'updated' && n.resourceData?.id === copy?.id && receiver.received(toAttendee.path).indexOf(n) >= 2,
    );
    await waitFor('the organizer event updated by the response', () =>
      receiver
        .received(toOrganizer.path)
        .slice(before)
        .find((n) => n.changeType === 'updated' && n.resourceData?.id === event.id),
    );

    await g.cancelEvent(t.organizerId, event.id);
    await notification(toOrganizer.path, 'organizer event deleted', (n) => n.changeType === 'deleted' && n.resourceData?.id === event.id);
    await waitFor('the copy cancelled', () =>
      receiver
        .received(toAttendee.path)
        .filter((n) => n.resourceData?.id === copy?.id && n.changeType === 'updated')
        .at(2),
    );
    for (const s of [toAttendee, toOrganizer]) await g.client.api(`/subscriptions/${s.sub.id}`).delete();
  });

  it('sends lifecycle notifications; subscriptionRemoved removes the subscription', async () => {
    const { t, g, controls } = setup();
    const lifecycle = `/lifecycle/${randomUUID()}`;
    const { sub, clientState } = await subscribe(t, t.organizerId, { lifecycle });
    for (const lifecycleEvent of ['reauthorizationRequired', 'missed', 'subscriptionRemoved'] as const) {
      await controls.lifecycle(sub.id, lifecycleEvent);
      const got = await notification(lifecycle, lifecycleEvent, (n) => n.lifecycleEvent === lifecycleEvent);
      expect(got).toMatchObject({ subscriptionId: sub.id, subscriptionExpirationDateTime: sub.expirationDateTime, clientState, tenantId: t.connection.tenantId });
      expect(got.resource).toBeUndefined();
    }
    expect(await failure(g.client.api(`/subscriptions/${sub.id}`).get())).toMatchObject({ statusCode: 404 });
  });

  it('retries a notification the endpoint failed, and delivers nothing for an expired subscription', async () => {
    const { t, g, controls } = setup();
    const { sub, path } = await subscribe(t, t.organizerId);
    receiver.failNext(path, 2);
    const before = await controls.notificationStats();
    const event = await g.createEvent(t.organizerId, { subject: 'Safeguarding supervision', ...slot(4, 9) });
    await notification(path, 'created after retries', (n) => n.resourceData?.id === event.id);
    expect((await controls.notificationStats()).retries - before.retries).toBeGreaterThanOrEqual(2);
    await g.client.api(`/subscriptions/${sub.id}`).delete();

    const short = await subscribe(t, t.organizerId, { expirationDateTime: new Date(Date.now() + 1_500).toISOString() });
    const witness = await subscribe(t, t.organizerId);
    await waitFor('the subscription to expire', async () => ((await failure(g.client.api(`/subscriptions/${short.sub.id}`).get()))?.statusCode === 404 ? true : undefined));
    const list = (await g.client.api('/subscriptions').get()) as { value: Subscription[] };
    expect(list.value.map((s) => s.id)).not.toContain(short.sub.id);
    const later = await g.createEvent(t.organizerId, { subject: 'Safeguarding supervision', ...slot(4, 11) });
    await notification(witness.path, 'the live subscription notified', (n) => n.resourceData?.id === later.id);
    expect(receiver.received(short.path)).toEqual([]);
    await g.client.api(`/subscriptions/${witness.sub.id}`).delete();
  });

  it('loses a notification when the fault says so, and delta still reports the change', async () => {
    const { t, g, controls } = setup();
    const window = { from: slot(5, 0).startUtc, to: slot(6, 0).startUtc };
    const deltaUrl = `/users/${encodeURIComponent(t.organizerId)}/calendarView/delta?startDateTime=${window.from}&endDateTime=${window.to}`;
    let page = (await g.client.api(deltaUrl).get()) as { value: unknown[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string };
    while (page['@odata.nextLink']) page = (await g.client.api(page['@odata.nextLink']).get()) as typeof page;
    const deltaLink = page['@odata.deltaLink'] ?? '';

    const { sub, path } = await subscribe(t, t.organizerId);
    await controls.setFaults({ rules: [{ kind: 'dropNotification', method: 'created', times: 1 }] });
    try {
      const before = await controls.notificationStats();
      const lost = await g.createEvent(t.organizerId, { subject: 'Safeguarding supervision', ...slot(5, 9) });
      const marker = await g.createEvent(t.organizerId, { subject: 'Marker', ...slot(5, 11) });
      await notification(path, 'the second create', (n) => n.resourceData?.id === marker.id);
      expect(receiver.received(path).some((n) => n.resourceData?.id === lost.id)).toBe(false);
      expect((await controls.notificationStats()).dropped - before.dropped).toBe(1);

      const changed = (await eventually(t, async () => {
        const r = (await g.client.api(deltaLink).get()) as { value: { id: string }[] };
        if (!r.value.some((e) => e.id === lost.id)) throw new Error('the lost change is not in delta yet');
        return r.value;
      })) as { id: string }[];
      expect(changed.map((e) => e.id)).toEqual(expect.arrayContaining([lost.id, marker.id]));
    } finally {
      await controls.clearFaults();
      await g.client.api(`/subscriptions/${sub.id}`).delete();
    }
  });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
