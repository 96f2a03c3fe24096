// Postponing and cancelling at the same moment: whoever wins the session's eTag-checked save, the Outlook
// meeting ends as the stored session says. The use cases run here against the emulator through the real
// adapters, with their ports wrapped so each interleaving happens every time (a race left to timing is flaky).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../../src/shared/access/app-roles.js';
import { instantMs } from '../../../src/shared/calendar/london-time.js';
import type { Session } from '../../../src/shared/sessions/session.js';
import { createGraphCalendar } from '../../../src/bot/graph/calendar.js';
import { GraphAdapterError } from '../../../src/bot/graph/graph-errors.js';
import type { AppPorts, CalendarPort, Clock, SessionRepository } from '../../../src/bot/ports.js';
import { cancelSession } from '../../../src/bot/sessions/cancel-session.js';
import { postponeSession } from '../../../src/bot/sessions/postpone-session.js';
import { createArrangementRepository } from '../../../src/bot/storage/arrangement-repository.js';
import { createAuditLog } from '../../../src/bot/storage/audit-log.js';
import { createSchoolCalendarRepository } from '../../../src/bot/storage/school-calendar-repository.js';
import { createSessionRepository } from '../../../src/bot/storage/session-repository.js';
import { graphReader, type GraphReader } from '../../support/graph-reader.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';
import { ADMIN } from '../bot/bot-test-kit.js';

type Deps = Pick<AppPorts, 'arrangements' | 'sessions' | 'schoolCalendar' | 'calendar' | 'clock' | 'settings' | 'audit'>;

let stack: RunningStack;
let reader: GraphReader;
let ports: Deps;
/** Booked sessions well in the future, each with its supervisor (who, like the admin, may postpone and cancel it). */
const booked: { session: Session; supervisor: Caller }[] = [];

beforeAll(async () => {
  stack = await startStack();
  reader = graphReader(stack.emulator);
  const clock: Clock = { now: () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') };
  ports = {
    arrangements: createArrangementRepository(reader.store),
    sessions: createSessionRepository(reader.store),
    schoolCalendar: createSchoolCalendarRepository(reader.store),
    calendar: createGraphCalendar(reader.client),
    clock,
    settings: { safeguardingMailbox: stack.app.config.safeguardingMailbox, scheduling: {} },
    audit: createAuditLog(reader.store, clock),
  };
  // The demo school's year, booked: each test takes a session of its own, one-to-one first (more free times).
  const started = await stack.app.useCases.startBooking({ caller: ADMIN, request: { academicYear: '2026/27' } });
  if (!started.ok) throw new Error(`booking: ${started.refusal.message}`);
  await stack.app.idle();
  const arrangements = (await ports.arrangements.list()).map((a) => a.value).sort((a, b) => a.supervisees.length - b.supervisees.length);
  const soon = Date.now() + 7 * 86_400_000;
  for (const a of arrangements)
    for (const s of await ports.sessions.listForArrangements([a.id]))
      if (s.value.status === 'booked' && instantMs(s.value.start) > soon) booked.push({ session: s.value, supervisor: { id: a.supervisor.id, roles: [] } });
}, 120_000);

afterAll(async () => {
  await stack?.app.idle();
  await stack?.stop();
});

/** A promise opened from outside: the point one request waits at until another has got somewhere. */
function gate(): { open: () => void; opened: Promise<void> } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** The ports with the session store's and the calendar's methods replaced where given. */
const wrapped = (over: { sessions?: Partial<SessionRepository>; calendar?: Partial<CalendarPort> }): Deps => ({
  ...ports,
  sessions: { ...ports.sessions, ...over.sessions },
  calendar: { ...ports.calendar, ...over.calendar },
});

/** Runs `before` once, ahead of the first of this request's writes (the session's save or an Outlook change, whichever comes first). */
function beforeFirstWrite(before: () => Promise<void>): Deps {
  let first: Promise<void> | undefined;
  const once = () => (first ??= before());
  return wrapped({
    sessions: { update: async (base, next) => (await once(), ports.sessions.update(base, next)) },
    calendar: {
      updateEvent: async (mailbox, id, changes) => (await once(), ports.calendar.updateEvent(mailbox, id, changes)),
      cancelEvent: async (mailbox, id, comment) => (await once(), ports.calendar.cancelEvent(mailbox, id, comment)),
    },
  });
}

/**
 * Both requests read the session before either writes; `first` then finishes before `second` writes
 * anything. Resolves with `first`'s outcome and `second`'s, settled (it may throw).
 */
async function bothReadFirstWins<A, B>(first: (deps: Deps) => Promise<A>, second: (deps: Deps) => Promise<B>) {
  const secondRead = gate();
  const firstDone = gate();
  const a = first(beforeFirstWrite(() => secondRead.opened)).finally(firstDone.open);
  const b = settled(
    second(
      beforeFirstWrite(async () => {
        secondRead.open();
        await firstDone.opened;
      }),
    ),
  );
  return { first: await a, second: await b };
}

let next = 0;
/** A booked session no other test has used, and two of the times it may move to. */
async function freshSession(): Promise<{ session: Session; supervisor: Caller; times: string[]; slots: { start: string; end: string }[] }> {
  for (let found = booked[next++]; found; found = booked[next++]) {
    const alternatives = await stack.app.useCases.listSessionAlternatives({ caller: ADMIN, sessionId: found.session.id });
    if (!alternatives.ok || alternatives.value.kind !== 'candidates' || alternatives.value.candidates.length < 2) continue;
    const slots = alternatives.value.candidates.map((c) => c.slot);
    return { ...found, times: slots.map((s) => s.start), slots };
  }
  throw new Error('no booked session left for this test');
}

/** The session as stored, and its meeting in the organiser's mailbox (undefined once cancelled: Exchange moves it to Deleted Items). */
async function storedAndMeeting(session: Session) {
  const stored = (await ports.sessions.get(session.id))?.value;
  const meeting = await ports.calendar.getEvent(session.organiserMailbox, session.eventId);
  const copies = (await reader.emulatorEvents(session.organiserMailbox)).filter((e) => e.iCalUId === session.iCalUId && e.isOrganizer);
  return { stored, meeting, cancelledInOutlook: meeting === undefined && copies.every((e) => e.isCancelled) };
}

const postpone = (deps: Deps, caller: Caller, session: Session, start: string | undefined) =>
  postponeSession(deps, { caller, sessionId: session.id, request: { start: start as string, reason: 'illness' } });
const cancel = (deps: Deps, caller: Caller, session: Session) => cancelSession(deps, { caller, sessionId: session.id, reason: 'Fictional: trip that day' });
const settled = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

describe('two people postpone the same session at the same moment, to different times', () => {
  it('both read it before either writes: the one that loses the save leaves the meeting at the winner’s time, and is told so (409)', async () => {
    const { session, supervisor, times } = await freshSession();
    const [a, b] = times;
    const { first: admin, second: theirs } = await bothReadFirstWins(
      (deps) => postpone(deps, ADMIN, session, a),
      (deps) => postpone(deps, supervisor, session, b),
    );
    expect(admin).toMatchObject({ ok: true, value: { session: { start: a } } });
    expect(theirs).toMatchObject({ value: { ok: false, refusal: { kind: 'conflict', code: 'changed_meanwhile', message: expect.stringMatching(/at the same moment/) } } });
    const { stored, meeting } = await storedAndMeeting(session);
    expect(stored?.start).toBe(a);
    expect(stored?.postponements.map((p) => p.byId)).toEqual([ADMIN.id]);
    expect(meeting && [instantMs(meeting.startUtc), meeting.isCancelled]).toEqual([instantMs(a as string), false]);
  });

  it('the first to save has its Outlook change reach Graph last: the meeting is put back to the time saved after it', async () => {
    const { session, supervisor, times } = await freshSession();
    const [a] = times;
    const aMoving = gate();
    const bDone = gate();
    // The admin's move of the meeting reaches Graph only after the supervisor's whole postponement (read, save, Outlook) is done.
    let held = false;
    const adminDeps = wrapped({
      calendar: {
        updateEvent: async (mailbox, id, changes) => {
          if (!held) {
            held = true;
            aMoving.open();
            await bDone.opened;
          }
          return ports.calendar.updateEvent(mailbox, id, changes);
        },
      },
    });
    const admin = settled(postpone(adminDeps, ADMIN, session, a));
    await aMoving.opened;
    // A time still offered now (the meeting has not moved yet; the session may have).
    const offered = await stack.app.useCases.listSessionAlternatives({ caller: supervisor, sessionId: session.id });
    const b = offered.ok && offered.value.kind === 'candidates' ? offered.value.candidates.find((c) => instantMs(c.slot.start) !== instantMs(a as string))?.slot.start : undefined;
    const theirs = await postpone(ports, supervisor, session, b);
    bDone.open();
    expect(theirs).toMatchObject({ ok: true, value: { session: { start: b } } });
    // The admin learns the session moved again meanwhile (not a 200 for a time it is no longer at).
    expect(await admin).toMatchObject({ value: { ok: false, refusal: { kind: 'conflict', code: 'changed_meanwhile' } } });
    const { stored, meeting } = await storedAndMeeting(session);
    expect(stored?.start).toBe(b);
    expect(meeting && [instantMs(meeting.startUtc), meeting.isCancelled]).toEqual([instantMs(b as string), false]);
  });

  it('both to the same time (a double press): both are answered with the session at that time, moved once', async () => {
    const { session, supervisor, times } = await freshSession();
    const [a] = times;
    const { first: admin, second: theirs } = await bothReadFirstWins(
      (deps) => postpone(deps, ADMIN, session, a),
      (deps) => postpone(deps, supervisor, session, a),
    );
    expect(admin).toMatchObject({ ok: true, value: { session: { start: a } } });
    expect(theirs).toMatchObject({ value: { ok: true, value: { session: { start: a } } } });
    const { stored, meeting } = await storedAndMeeting(session);
    expect(stored?.postponements).toHaveLength(1);
    expect(meeting && instantMs(meeting.startUtc)).toBe(instantMs(a as string));
  });
});

describe('a cancel and a postpone at the same moment', () => {
  it('the postpone saves first but its Outlook change lands after the cancel: 409 session not booked, and the meeting stays cancelled', async () => {
    const { session, supervisor, times } = await freshSession();
    const moving = gate();
    const cancelled = gate();
    let held = false;
    const theirDeps = wrapped({
      calendar: {
        updateEvent: async (mailbox, id, changes) => {
          if (!held) {
            held = true;
            moving.open();
            await cancelled.opened;
          }
          return ports.calendar.updateEvent(mailbox, id, changes);
        },
      },
    });
    const theirs = settled(postpone(theirDeps, supervisor, session, times[0]));
    await moving.opened;
    const admin = await cancel(ports, ADMIN, session);
    cancelled.open();
    expect(admin).toMatchObject({ ok: true, value: { session: { status: 'cancelled' } } });
    // Not "Microsoft 365 did not answer; nothing was lost": the session's real state.
    expect(await theirs).toMatchObject({ value: { ok: false, refusal: { kind: 'conflict', code: 'session_not_booked', message: expect.stringMatching(/cancelled/) } } });
    const now = await storedAndMeeting(session);
    expect(now.stored?.status).toBe('cancelled');
    expect(now.meeting).toBeUndefined();
    expect(now.cancelledInOutlook).toBe(true);
  });

  it('both read it before either writes and the postpone saves first: the cancel is refused (409) and the meeting is not cancelled', async () => {
    const { session, supervisor, times } = await freshSession();
    const { first: theirs, second: admin } = await bothReadFirstWins(
      (deps) => postpone(deps, supervisor, session, times[0]),
      (deps) => cancel(deps, ADMIN, session),
    );
    expect(theirs).toMatchObject({ ok: true, value: { session: { start: times[0] } } });
    expect(admin).toMatchObject({ value: { ok: false, refusal: { kind: 'conflict', code: 'changed_meanwhile' } } });
    const now = await storedAndMeeting(session);
    expect(now.stored).toMatchObject({ status: 'booked', start: times[0] });
    expect(now.meeting && [instantMs(now.meeting.startUtc), now.meeting.isCancelled]).toEqual([instantMs(times[0] as string), false]);
    expect(now.cancelledInOutlook).toBe(false);
  });

  it('both read it before either writes and the cancel saves first: the postpone is refused (409 session not booked) and leaves the meeting cancelled', async () => {
    const { session, supervisor, times } = await freshSession();
    const { first: admin, second: theirs } = await bothReadFirstWins(
      (deps) => cancel(deps, ADMIN, session),
      (deps) => postpone(deps, supervisor, session, times[0]),
    );
    expect(admin).toMatchObject({ ok: true, value: { session: { status: 'cancelled' } } });
    expect(theirs).toMatchObject({ value: { ok: false, refusal: { kind: 'conflict', code: 'session_not_booked' } } });
    const now = await storedAndMeeting(session);
    expect(now.stored?.status).toBe('cancelled');
    expect(now.cancelledInOutlook).toBe(true);
  });
});

describe('when Outlook refuses the change', () => {
  const outlookDown = () => Promise.reject(new GraphAdapterError(503, 'Fictional: Outlook unavailable'));

  it('a postpone leaves the session at its time (the error, then nothing lost), and the same request again moves both', async () => {
    const { session, supervisor, times } = await freshSession();
    const failed = await settled(postpone(wrapped({ calendar: { updateEvent: outlookDown } }), supervisor, session, times[0]));
    expect(failed).toMatchObject({ error: expect.any(GraphAdapterError) });
    let now = await storedAndMeeting(session);
    expect(now.stored).toMatchObject({ status: 'booked', start: session.start, postponements: [] });
    expect(now.meeting && instantMs(now.meeting.startUtc)).toBe(instantMs(session.start));
    expect(await postpone(ports, supervisor, session, times[0])).toMatchObject({ ok: true, value: { session: { start: times[0] } } });
    now = await storedAndMeeting(session);
    expect(now.stored?.start).toBe(times[0]);
    expect(now.meeting && instantMs(now.meeting.startUtc)).toBe(instantMs(times[0] as string));
  });

  it('a cancel leaves the session booked, so it can be cancelled again', async () => {
    const { session } = await freshSession();
    const failed = await settled(cancel(wrapped({ calendar: { cancelEvent: outlookDown } }), ADMIN, session));
    expect(failed).toMatchObject({ error: expect.any(GraphAdapterError) });
    let now = await storedAndMeeting(session);
    expect(now.stored).toMatchObject({ status: 'booked', start: session.start });
    expect(now.stored?.cancellation).toBeUndefined();
    expect(now.meeting?.isCancelled).toBe(false);
    expect(await cancel(ports, ADMIN, session)).toMatchObject({ ok: true, value: { session: { status: 'cancelled' } } });
    now = await storedAndMeeting(session);
    expect(now.stored?.status).toBe('cancelled');
    expect(now.cancelledInOutlook).toBe(true);
  });

  it('a repeat of a postpone whose Outlook change never happened (saved, then the server stopped) moves the meeting', async () => {
    const { session, supervisor, slots } = await freshSession();
    const to = slots[0] as { start: string; end: string };
    // As the first request left it: the session saved as moved, the meeting not.
    const stored = await ports.sessions.get(session.id);
    if (!stored) throw new Error('session gone');
    await ports.sessions.update(stored, {
      ...stored.value,
      start: to.start,
      end: to.end,
      postponements: [{ fromStart: session.start, fromEnd: session.end, toStart: to.start, toEnd: to.end, reason: 'illness', byId: supervisor.id, at: ports.clock.now() }],
    });
    expect(instantMs((await storedAndMeeting(session)).meeting?.startUtc ?? '')).toBe(instantMs(session.start));
    expect(await postpone(ports, supervisor, session, to.start)).toMatchObject({ ok: true, value: { session: { start: to.start } } });
    const now = await storedAndMeeting(session);
    expect(now.stored?.postponements).toHaveLength(1);
    expect(now.meeting && [instantMs(now.meeting.startUtc), instantMs(now.meeting.endUtc)]).toEqual([instantMs(to.start), instantMs(to.end)]);
  });
});
