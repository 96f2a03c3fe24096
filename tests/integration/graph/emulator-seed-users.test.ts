import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USERS, DSL_ID } from '../../../tools/m365-emulator/src/index.js';
import { createGraphCalendar, type NewCalendarEvent } from '../../../src/bot/graph/calendar.js';
import { createGraphClient } from '../../../src/bot/graph/graph-client.js';
import { emulatorStats, setFaults, startEmulatorFixture, type EmulatorFixture } from './emulator-fixture.js';

// POST /_emulator/users: bulk seeding of directory users (emulator-only, like the list-item seed).
// Everyone here is fictional, under the reserved .example domain.
const DOMAIN = 'seed-test.example';
const id = (n: number) => `c3000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const person = (n: number, extra: Record<string, string> = {}) => ({
  id: id(n),
  displayName: `Test Person ${n}`,
  givenName: 'Test',
  surname: `Person${n}`,
  jobTitle: n === 1 ? 'Designated Safeguarding Lead' : 'Teaching Assistant',
  department: n === 1 ? 'Safeguarding' : 'Inclusion',
  mail: `person${n}@${DOMAIN}`,
  userPrincipalName: `person${n}@${DOMAIN}`,
  ...extra,
});

describe('emulator bulk user seeding (POST /_emulator/users)', () => {
  let f: EmulatorFixture;
  beforeEach(async () => {
    f = await startEmulatorFixture();
  });
  afterEach(async () => {
    await f.stop();
  });

  const seed = async (body: unknown) => {
    const res = await f.fetch('/_emulator/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const graphGet = async (path: string) => {
    const res = await f.fetch(path, { headers: { authorization: `Bearer ${await f.appToken()}` } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('adds users that Graph then serves, with their manager, and keeps them across a restart', async () => {
    const graphBefore = (await emulatorStats(f)).graphHttpRequests;
    const res = await seed({ users: [person(1, { managerId: DSL_ID }), person(2, { managerId: id(1) })] });
    expect(res).toEqual({ status: 201, body: { created: 2, updated: 0, count: DEMO_USERS.length + 2 } });
    expect((await emulatorStats(f)).graphHttpRequests).toBe(graphBefore); // seeding is not Graph traffic

    expect(await graphGet(`/v1.0/users/${id(2)}?$select=id,displayName,department,mail`)).toMatchObject({
      status: 200,
      body: { id: id(2), displayName: 'Test Person 2', department: 'Inclusion', mail: `person2@${DOMAIN}` },
    });
    expect(await graphGet(`/v1.0/users/person1@${DOMAIN}`)).toMatchObject({ status: 200, body: { id: id(1) } });
    expect(await graphGet(`/v1.0/users/${id(2)}/manager`)).toMatchObject({ status: 200, body: { id: id(1) } });
    expect(await graphGet(`/v1.0/users/${id(1)}/manager`)).toMatchObject({ status: 200, body: { id: DSL_ID } });

    await f.restart();
    expect(await graphGet(`/v1.0/users/${id(2)}`)).toMatchObject({ status: 200, body: { id: id(2), displayName: 'Test Person 2' } });
  });

  it('is idempotent by id: a repeat changes nothing, a changed user is replaced', async () => {
    expect((await seed({ users: [person(1), person(2)] })).status).toBe(201);
    expect(await seed({ users: [person(1), person(2)] })).toEqual({ status: 200, body: { created: 0, updated: 2, count: DEMO_USERS.length + 2 } });
    expect((await seed({ users: [person(2, { jobTitle: 'Pastoral Support Worker' })] })).body).toMatchObject({ created: 0, updated: 1 });
    expect(await graphGet(`/v1.0/users/${id(2)}`)).toMatchObject({ body: { jobTitle: 'Pastoral Support Worker' } });
    // A UPN can move with its own id (the user was replaced), but not to another id.
    expect((await seed({ users: [person(2, { userPrincipalName: `renamed@${DOMAIN}` })] })).status).toBe(200);
    expect(await graphGet(`/v1.0/users/renamed@${DOMAIN}`)).toMatchObject({ status: 200, body: { id: id(2) } });
  });

  it.each([
    ['no users', {}, 'users'],
    ['an empty list', { users: [] }, 'users'],
    ['a missing property', { users: [{ ...person(1), surname: undefined }] }, 'users.0.surname'],
    ['an id that is not a GUID', { users: [person(1, { id: 'not-a-guid' })] }, 'users.0.id'],
    ['a bad mail address', { users: [person(1, { mail: 'nobody' })] }, 'users.0.mail'],
    ['a misspelt property', { users: [{ ...person(1), userPrincipleName: 'x@seed-test.example' }] }, 'users.0'],
    ['an id twice', { users: [person(1), person(1)] }, 'users.1.id'],
    ['a UPN another user has', { users: [person(1, { userPrincipalName: DEMO_USERS[0]?.userPrincipalName ?? '' })] }, 'users.0.userPrincipalName'],
    ['a mail address used twice', { users: [person(1), person(2, { mail: `person1@${DOMAIN}` })] }, 'users.1.mail'],
    ['an unknown manager', { users: [person(1, { managerId: id(99) })] }, 'users.0.managerId'],
    ['a user managing themselves', { users: [person(1, { managerId: id(1) })] }, 'users.0.managerId'],
  ])('refuses %s with 400 and a reason, adding no one', async (_name, body, field) => {
    const before = (await graphGet('/v1.0/users?$top=999&$select=id')).body['value'] as unknown[];
    const res = await seed(body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_request', field, message: expect.any(String) as unknown });
    expect((await graphGet('/v1.0/users?$top=999&$select=id')).body['value']).toHaveLength(before.length);
  });

  it('lets seeded users organise and attend events, in full $batch requests mixed across mailboxes', async () => {
    // 24 organizers (room for 4 batches of 20 in flight at 4 per mailbox), 24 attendees; Outlook's limit on.
    const organizers = Array.from({ length: 24 }, (_, i) => person(i + 1));
    const attendees = Array.from({ length: 24 }, (_, i) => person(i + 101));
    expect((await seed({ users: [...organizers, ...attendees] })).status).toBe(201);
    await setFaults(f, { rules: [{ kind: 'mailboxConcurrency', limit: 4, holdMs: 20 }] });

    // Grouped by organizer, as a caller would have them: 10 sessions each, 240 in all.
    const events: NewCalendarEvent[] = organizers.flatMap((o, i) =>
      Array.from({ length: 10 }, (_, s) => ({
        organizerId: o.id,
        transactionId: `seed-users-${i}-${s}`,
        subject: 'Safeguarding supervision',
        startUtc: new Date(Date.UTC(2031, 8, 8, 8) + s * 86_400_000).toISOString(),
        endUtc: new Date(Date.UTC(2031, 8, 8, 9) + s * 86_400_000).toISOString(),
        attendees: [{ address: (attendees[i] ?? attendees[0])?.mail ?? '' }],
      })),
    );
    const sizes: number[] = [];
    const results = await createGraphCalendar(createGraphClient(f.connection), { onBatch: (b) => sizes.push(b.requests) }).createEvents(events);
    expect(results.every((r) => r.ok)).toBe(true);
    // 240 creates in 12 batches of 20: each batch mixes at least 5 mailboxes, at most 4 requests each.
    expect(sizes).toEqual(Array.from({ length: 12 }, () => 20));
    const stats = await emulatorStats(f);
    expect(stats.injected.mailboxConcurrency).toBe(0);
    expect(stats.eventsCreated).toBe(240);

    const copies = ((await (await f.fetch(`/_emulator/events?mailbox=${id(101)}`)).json()) as { value: { isOrganizer: boolean; transactionId: string | null }[] }).value;
    expect(copies).toHaveLength(10);
    expect(copies.every((c) => !c.isOrganizer)).toBe(true);
    const view = await createGraphCalendar(createGraphClient(f.connection)).calendarView(id(101), '2031-09-01T00:00:00Z', '2031-10-31T00:00:00Z');
    expect(view).toHaveLength(10);
    expect(view[0]?.attendees[0]?.address).toBe(`person101@${DOMAIN}`);
  });
});
