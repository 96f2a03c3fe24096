// Shared by the session race tests: a stack with the demo school's year booked, a session no other test has
// used, and ports wrapped so that each interleaving of two requests happens every time (a race left to timing
// is flaky). Two requests with ports of their own are as two servers: they share only the store and Outlook.

import type { Caller } from '../../../src/shared/access/app-roles.js';
import type { Arrangement } from '../../../src/shared/arrangements/arrangement.js';
import { instantMs } from '../../../src/shared/calendar/london-time.js';
import type { Session } from '../../../src/shared/sessions/session.js';
import { createGraphCalendar } from '../../../src/bot/graph/calendar.js';
import type { AppPorts, CalendarPort, Clock, SessionRepository } from '../../../src/bot/ports.js';
import { createArrangementRepository } from '../../../src/bot/storage/arrangement-repository.js';
import { createAuditLog } from '../../../src/bot/storage/audit-log.js';
import { createRecordRepository } from '../../../src/bot/storage/record-repository.js';
import { createSchoolCalendarRepository } from '../../../src/bot/storage/school-calendar-repository.js';
import { createSessionRepository } from '../../../src/bot/storage/session-repository.js';
import { graphReader, type GraphReader } from '../../support/graph-reader.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';
import { ADMIN } from '../bot/bot-test-kit.js';

/** The ports the session use cases (postpone, cancel) need. */
export type SessionDeps = Pick<AppPorts, 'arrangements' | 'sessions' | 'schoolCalendar' | 'calendar' | 'clock' | 'settings' | 'audit' | 'records'>;
/** Where a request writes: the session store and Outlook. */
type Writes = Pick<AppPorts, 'sessions' | 'calendar'>;

/** A promise opened from outside: the point one request waits at until another has got somewhere. */
export function gate(): { open: () => void; opened: Promise<void> } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** The outcome of `p`, or what it threw. */
export const settled = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

/** `ports` with the session store's and the calendar's methods replaced where given. */
export const wrapped = <D extends Writes>(ports: D, over: { sessions?: Partial<SessionRepository>; calendar?: Partial<CalendarPort> }): D => ({
  ...ports,
  sessions: { ...ports.sessions, ...over.sessions },
  calendar: { ...ports.calendar, ...over.calendar },
});

/** Runs `before` once, ahead of the first of this request's writes (the session's save or an Outlook change, whichever comes first). */
export function beforeFirstWrite<D extends Writes>(ports: D, before: () => Promise<void>): D {
  let first: Promise<void> | undefined;
  const once = () => (first ??= before());
  return wrapped(ports, {
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
export async function bothReadFirstWins<D extends Writes, A, B>(ports: D, first: (deps: D) => Promise<A>, second: (deps: D) => Promise<B>) {
  const secondRead = gate();
  const firstDone = gate();
  const a = first(beforeFirstWrite(ports, () => secondRead.opened)).finally(firstDone.open);
  const b = settled(
    second(
      beforeFirstWrite(ports, async () => {
        secondRead.open();
        await firstDone.opened;
      }),
    ),
  );
  return { first: await a, second: await b };
}

export interface RaceKit {
  stack: RunningStack;
  reader: GraphReader;
  /** The session use cases' ports, through the real adapters against the emulator. */
  ports: SessionDeps;
  /** A booked session no other test has used (of an arrangement `which` accepts), and two or more of the times it may move to. */
  freshSession(
    which?: (a: Arrangement) => boolean,
  ): Promise<{ session: Session; arrangement: Arrangement; supervisor: Caller; times: string[]; slots: { start: string; end: string }[] }>;
  /** The session as stored, and its meeting in the organiser's mailbox (undefined once cancelled: Exchange moves it to Deleted Items). */
  storedAndMeeting(session: Session): Promise<{ stored: Session | undefined; meeting: Awaited<ReturnType<CalendarPort['getEvent']>>; cancelledInOutlook: boolean }>;
  /** Waits for background work, then stops the stack. */
  stop(): Promise<void>;
}

/** A stack with the demo school's year booked (for beforeAll: it takes a while). */
export async function startRaceKit(): Promise<RaceKit> {
  const stack = await startStack();
  const reader = graphReader(stack.emulator);
  const clock: Clock = { now: () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') };
  const ports: SessionDeps = {
    arrangements: createArrangementRepository(reader.store),
    sessions: createSessionRepository(reader.store),
    schoolCalendar: createSchoolCalendarRepository(reader.store),
    calendar: createGraphCalendar(reader.client),
    clock,
    settings: { safeguardingMailbox: stack.app.config.safeguardingMailbox, scheduling: {} },
    audit: createAuditLog(reader.store, clock),
    records: createRecordRepository(reader.store),
  };
  // The demo school's year, booked: each test takes a session of its own, one-to-one first (more free times).
  const started = await stack.app.useCases.startBooking({ caller: ADMIN, request: { academicYear: '2026/27' } });
  if (!started.ok) throw new Error(`booking: ${started.refusal.message}`);
  await stack.app.idle();
  const arrangements = (await ports.arrangements.list()).map((a) => a.value).sort((a, b) => a.supervisees.length - b.supervisees.length);
  const soon = Date.now() + 7 * 86_400_000;
  /** Booked sessions well in the future, each with its arrangement and supervisor (who, like the admin, may postpone and cancel it). */
  const booked: { session: Session; arrangement: Arrangement; supervisor: Caller }[] = [];
  for (const a of arrangements)
    for (const s of await ports.sessions.listForArrangements([a.id]))
      if (s.value.status === 'booked' && instantMs(s.value.start) > soon) booked.push({ session: s.value, arrangement: a, supervisor: { id: a.supervisor.id, roles: [] } });

  const used = new Set<string>();
  return {
    stack,
    reader,
    ports,
    freshSession: async (which = () => true) => {
      for (const found of booked) {
        if (used.has(found.session.id) || !which(found.arrangement)) continue;
        used.add(found.session.id);
        const alternatives = await stack.app.useCases.listSessionAlternatives({ caller: ADMIN, sessionId: found.session.id });
        if (!alternatives.ok || alternatives.value.kind !== 'candidates' || alternatives.value.candidates.length < 2) continue;
        const slots = alternatives.value.candidates.map((c) => c.slot);
        return { ...found, times: slots.map((s) => s.start), slots };
      }
      throw new Error('no booked session left for this test');
    },
    storedAndMeeting: async (session) => {
      const stored = (await ports.sessions.get(session.id))?.value;
      const meeting = await ports.calendar.getEvent(session.organiserMailbox, session.eventId);
      const copies = (await reader.emulatorEvents(session.organiserMailbox)).filter((e) => e.iCalUId === session.iCalUId && e.isOrganizer);
      return { stored, meeting, cancelledInOutlook: meeting === undefined && copies.every((e) => e.isCancelled) };
    },
    stop: async () => {
      await stack.app.idle();
      await stack.stop();
    },
  };
}
