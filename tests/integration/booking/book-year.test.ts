// Booking the year (issue #8), end to end: preview, moves, the background job, and what lands in
// Outlook (the emulator), read back through Graph as the app.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ID, DEMO_USERS, SAFEGUARDING_SITE_ID } from '../../../tools/m365-emulator/src/index.js';
import { instantToLondon, londonToInstant, addMinutes } from '../../../src/shared/calendar/london-time.js';
import { callApi, tokenFor } from '../../support/api.js';
import { countBy, graphReader, utc, type GraphEvent, type GraphReader } from '../../support/graph-reader.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';
import { freshStack } from './fresh-stack.js';
import {
  bookAndWait,
  doubleBooked,
  NEUTRAL_BODY,
  overlaps,
  pollJob,
  YEAR_FROM,
  YEAR_TO,
  type Arrangement,
  type BookingJob,
  type BookingPreview,
  type ProposedSession,
  type SessionView,
} from './booking-helpers.js';

const YEAR = '2026/27';
const SUBJECT = 'Safeguarding supervision';
const DSL = 'a1000000-0000-4000-8000-000000000002';
const HANNAH = 'a1000000-0000-4000-8000-000000000003';
const MARCUS = 'a1000000-0000-4000-8000-000000000004';
const WINDOWS: Record<string, [string, string]> = {
  'Autumn 1': ['2026-09-01', '2026-10-23'],
  'Autumn 2': ['2026-11-02', '2026-12-18'],
  'Spring 1': ['2027-01-04', '2027-02-12'],
  'Spring 2': ['2027-02-22', '2027-03-25'],
  'Summer 1': ['2027-04-12', '2027-05-28'],
  'Summer 2': ['2027-06-07', '2027-07-22'],
};

// The server uses the real clock. On 2026-12-03 that leaves Autumn 2 (under way) to Summer 2; Autumn 1 has passed.
const TODAY = new Date().toISOString().slice(0, 10);
const PASSED = Object.keys(WINDOWS).filter((l) => (WINDOWS[l] as [string, string])[1] < TODAY);
const REMAINING = Object.keys(WINDOWS).filter((l) => !PASSED.includes(l));
const TOTAL = 5 * REMAINING.length;

const partiesOf = (a: Arrangement) => [a.supervisor, ...a.supervisees];

/** Every session event (subject starting with the neutral title) in every demo user's calendar, through Graph. */
async function sessionEventsByUser(reader: GraphReader): Promise<Map<string, GraphEvent[]>> {
  const out = new Map<string, GraphEvent[]>();
  for (const u of DEMO_USERS) {
    const events = await reader.calendarView(u.id, YEAR_FROM, YEAR_TO);
    out.set(
      u.id,
      events.filter((e) => e.subject.includes(SUBJECT)),
    );
  }
  return out;
}

describe('booking the year', () => {
  let stack: RunningStack;
  let reader: GraphReader;
  let admin: string;
  let arrangements: Arrangement[];
  let byId: Map<string, Arrangement>;
  let preview: BookingPreview;
  let job: BookingJob;
  let location: string;
  // A meeting Marcus already has in Outlook, in Spring 1.
  const marcusBusy = { start: londonToInstant('2027-01-26', '11:00'), end: londonToInstant('2027-01-26', '12:00') };
  let validMove: { arrangementId: string; windowId: string; start: string };

  const api = <T>(method: string, path: string, body?: unknown) => callApi<T>(stack, admin, method, path, body);
  const previewWith = (body: Record<string, unknown> = {}) => api<BookingPreview>('POST', '/api/booking/preview', { academicYear: YEAR, ...body });
  const session = (p: BookingPreview, arrangementId: string, label: string) =>
    p.arrangements.find((a) => a.arrangementId === arrangementId)?.sessions.find((s) => s.windowLabel === label) as ProposedSession;
  const arrangementOf = (supervisor: string, supervisee: string) =>
    arrangements.find((a) => a.supervisor.id === supervisor && a.supervisees.some((s) => s.id === supervisee)) as Arrangement;

  beforeAll(async () => {
    stack = await startStack();
    reader = graphReader(stack.emulator);
    admin = await tokenFor(stack, ADMIN_ID);
    await reader.addBusy(MARCUS, marcusBusy.start, marcusBusy.end, 'Governors meeting');
    arrangements = (await api<{ arrangements: Arrangement[] }>('GET', '/api/arrangements')).body.arrangements;
    byId = new Map(arrangements.map((a) => [a.id, a]));
  }, 60_000);
  afterAll(async () => {
    await stack?.app.idle();
    await stack?.stop();
  });

  it('the preview lists the 5 demo arrangements, each with a proposal for every remaining half term', async () => {
    expect(arrangements).toHaveLength(5);
    const res = await previewWith();
    expect(res.status).toBe(200);
    preview = res.body;
    expect(preview.academicYear).toBe(YEAR);
    expect(preview.refusedMoves).toEqual([]);
    expect(preview.arrangements.map((a) => a.arrangementId).sort()).toEqual(arrangements.map((a) => a.id).sort());
    for (const row of preview.arrangements) {
      const a = byId.get(row.arrangementId) as Arrangement;
      expect(row.title).toBe(`${a.supervisor.displayName} with ${a.supervisees.map((s) => s.displayName).join(', ')}`);
      expect(row.durationMinutes).toBe(a.durationMinutes);
      expect(row.sessions.map((s) => [s.windowLabel, s.status])).toEqual([...PASSED.map((l) => [l, 'past']), ...REMAINING.map((l) => [l, 'proposed'])]);
      for (const s of row.sessions.filter((x) => x.status === 'proposed')) {
        const start = s.start as string;
        const local = instantToLondon(start);
        const localEnd = instantToLondon(s.end as string);
        const [from, to] = WINDOWS[s.windowLabel] as [string, string];
        expect(local.date >= from && local.date <= to, `${s.sessionId} ${start} in ${s.windowLabel}`).toBe(true);
        expect([6, 0]).not.toContain(new Date(`${local.date}T12:00:00Z`).getUTCDay());
        expect(local.time >= '08:30' && localEnd.time <= '17:00' && localEnd.date === local.date, `${start} in working hours`).toBe(true);
        expect(s.end).toBe(addMinutes(start, a.durationMinutes));
        expect(Date.parse(start)).toBeGreaterThan(Date.now() - 60_000);
        expect(s.reason.length).toBeGreaterThan(0);
      }
    }
    // The group meets for two hours (seed 002), in Meeting room 2.
    expect(preview.arrangements.find((r) => r.format === 'group')?.durationMinutes).toBe(120);
    expect(REMAINING.length).toBeGreaterThanOrEqual(3);
    expect(preview.totals).toEqual({ toBook: TOTAL, alreadyBooked: 0, noSlot: 0 });
  });

  it('no person has two proposed sessions that overlap, across arrangements, nor one over their Outlook meetings', () => {
    const perPerson = new Map<string, (ProposedSession & { start: string; end: string })[]>();
    for (const row of preview.arrangements) {
      for (const s of row.sessions.filter((x) => x.start)) {
        for (const p of partiesOf(byId.get(row.arrangementId) as Arrangement))
          perPerson.set(p.id, [...(perPerson.get(p.id) ?? []), s as ProposedSession & { start: string; end: string }]);
      }
    }
    // Daniel supervises two deputies and is supervised by Rachel; Hannah is in three arrangements.
    expect(perPerson.get(DSL)).toHaveLength(3 * REMAINING.length);
    expect(perPerson.get(HANNAH)).toHaveLength(2 * REMAINING.length);
    expect(doubleBooked(perPerson)).toBeUndefined();
    for (const s of perPerson.get(MARCUS) ?? []) expect(overlaps(s, marcusBusy)).toBe(false);
  });

  it('refuses moves outside the window, on a weekend, or at a clash, with a message; the proposal stands', async () => {
    const dh = arrangementOf(DSL, HANNAH);
    const dm = arrangementOf(DSL, MARCUS);
    const spring1 = (a: Arrangement) => session(preview, a.id, 'Spring 1');
    // The later (in planning order) of two arrangements sharing Daniel, moved onto the earlier one's session.
    const order = preview.arrangements.map((r) => r.arrangementId);
    const [first, later] = [dh, dm].sort((x, y) => order.indexOf(x.id) - order.indexOf(y.id)) as [Arrangement, Arrangement];
    // One move per arrangement and window (a second one for the same session would replace the first).
    const moves = [
      { arrangementId: dh.id, windowId: session(preview, dh.id, 'Summer 2').windowId, start: londonToInstant('2027-02-23', '10:00') }, // in Spring 2, not Summer 2
      { arrangementId: first.id, windowId: session(preview, first.id, 'Spring 2').windowId, start: londonToInstant('2027-03-06', '10:00') }, // a Saturday
      { arrangementId: later.id, windowId: spring1(later).windowId, start: spring1(first).start as string }, // Daniel is in the first one then
      { arrangementId: dm.id, windowId: session(preview, dm.id, 'Summer 1').windowId, start: londonToInstant('2027-05-03', '10:00') }, // Early May bank holiday
    ];
    const res = await previewWith({ moves });
    expect(res.status).toBe(200);
    const refused = res.body.refusedMoves;
    expect(refused).toHaveLength(4);
    const messageFor = (m: (typeof moves)[number]) => refused.find((r) => r.arrangementId === m.arrangementId && r.windowId === m.windowId)?.message;
    expect(messageFor(moves[0] as (typeof moves)[number])).toMatch(/outside Summer 2 \(2027-06-07 to 2027-07-22\)/);
    expect(messageFor(moves[1] as (typeof moves)[number])).toMatch(/a weekend: choose a school day/);
    expect(messageFor(moves[2] as (typeof moves)[number])).toMatch(/clashes with someone's calendar/);
    expect(messageFor(moves[3] as (typeof moves)[number])).toMatch(/bank holiday/);
    for (const m of moves) {
      const label = res.body.arrangements.find((a) => a.arrangementId === m.arrangementId)?.sessions.find((s) => s.windowId === m.windowId)?.windowLabel as string;
      expect(session(res.body, m.arrangementId, label)).toEqual(session(preview, m.arrangementId, label));
    }
    // A clash with a meeting already in Outlook (Marcus's governors' meeting) is refused too.
    const outlookClash = await previewWith({ moves: [{ arrangementId: dm.id, windowId: spring1(dm).windowId, start: marcusBusy.start }] });
    expect(outlookClash.body.refusedMoves).toEqual([{ arrangementId: dm.id, windowId: spring1(dm).windowId, message: expect.stringMatching(/clashes with someone's calendar/) }]);
    // Starting the booking with a refused move is refused, naming the move.
    const start = await api<{ field: string; message: string }>('POST', '/api/booking/jobs', { academicYear: YEAR, moves: [moves[1]] });
    expect(start.status).toBe(400);
    expect(start.body).toMatchObject({ field: 'moves[0].start', message: expect.stringMatching(/weekend/) });
  });

  it('accepts a valid move in the preview', async () => {
    const dh = arrangementOf(DSL, HANNAH);
    const busyOf = (id: string) =>
      preview.arrangements.filter((r) => partiesOf(byId.get(r.arrangementId) as Arrangement).some((p) => p.id === id)).flatMap((r) => r.sessions.filter((s) => s.start)) as {
        start: string;
        end: string;
      }[];
    const taken = [...busyOf(DSL), ...busyOf(HANNAH)];
    // A Thursday afternoon in Spring 1 that neither Daniel nor Hannah has anything at.
    const candidates = ['2027-01-21', '2027-01-28', '2027-02-04', '2027-02-11'].flatMap((d) => ['14:00', '15:15', '11:30'].map((t) => londonToInstant(d, t)));
    const start = candidates.find((c) => !taken.some((s) => overlaps(s, { start: c, end: addMinutes(c, 60) }))) as string;
    expect(start).toBeDefined();
    const windowId = session(preview, dh.id, 'Spring 1').windowId;
    validMove = { arrangementId: dh.id, windowId, start };
    const res = await previewWith({ moves: [validMove] });
    expect(res.body.refusedMoves).toEqual([]);
    expect(session(res.body, dh.id, 'Spring 1')).toMatchObject({ status: 'moved', start, end: addMinutes(start, 60), reason: expect.stringContaining('moved by you') });
    expect(res.body.totals.toBook).toBe(TOTAL);
  });

  it('starting the booking answers 202 with a Location, and the job reaches done with every session booked', async () => {
    const t0 = Date.now();
    const started = await api<BookingJob>('POST', '/api/booking/jobs', { academicYear: YEAR, moves: [validMove] });
    expect(started.status).toBe(202);
    location = started.headers.get('location') as string;
    expect(location).toBe(`/api/booking/jobs/${started.body.id}`);
    expect(started.body).toMatchObject({ academicYear: YEAR, total: TOTAL, booked: 0, alreadyBooked: 0, failed: [] });
    expect(started.body.arrangementIds.sort()).toEqual(arrangements.map((a) => a.id).sort());
    job = await pollJob(stack, admin, location);
    expect(job).toMatchObject({ id: started.body.id, state: 'done', total: TOTAL, booked: TOTAL, alreadyBooked: 0, failed: [] });
    expect(Date.now() - t0).toBeLessThan(30_000);
  });

  it('Outlook holds one organiser event per session and a meeting request in every attendee’s calendar, neutral and linked', async () => {
    const views = (await api<{ sessions: SessionView[] }>('GET', `/api/sessions?scope=everyone&academicYear=${encodeURIComponent(YEAR)}`)).body.sessions;
    expect(views).toHaveLength(TOTAL);
    const byUser = await sessionEventsByUser(reader);
    const all = [...byUser.values()].flat();
    const organiserEvents = all.filter((e) => e.isOrganizer);
    expect(organiserEvents).toHaveLength(TOTAL);
    expect(new Set(organiserEvents.map((e) => e.transactionId)).size).toBe(TOTAL);

    for (const { session: s } of views) {
      const a = byId.get(s.arrangementId) as Arrangement;
      expect(s).toMatchObject({ status: 'booked', academicYear: YEAR, organiserMailbox: a.supervisor.id });
      expect(REMAINING).toContain(s.windowLabel);
      // The organiser's event, in the supervisor's mailbox, exactly once.
      const mine = (byUser.get(a.supervisor.id) ?? []).filter((e) => e.iCalUId === s.iCalUId);
      expect(mine, `${s.id} in the supervisor's calendar`).toHaveLength(1);
      const org = mine[0] as GraphEvent;
      expect(org).toMatchObject({ id: s.eventId, isOrganizer: true, isCancelled: false, transactionId: `ss-${s.id}`, subject: SUBJECT });
      expect([utc(org.start), utc(org.end)]).toEqual([s.start, s.end]);
      expect(org.attendees.map((x) => x.emailAddress.address).sort()).toEqual(a.supervisees.map((p) => p.mail).sort());
      // A meeting request in every supervisee's calendar, and nowhere else.
      for (const p of a.supervisees) {
        const copies = (byUser.get(p.id) ?? []).filter((e) => e.iCalUId === s.iCalUId);
        expect(copies, `${s.id} in ${p.displayName}'s calendar`).toHaveLength(1);
        expect(copies[0]).toMatchObject({ isOrganizer: false, isCancelled: false, subject: SUBJECT });
        expect([utc((copies[0] as GraphEvent).start), utc((copies[0] as GraphEvent).end)]).toEqual([s.start, s.end]);
      }
      const holders = [...byUser]
        .filter(([, evs]) => evs.some((e) => e.iCalUId === s.iCalUId))
        .map(([id]) => id)
        .sort();
      expect(holders).toEqual(
        partiesOf(a)
          .map((p) => p.id)
          .sort(),
      );
      // Subject and body: only the neutral text and a link to the session; no agenda, names or case text.
      for (const e of all.filter((x) => x.iCalUId === s.iCalUId)) {
        expect(e.subject).toBe(SUBJECT);
        const m = NEUTRAL_BODY.exec(e.body.content);
        expect(m, e.body.content).not.toBeNull();
        expect(m?.[1]).toBe(`${stack.serverUrl}/sessions/${encodeURIComponent(s.id)}`);
        for (const p of partiesOf(a)) expect(e.body.content).not.toContain(p.displayName);
      }
    }
    // The group's room is the event's place, not in the body.
    const group = arrangements.find((a) => a.format === 'group') as Arrangement;
    const groupEvents = organiserEvents.filter((e) => views.some((v) => v.session.arrangementId === group.id && v.session.iCalUId === e.iCalUId));
    expect(groupEvents).toHaveLength(REMAINING.length);
    for (const e of groupEvents) expect((e as unknown as { location: { displayName: string } }).location.displayName).toBe('Meeting room 2');

    // Nobody is double-booked in Outlook either (Marcus's own meeting included).
    const perPerson = new Map([...byUser].map(([id, evs]) => [id, evs.map((e) => ({ start: utc(e.start), end: utc(e.end) }))]));
    perPerson.set(MARCUS, [...(perPerson.get(MARCUS) ?? []), marcusBusy]);
    expect(doubleBooked(perPerson)).toBeUndefined();
  });

  it('the valid move is honoured in the booked time', async () => {
    const id = session(preview, validMove.arrangementId, 'Spring 1').sessionId;
    const view = await api<SessionView>('GET', `/api/sessions/${encodeURIComponent(id)}`);
    expect(view.status).toBe(200);
    expect(view.body.session).toMatchObject({ start: validMove.start, end: addMinutes(validMove.start, 60), status: 'booked' });
    const org = (await reader.emulatorEvents(DSL)).filter((e) => e.transactionId === `ss-${id}`);
    expect(org).toHaveLength(1);
    expect(org[0]?.startUtc).toBe(validMove.start);
  });

  it('booking the same year again creates nothing new', async () => {
    const before = await reader.emulatorEvents();
    const countersBefore = await reader.counters();
    const sessionsBefore = await stack.app.store?.query('Sessions', {});
    const { started, job: again } = await bookAndWait(stack, admin);
    expect(started.body).toMatchObject({ total: TOTAL, alreadyBooked: TOTAL });
    expect(again).toMatchObject({ state: 'done', total: TOTAL, booked: 0, alreadyBooked: TOTAL, failed: [] });
    const after = await reader.emulatorEvents();
    expect(after.length).toBe(before.length);
    expect(after.map((e) => e.id).sort()).toEqual(before.map((e) => e.id).sort());
    expect((await reader.counters()).eventsCreated).toBe(countersBefore.eventsCreated);
    expect((await stack.app.store?.query('Sessions', {}))?.length).toBe(sessionsBefore?.length);
    // And the preview says so.
    expect((await previewWith()).body.totals).toEqual({ toBook: 0, alreadyBooked: TOTAL, noSlot: 0 });
  });
});

describe('booking the year while Graph throttles 20% of requests (a fresh stack)', () => {
  const fresh = freshStack();

  it('books every session exactly once', async () => {
    const admin = await tokenFor(fresh.stack, ADMIN_ID);
    // Every Graph request (inside $batch too) and every $batch call: 429 with a short Retry-After, 20% of the time.
    await fresh.reader.setFaults({
      seed: 20261203,
      rules: [
        { kind: 'throttle', target: 'request', rate: 0.2, retryAfterSeconds: 0.05, limit: 4, holdMs: 0 },
        { kind: 'throttle', target: 'batch', rate: 0.2, retryAfterSeconds: 0.05, limit: 4, holdMs: 0 },
      ],
    });
    const { job } = await bookAndWait(fresh.stack, admin);
    const counters = await fresh.reader.counters();
    await fresh.reader.clearFaults();
    expect((counters.injected.throttle ?? 0) + (counters.injected.batchThrottle ?? 0)).toBeGreaterThan(10);
    expect(job).toMatchObject({ state: 'done', total: TOTAL, booked: TOTAL, alreadyBooked: 0, failed: [] });

    const organiser = (await fresh.reader.emulatorEvents()).filter((e) => e.isOrganizer && e.transactionId?.startsWith('ss-'));
    const perTransaction = countBy(organiser, (e) => e.transactionId as string);
    expect(perTransaction.size).toBe(TOTAL);
    expect([...perTransaction.values()].every((n) => n === 1)).toBe(true);

    const items = (await fresh.reader.store.query('Sessions', {})).map((i) => JSON.parse(String(i.fields.ValueJson)) as { id: string; eventId: string; status: string });
    expect(items).toHaveLength(TOTAL);
    expect(new Set(items.map((s) => s.id)).size).toBe(TOTAL);
    for (const s of items) {
      expect(perTransaction.get(`ss-${s.id}`), s.id).toBe(1);
      expect(organiser.find((e) => e.transactionId === `ss-${s.id}`)?.id).toBe(s.eventId);
      expect(s.status).toBe('booked');
    }
    const views = (await callApi<{ sessions: SessionView[] }>(fresh.stack, admin, 'GET', '/api/sessions?scope=everyone')).body.sessions;
    expect(views.map((v) => v.session.id).sort()).toEqual(items.map((s) => s.id).sort());
    // Meeting requests arrived once each too.
    const copies = (await fresh.reader.emulatorEvents()).filter((e) => !e.isOrganizer && !e.isCancelled && e.subject === SUBJECT);
    expect(countBy(copies, (e) => `${e.mailboxId}|${e.iCalUId}`).size).toBe(copies.length);
  });
});

describe('booking the year while saving sessions fails past every retry (a fresh stack)', () => {
  const fresh = freshStack();

  it('goes over what failed once more at the end, so every session is booked, each meeting once', async () => {
    const admin = await tokenFor(fresh.stack, ADMIN_ID);
    const lists = (await fresh.reader.client.api(`/sites/${SAFEGUARDING_SITE_ID}/lists`).get()) as { value: { id: string; displayName: string }[] };
    const sessionsList = lists.value.find((l) => l.displayName === 'Sessions')?.id;
    expect(sessionsList).toBeDefined();
    // Every save of a session throttled on each of its 8 attempts ($batch retries), then no more: the first
    // pass books every meeting and saves no session.
    await fresh.reader.setFaults({
      rules: [
        { kind: 'throttle', target: 'request', method: 'POST', path: `/lists/${sessionsList}/items$`, times: 8 * TOTAL, retryAfterSeconds: 0.01, rate: 1, limit: 4, holdMs: 0 },
      ],
    });
    const { job } = await bookAndWait(fresh.stack, admin);
    const counters = await fresh.reader.counters();
    await fresh.reader.clearFaults();
    expect(counters.injected.throttle).toBe(8 * TOTAL);
    expect(job).toMatchObject({ state: 'done', total: TOTAL, booked: TOTAL, failed: [] });
    const organiser = (await fresh.reader.emulatorEvents()).filter((e) => e.isOrganizer && e.transactionId?.startsWith('ss-'));
    expect(countBy(organiser, (e) => e.transactionId as string).size).toBe(TOTAL);
    expect(organiser).toHaveLength(TOTAL);
    expect(await fresh.reader.store.query('Sessions', {})).toHaveLength(TOTAL);
  });
});

describe('two bookings of the same year started at once (a fresh stack)', () => {
  let stack: RunningStack;

  beforeAll(async () => {
    stack = await startStack();
  }, 60_000);
  afterAll(async () => {
    await stack?.app.idle();
    await stack?.stop();
  });

  it('book each session once between them, each session recording the meeting that exists', async () => {
    const reader = graphReader(stack.emulator);
    const admin = await tokenFor(stack, ADMIN_ID);
    const lead = await tokenFor(stack, DSL);
    const [a, b] = await Promise.all([bookAndWait(stack, admin), bookAndWait(stack, lead)]);
    for (const { job } of [a, b]) expect(job).toMatchObject({ state: 'done', total: TOTAL, failed: [] });
    expect(a.job.id).not.toBe(b.job.id);

    const all = await reader.emulatorEvents();
    const organiser = all.filter((e) => e.isOrganizer && e.transactionId?.startsWith('ss-'));
    const perTransaction = countBy(organiser, (e) => e.transactionId as string);
    expect(perTransaction.size).toBe(TOTAL);
    expect([...perTransaction.values()].every((n) => n === 1)).toBe(true);
    const copies = all.filter((e) => !e.isOrganizer && !e.isCancelled && e.subject === SUBJECT);
    expect(countBy(copies, (e) => `${e.mailboxId}|${e.iCalUId}`).size).toBe(copies.length);

    const sessions = (await reader.store.query('Sessions', {})).map((i) => JSON.parse(String(i.fields.ValueJson)) as { id: string; eventId: string; start: string; end: string });
    expect(sessions).toHaveLength(TOTAL);
    for (const s of sessions) {
      const e = organiser.find((x) => x.transactionId === `ss-${s.id}`);
      expect({ eventId: s.eventId, start: s.start, end: s.end }).toEqual({ eventId: e?.id, start: e?.startUtc, end: e?.endUtc });
    }
  });
});
