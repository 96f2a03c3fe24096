// Postponing and cancelling at the same moment: whoever wins the session's eTag-checked save, the Outlook
// meeting ends as the stored session says. The use cases run here against the emulator through the real
// adapters, with their ports wrapped so each interleaving happens every time (a race left to timing is flaky).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../../src/shared/access/app-roles.js';
import { instantMs } from '../../../src/shared/calendar/london-time.js';
import type { Session } from '../../../src/shared/sessions/session.js';
import { GraphAdapterError } from '../../../src/bot/graph/graph-errors.js';
import { cancelSession } from '../../../src/bot/sessions/cancel-session.js';
import { postponeSession } from '../../../src/bot/sessions/postpone-session.js';
import { ADMIN } from '../bot/bot-test-kit.js';
import { bothReadFirstWins as bothReadFirstWinsOn, gate, settled, startRaceKit, wrapped as wrappedOn, type RaceKit, type SessionDeps as Deps } from './session-race-kit.js';

let kit: RaceKit;
let ports: Deps;

beforeAll(async () => {
  kit = await startRaceKit();
  ports = kit.ports;
}, 120_000);

afterAll(async () => {
  await kit?.stop();
});

const wrapped = (over: Parameters<typeof wrappedOn>[1]): Deps => wrappedOn(ports, over);
const bothReadFirstWins = <A, B>(first: (deps: Deps) => Promise<A>, second: (deps: Deps) => Promise<B>) => bothReadFirstWinsOn(ports, first, second);
const freshSession = () => kit.freshSession();
const storedAndMeeting = (session: Session) => kit.storedAndMeeting(session);

const postpone = (deps: Deps, caller: Caller, session: Session, start: string | undefined) =>
  postponeSession(deps, { caller, sessionId: session.id, request: { start: start as string, reason: 'illness' } });
const cancel = (deps: Deps, caller: Caller, session: Session) => cancelSession(deps, { caller, sessionId: session.id, reason: 'Fictional: trip that day' });

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
    const offered = await kit.stack.app.useCases.listSessionAlternatives({ caller: supervisor, sessionId: session.id });
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
