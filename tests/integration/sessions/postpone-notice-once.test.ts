// "I can't make it" → a reason → one of the offered times (the card's reschedule.pick): every other party is
// told once that the session moved, however many people press that same time at the same moment. The card
// action's use case runs here against the emulator through the real adapters, each request with ports of
// its own (as on two servers: they share only the store and Outlook), wrapped so each interleaving happens
// every time. Cards go to a recording messenger.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../../src/shared/access/app-roles.js';
import { partiesOf, type Arrangement } from '../../../src/shared/arrangements/arrangement.js';
import { formatLondonDateTime } from '../../../src/shared/calendar/london-format.js';
import { instantMs } from '../../../src/shared/calendar/london-time.js';
import type { Session } from '../../../src/shared/sessions/session.js';
import { rescheduleToSlot } from '../../../src/bot/reschedule/reschedule-to-slot.js';
import type { ConversationRef } from '../../../src/bot/ports.js';
import { createAgendaItemRepository } from '../../../src/bot/storage/agenda-item-repository.js';
import { createPostedCardRepository } from '../../../src/bot/storage/posted-card-repository.js';
import { cardText } from '../../support/fake-connector.js';
import { bothReadFirstWins, gate, settled, startRaceKit, wrapped, type RaceKit } from './session-race-kit.js';

type Deps = Parameters<typeof rescheduleToSlot>[0];

let kit: RaceKit;
let ports: Deps;
/** Every card posted, to whom, as text. */
const posted: { to: string; text: string }[] = [];
/** Follow-up work (posted cards brought up to date), awaited before a test looks at what was sent. */
const later: Promise<unknown>[] = [];

beforeAll(async () => {
  kit = await startRaceKit();
  const store = kit.reader.store;
  ports = {
    ...kit.ports,
    compliance: kit.stack.app.readModel,
    agendaItems: createAgendaItemRepository(store),
    postedCards: createPostedCardRepository(store),
    // Everyone has the app installed.
    conversations: {
      get: async (userId): Promise<ConversationRef> => ({ userId, conversationId: `conversation-${userId}`, serviceUrl: 'https://smba.example.invalid/' }),
      save: async () => undefined,
      forget: async () => undefined,
    },
    messenger: {
      post: async (to, card) => {
        posted.push({ to: to.userId, text: cardText(JSON.parse(JSON.stringify(card))) });
        return `activity-${posted.length}`;
      },
      update: async () => undefined,
    },
    afterwards: { run: (_key, task) => void later.push(task()) },
  };
}, 120_000);

afterAll(async () => {
  await Promise.allSettled(later);
  await kit?.stop();
});

/** A group's session (more people to tell), with two supervisees to press the same time and everyone else. */
async function groupSession() {
  const fresh = await kit.freshSession((a) => a.supervisees.length >= 2);
  const [first, second] = fresh.arrangement.supervisees.map((s): Caller => ({ id: s.id, roles: [] }));
  if (!first || !second) throw new Error('the group has fewer than two supervisees');
  return { ...fresh, first, second };
}

const pick = (deps: Deps, caller: Caller, session: Session, start: string | undefined) =>
  rescheduleToSlot(deps, { caller, sessionId: session.id, start: start as string, reason: 'illness' });

/** The "Supervision moved" notices posted since `mark`, by recipient. */
async function noticesSince(mark: number): Promise<{ to: string; text: string }[]> {
  await Promise.all(later);
  return posted.slice(mark).filter((p) => p.text.includes('Supervision moved'));
}

/** Everyone but `presser` told once, from `to`, that `presser` moved it; the session and its meeting moved once. */
async function expectToldOnce(mark: number, arrangement: Arrangement, session: Session, presser: Caller, to: string) {
  const notices = await noticesSince(mark);
  const others = partiesOf(arrangement).filter((p) => p.id !== presser.id);
  expect(notices.map((n) => n.to).sort()).toEqual(others.map((p) => p.id).sort());
  const byName = partiesOf(arrangement).find((p) => p.id === presser.id)?.displayName ?? '';
  for (const n of notices) {
    expect(n.text).toContain(`Was: ${formatLondonDateTime(session.start)}`);
    expect(n.text).toContain(`Now: ${formatLondonDateTime(to)}`);
    expect(n.text).toContain(`Moved by: ${byName}`);
  }
  const { stored, meeting } = await kit.storedAndMeeting(session);
  expect(stored).toMatchObject({ status: 'booked', start: to });
  expect(stored?.postponements.map((p) => p.byId)).toEqual([presser.id]);
  expect(meeting && [instantMs(meeting.startUtc), meeting.isCancelled]).toEqual([instantMs(to), false]);
}

/** The answer a presser's card shows: the session moved from its first time to `to`, by `movedBy` ('You', or whoever moved it first). */
const movedAnswer = (session: Session, to: string, movedBy: string) => ({
  ok: true,
  value: { fromStart: session.start, toStart: to, movedBy, reason: 'illness', session: { session: { start: to } } },
});
/** How the one who moved it first is named on the other presser's card. */
const nameOf = (arrangement: Arrangement, caller: Caller) => partiesOf(arrangement).find((p) => p.id === caller.id)?.displayName;

describe('two parties press the same offered time at the same moment', () => {
  it('both read the session before either saves: both are answered with the move, and everyone else is told once', async () => {
    const { session, arrangement, times, first, second } = await groupSession();
    const [a] = times;
    const mark = posted.length;
    const answers = await bothReadFirstWins(
      ports,
      (deps) => pick(deps, first, session, a),
      (deps) => pick(deps, second, session, a),
    );
    expect(answers.first).toMatchObject(movedAnswer(session, a as string, 'You'));
    expect(answers.second).toMatchObject({ value: movedAnswer(session, a as string, nameOf(arrangement, first) as string) });
    await expectToldOnce(mark, arrangement, session, first, a as string);
  });

  it('the second reads the session before the first saves and goes on once the first is done: everyone else is told once', async () => {
    const { session, arrangement, times, first, second } = await groupSession();
    const [a] = times;
    const secondRead = gate();
    const firstDone = gate();
    let held = false;
    const secondDeps = wrapped(ports, {
      sessions: {
        get: async (id) => {
          const read = await ports.sessions.get(id);
          if (!held) {
            held = true;
            secondRead.open();
            await firstDone.opened;
          }
          return read;
        },
      },
    });
    const mark = posted.length;
    const theirs = settled(pick(secondDeps, second, session, a));
    await secondRead.opened;
    const mine = await pick(ports, first, session, a).finally(firstDone.open);
    expect(mine).toMatchObject(movedAnswer(session, a as string, 'You'));
    expect(await theirs).toMatchObject({ value: movedAnswer(session, a as string, nameOf(arrangement, first) as string) });
    await expectToldOnce(mark, arrangement, session, first, a as string);
  });

  it('the first saves, and the second is answered before the first has moved the meeting: the first tells everyone else, once', async () => {
    const { session, arrangement, times, first, second } = await groupSession();
    const [a] = times;
    const firstMoving = gate();
    const secondDone = gate();
    let held = false;
    const firstDeps = wrapped(ports, {
      calendar: {
        updateEvent: async (mailbox, id, changes) => {
          if (!held) {
            held = true;
            firstMoving.open();
            await secondDone.opened;
          }
          return ports.calendar.updateEvent(mailbox, id, changes);
        },
      },
    });
    const mark = posted.length;
    const mine = settled(pick(firstDeps, first, session, a));
    await firstMoving.opened;
    const theirs = await pick(ports, second, session, a).finally(secondDone.open);
    expect(theirs).toMatchObject(movedAnswer(session, a as string, nameOf(arrangement, first) as string));
    expect(await mine).toMatchObject({ value: movedAnswer(session, a as string, 'You') });
    await expectToldOnce(mark, arrangement, session, first, a as string);
  });
});
