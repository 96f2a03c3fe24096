import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testCalendar } from '../calendar/test-fixtures.js';
import { makeWorkingCalendar, isPlannableDay } from '../calendar/working-calendar.js';
import { addDays, addMonths, eachDay, maxDate } from '../calendar/dates.js';
import { targetWindows, type TargetWindow } from '../scheduling/target-windows.js';
import { addMinutes, instantMs, instantToLondon, londonToInstant } from '../calendar/london-time.js';
import type { Arrangement } from '../arrangements/arrangement.js';
import type { Cadence } from '../policy/supervision-policy.js';
import type { Interval } from '../scheduling/intervals.js';
import { sessionId, type Session } from '../sessions/session.js';
import { planBooking, sessionsToBook, type BookingPlan, type BookingPlanRequest, type ProposedSession } from './plan-booking.js';

const wc = makeWorkingCalendar(testCalendar());
const YEAR = '2026/27';
// Today in the brief: Autumn 1 has passed, Autumn 2 is under way.
const NOW = '2026-12-03T09:00:00Z';

const party = (id: string) => ({ id, displayName: `Person ${id}`, mail: `${id}@school.example` });
function arrangement(id: string, supervisorId: string, superviseeIds: string[], over: Partial<Arrangement> = {}): Arrangement {
  return {
    id,
    supervisor: { ...party(supervisorId), role: 'dsl' },
    supervisees: superviseeIds.map((s) => ({ ...party(s), role: 'deputy-dsl' as const })),
    format: superviseeIds.length > 1 ? 'group' : 'individual',
    cadence: { kind: 'half-termly' },
    durationMinutes: 60,
    maxGapMonths: 3,
    organiser: 'supervisor',
    teamsMeeting: false,
    preferences: {},
    status: 'active',
    startDate: '2026-09-01',
    ...over,
  };
}

const request = (arrangements: Arrangement[], over: Partial<BookingPlanRequest> = {}): BookingPlanRequest => ({
  calendar: wc,
  academicYear: YEAR,
  arrangements,
  busy: new Map(),
  existing: [],
  now: NOW,
  ...over,
});

const timed = (s: ProposedSession) => s.start !== undefined && s.end !== undefined && (s.status === 'proposed' || s.status === 'moved' || s.status === 'already-booked');
const overlaps = (a: Interval, b: Interval) => instantMs(a.start) < instantMs(b.end) && instantMs(b.start) < instantMs(a.end);

/** Every person's timed sessions in the plan; fails the test naming the first pair that overlaps. */
function assertNoDoubleBooking(plan: BookingPlan, arrangements: readonly Arrangement[]): void {
  const byId = new Map(arrangements.map((a) => [a.id, a]));
  const perPerson = new Map<string, { sessionId: string; start: string; end: string }[]>();
  for (const ap of plan.arrangements) {
    const a = byId.get(ap.arrangementId) as Arrangement;
    for (const s of ap.sessions.filter(timed)) {
      for (const p of [a.supervisor, ...a.supervisees]) {
        const list = perPerson.get(p.id) ?? [];
        list.push({ sessionId: s.sessionId, start: s.start as string, end: s.end as string });
        perPerson.set(p.id, list);
      }
    }
  }
  for (const [person, list] of perPerson) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const x = list[i] as Interval & { sessionId: string };
        const y = list[j] as Interval & { sessionId: string };
        if (overlaps(x, y)) throw new Error(`${person} is double-booked: ${x.sessionId} ${x.start} and ${y.sessionId} ${y.start}`);
      }
    }
  }
}

/** Arrangement a1's Spring 1 session as stored, booked or cancelled. */
const spring1Session = (status: Session['status']): Session => ({
  id: sessionId('a1', '2026/27:spring1'),
  arrangementId: 'a1',
  academicYear: YEAR,
  windowId: '2026/27:spring1',
  windowLabel: 'Spring 1',
  start: '2027-02-01T14:00:00Z',
  end: '2027-02-01T15:00:00Z',
  status,
  organiserMailbox: 'dan',
  eventId: 'ev',
  iCalUId: 'ical',
  postponements: [],
});
const sessionsOf = (plan: BookingPlan, arrangementId: string) => plan.arrangements.find((a) => a.arrangementId === arrangementId)?.sessions ?? [];
const window = (plan: BookingPlan, arrangementId: string, windowId: string) => sessionsOf(plan, arrangementId).find((s) => s.windowId === windowId) as ProposedSession;

describe('planBooking', () => {
  it('plans the remaining half terms of the year, the passed one marked past, each with a stable session id', () => {
    const a = arrangement('a1', 'dan', ['han']);
    const plan = planBooking(request([a]));
    expect(plan.academicYear).toBe(YEAR);
    expect(plan.refusedMoves).toEqual([]);
    const s = sessionsOf(plan, 'a1');
    expect(s.map((x) => [x.windowLabel, x.status])).toEqual([
      ['Autumn 1', 'past'],
      ['Autumn 2', 'proposed'],
      ['Spring 1', 'proposed'],
      ['Spring 2', 'proposed'],
      ['Summer 1', 'proposed'],
      ['Summer 2', 'proposed'],
    ]);
    for (const x of s) expect(x.sessionId).toBe(sessionId('a1', x.windowId));
    for (const x of s.filter((y) => y.status === 'proposed')) {
      expect(instantMs(x.start as string)).toBeGreaterThanOrEqual(instantMs(NOW));
      expect(isPlannableDay(wc, instantToLondon(x.start as string).date, false)).toBe(true);
      expect(x.end).toBe(addMinutes(x.start as string, 60));
      expect(x.reason.length).toBeGreaterThan(0);
    }
    expect(sessionsToBook(plan)).toHaveLength(5);
  });

  it('never offers a supervisor with several supervisees two sessions at once', () => {
    // Four arrangements with the same supervisor and the same (narrow) preferences: left alone, each would take the same first slot.
    const prefs = { days: [2], times: [{ from: '09:00', to: '11:00' }] };
    const arrangements = ['a', 'b', 'c', 'd'].map((id) => arrangement(id, 'dan', [`see-${id}`], { preferences: prefs }));
    const plan = planBooking(request(arrangements));
    assertNoDoubleBooking(plan, arrangements);
    const spring1 = arrangements.map((a) => window(plan, a.id, '2026/27:spring1').start);
    expect(new Set(spring1).size).toBe(4);
    // Each alone gets the first Tuesday slot; together only the first (in id order) does.
    const alone = planBooking(request([arrangements[3] as Arrangement]));
    expect(window(alone, 'd', '2026/27:spring1').start).toBe(window(plan, 'a', '2026/27:spring1').start);
  });

  it('keeps clear of the busy times it is given', () => {
    const a = arrangement('a1', 'dan', ['han']);
    const first = window(planBooking(request([a])), 'a1', '2026/27:spring1');
    const busy = new Map([['han', [{ start: first.start as string, end: first.end as string }]]]);
    const again = window(planBooking(request([a], { busy })), 'a1', '2026/27:spring1');
    expect(again.status).toBe('proposed');
    expect(overlaps(again as Interval, first as Interval)).toBe(false);
  });

  it('keeps windows already booked as they are, and plans the rest around nobody new', () => {
    const a = arrangement('a1', 'dan', ['han']);
    const booked = spring1Session('booked');
    const plan = planBooking(request([a], { existing: [booked] }));
    expect(window(plan, 'a1', '2026/27:spring1')).toMatchObject({ status: 'already-booked', start: booked.start, end: booked.end, sessionId: booked.id });
    expect(sessionsToBook(plan).map((t) => t.session.windowId)).not.toContain('2026/27:spring1');
    expect(sessionsToBook(plan)).toHaveLength(4);
    // A cancelled session frees its window to be planned again; another year's session does not count as this year's.
    expect(window(planBooking(request([a], { existing: [{ ...booked, status: 'cancelled' }] })), 'a1', '2026/27:spring1').status).toBe('proposed');
    expect(window(planBooking(request([a], { existing: [{ ...booked, academicYear: '2025/26' }] })), 'a1', '2026/27:spring1').status).toBe('proposed');
    // Someone else's booked session is not this arrangement's.
    expect(window(planBooking(request([a], { existing: [{ ...booked, arrangementId: 'other' }] })), 'a1', '2026/27:spring1').status).toBe('proposed');
  });

  it('honours a valid move, and plans later arrangements around it', () => {
    const a = arrangement('a', 'dan', ['han']);
    const b = arrangement('b', 'dan', ['mar']);
    const start = londonToInstant('2027-01-20', '14:00');
    const plan = planBooking(request([a, b], { moves: [{ arrangementId: 'a', windowId: '2026/27:spring1', start }] }));
    expect(plan.refusedMoves).toEqual([]);
    expect(window(plan, 'a', '2026/27:spring1')).toMatchObject({ status: 'moved', start, end: addMinutes(start, 60), reason: expect.stringContaining('moved by you') });
    assertNoDoubleBooking(plan, [a, b]);
    expect(sessionsToBook(plan).find((t) => t.arrangementId === 'a' && t.session.windowId === '2026/27:spring1')?.session.start).toBe(start);
  });

  it('reports a refused move with its reason, and the planner’s own proposal stands', () => {
    const a = arrangement('a', 'dan', ['han']);
    const b = arrangement('b', 'dan', ['mar']);
    const plain = planBooking(request([a, b]));
    const bad = [
      { arrangementId: 'b', windowId: '2026/27:spring1', start: londonToInstant('2027-01-16', '10:00') }, // a Saturday
      { arrangementId: 'b', windowId: '2026/27:spring2', start: londonToInstant('2027-01-20', '10:00') }, // in Spring 1, not Spring 2
      // Where arrangement a (planned first, same supervisor) already has its Summer 1 session.
      { arrangementId: 'b', windowId: '2026/27:summer1', start: window(plain, 'a', '2026/27:summer1').start as string },
    ];
    const plan = planBooking(request([a, b], { moves: bad }));
    expect(plan.refusedMoves).toEqual([
      { arrangementId: 'b', windowId: '2026/27:spring1', message: expect.stringMatching(/a weekend/) },
      { arrangementId: 'b', windowId: '2026/27:spring2', message: expect.stringMatching(/outside Spring 2/) },
      { arrangementId: 'b', windowId: '2026/27:summer1', message: expect.stringMatching(/clashes with/) },
    ]);
    for (const w of ['2026/27:spring1', '2026/27:spring2', '2026/27:summer1']) {
      expect(window(plan, 'b', w)).toEqual(window(plain, 'b', w));
      expect(window(plan, 'b', w).status).toBe('proposed');
    }
    assertNoDoubleBooking(plan, [a, b]);
  });

  it('books a window again after its session was cancelled, as a new session with its own id', () => {
    const a = arrangement('a1', 'dan', ['han']);
    const cancelled = spring1Session('cancelled');
    const again = window(planBooking(request([a], { existing: [cancelled] })), 'a1', '2026/27:spring1');
    expect(again).toMatchObject({ status: 'proposed', sessionId: sessionId('a1', '2026/27:spring1', 2) });
    expect(again.sessionId).not.toBe(cancelled.id);
    // Once the second one is booked it is the window's session; a third only after it too is cancelled.
    const second = { ...cancelled, id: again.sessionId, status: 'booked' as const };
    expect(window(planBooking(request([a], { existing: [cancelled, second] })), 'a1', '2026/27:spring1')).toMatchObject({ status: 'already-booked', sessionId: second.id });
    expect(window(planBooking(request([a], { existing: [cancelled, { ...second, status: 'cancelled' }] })), 'a1', '2026/27:spring1').sessionId).toBe(
      sessionId('a1', '2026/27:spring1', 3),
    );
  });

  it('refuses a move it cannot apply: an already booked session, no such session, or the same session moved twice', () => {
    const a = arrangement('a1', 'dan', ['han']);
    const booked = spring1Session('booked');
    const start = londonToInstant('2027-01-20', '14:00');
    const plan = planBooking(
      request([a], {
        existing: [booked],
        moves: [
          { arrangementId: 'a1', windowId: '2026/27:spring1', start },
          { arrangementId: 'nobody', windowId: '2026/27:spring2', start },
          { arrangementId: 'a1', windowId: '2026/27:summer9', start },
          { arrangementId: 'a1', windowId: '2026/27:spring2', start: londonToInstant('2027-03-02', '10:00') },
          { arrangementId: 'a1', windowId: '2026/27:spring2', start: londonToInstant('2027-03-03', '10:00') },
        ],
      }),
    );
    expect(plan.refusedMoves).toEqual([
      { arrangementId: 'a1', windowId: '2026/27:spring2', message: expect.stringMatching(/moved twice/) },
      { arrangementId: 'a1', windowId: '2026/27:spring1', message: expect.stringMatching(/already booked: postpone it/) },
      { arrangementId: 'nobody', windowId: '2026/27:spring2', message: expect.stringMatching(/no session to move there/) },
      { arrangementId: 'a1', windowId: '2026/27:summer9', message: expect.stringMatching(/no session to move there/) },
    ]);
    expect(window(plan, 'a1', '2026/27:spring1')).toMatchObject({ status: 'already-booked', start: booked.start });
    expect(window(plan, 'a1', '2026/27:spring2')).toMatchObject({ status: 'moved', start: londonToInstant('2027-03-02', '10:00') });
  });

  it('gives the same plan for the same inputs, whatever order the arrangements come in', () => {
    const arrangements = [arrangement('c', 'dan', ['han']), arrangement('a', 'dan', ['mar']), arrangement('b', 'han', ['sop', 'tom'], { durationMinutes: 120 })];
    const one = planBooking(request(arrangements));
    expect(planBooking(request(arrangements))).toEqual(one);
    expect(planBooking(request([...arrangements].reverse()))).toEqual(one);
    expect(one.arrangements.map((a) => a.arrangementId)).toEqual(['a', 'b', 'c']);
  });
});

// ---- property: random arrangements over a small staff, so people are shared -----------------------

const PEOPLE = ['p1', 'p2', 'p3', 'p4', 'p5'];
const CADENCES: Cadence[] = [{ kind: 'half-termly' }, { kind: 'termly' }, { kind: 'monthly' }];

const arrangementArb = fc
  .record({
    supervisor: fc.constantFrom(...PEOPLE),
    supervisees: fc.uniqueArray(fc.constantFrom(...PEOPLE), { minLength: 1, maxLength: 3 }),
    cadence: fc.constantFrom(...CADENCES),
    durationMinutes: fc.constantFrom(45, 60, 90, 120),
    days: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 2 }), { nil: undefined }),
  })
  .filter((r) => !r.supervisees.includes(r.supervisor));

// Some outside busy time for a person: a whole morning on a term-time day.
const busyArb = fc.array(
  fc.record({ person: fc.constantFrom(...PEOPLE), day: fc.integer({ min: 0, max: 200 }), from: fc.constantFrom('08:30', '09:00', '13:00'), hours: fc.integer({ min: 1, max: 4 }) }),
  { maxLength: 25 },
);

describe('planBooking (property)', () => {
  it('never proposes two overlapping sessions for one person, keeps clear of busy times, and is deterministic', () => {
    fc.assert(
      fc.property(fc.array(arrangementArb, { minLength: 2, maxLength: 6 }), busyArb, (specs, busySpecs) => {
        const arrangements = specs.map((s, i) =>
          arrangement(`arr-${String(i).padStart(2, '0')}`, s.supervisor, s.supervisees, {
            cadence: s.cadence,
            durationMinutes: s.durationMinutes,
            preferences: s.days ? { days: s.days } : {},
          }),
        );
        const busy = new Map<string, Interval[]>();
        for (const b of busySpecs) {
          const date = instantToLondon(addMinutes('2026-12-03T12:00:00Z', b.day * 24 * 60)).date;
          const start = londonToInstant(date, b.from);
          busy.set(b.person, [...(busy.get(b.person) ?? []), { start, end: addMinutes(start, b.hours * 60) }]);
        }
        const req = request(arrangements, { busy });
        const plan = planBooking(req);
        assertNoDoubleBooking(plan, arrangements);
        // Nobody's own busy time is taken.
        const byId = new Map(arrangements.map((a) => [a.id, a]));
        for (const ap of plan.arrangements) {
          const a = byId.get(ap.arrangementId) as Arrangement;
          for (const s of ap.sessions.filter(timed)) {
            for (const p of [a.supervisor, ...a.supervisees]) for (const b of busy.get(p.id) ?? []) expect(overlaps(s as Interval, b)).toBe(false);
          }
        }
        expect(planBooking(request([...arrangements].reverse(), { busy }))).toEqual(plan);
      }),
      { numRuns: 25 },
    );
  });
});

// seed 000 "Key Functions"; seed 003 §C: the maximum gap counts from the sessions the arrangement already has, this year's included.
describe('planBooking keeps the maximum gap from sessions already held or booked', () => {
  const Y = '2025/26';
  const ta = (over: Partial<Arrangement> = {}) => arrangement('arr', 'dsl', ['ta'], { startDate: '2025-09-01', ...over });
  const stored = (windowId: string, date: string, status: Session['status'], academicYear = Y): Session => {
    const start = londonToInstant(date, '10:00');
    return {
      id: sessionId('arr', windowId),
      arrangementId: 'arr',
      academicYear,
      windowId,
      windowLabel: windowId,
      start,
      end: addMinutes(start, 60),
      status,
      organiserMailbox: 'dsl',
      eventId: windowId,
      iCalUId: windowId,
      postponements: [],
    };
  };
  const dateIn = (plan: BookingPlan, windowId: string) => instantToLondon(window(plan, 'arr', windowId).start as string).date;

  it('re-booking a cancelled Spring 1 in January keeps within 3 months of the Autumn 2 session held on 4 Nov 2025, setting the week-6 wish aside', () => {
    const existing = [stored(`${Y}:autumn1`, '2025-10-01', 'held'), stored(`${Y}:autumn2`, '2025-11-04', 'held'), stored(`${Y}:spring1`, '2026-02-09', 'cancelled')];
    const plan = planBooking(request([ta({ preferences: { weekOfHalfTerm: 6 } })], { academicYear: Y, existing, now: '2026-01-06T07:00:00Z' }));
    const spring1 = window(plan, 'arr', `${Y}:spring1`);
    expect(spring1.status).toBe('proposed');
    expect(dateIn(plan, `${Y}:spring1`) <= '2026-02-04').toBe(true);
    expect(spring1.setAside).toEqual(['week 6 of the half term']);
    expect(spring1.reason).toContain('within 3 months of the previous session (by 2026-02-04)');
  });

  it('measures the gap after a booked window from its booked date, not from a date the planner would have chosen for it', () => {
    const plan = planBooking(
      request([ta({ preferences: { weekOfHalfTerm: 6 } })], { academicYear: Y, existing: [stored(`${Y}:autumn2`, '2025-11-04', 'booked')], now: '2025-10-01T07:00:00Z' }),
    );
    expect(window(plan, 'arr', `${Y}:autumn2`).status).toBe('already-booked');
    expect(dateIn(plan, `${Y}:spring1`) <= '2026-02-04').toBe(true);
  });

  it('counts last year’s session still to come (booked for 15 Jul), not only those already past', () => {
    const existing = [stored(`${Y}:summer1`, '2026-05-05', 'held'), stored(`${Y}:summer2`, '2026-07-15', 'booked')];
    const plan = planBooking(request([ta()], { academicYear: '2026/27', existing, now: '2026-06-10T09:00:00Z' }));
    const autumn1 = window(plan, 'arr', '2026/27:autumn1');
    expect(autumn1.setAside).toEqual([]);
    expect(autumn1.reason).toContain('within 3 months of the previous session (by 2026-10-15)');
  });

  it('property: whatever is already booked this year, no session is more than the maximum gap after the one before it when a plan can keep it', () => {
    const cadences: Cadence[] = [{ kind: 'half-termly' }, { kind: 'termly' }, { kind: 'monthly' }];
    const plannable = (from: string, to: string) => eachDay(from, to).filter((d) => isPlannableDay(wc, d, false));
    const arb = fc.record({
      cadence: fc.constantFrom(...cadences),
      maxGapMonths: fc.constantFrom(2, 3, 4),
      week: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
      days: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 2 }), { nil: undefined }),
      // Per window of the year: maybe a session already booked, on its n-th school day.
      booked: fc.array(fc.option(fc.nat(60), { nil: undefined }), { minLength: 11, maxLength: 11 }),
      // Maybe a session held last year, that many days after 20 Apr 2025.
      held: fc.option(fc.nat(100), { nil: undefined }),
      nowOffset: fc.nat(300),
    });
    fc.assert(
      fc.property(arb, (r) => {
        const today = addDays('2025-08-20', r.nowOffset);
        const now = londonToInstant(today, '07:00');
        const windows = targetWindows(wc, Y, r.cadence);
        const existing: Session[] = [];
        windows.forEach((w, i) => {
          const n = r.booked[i];
          const days = plannable(w.start, w.end);
          if (n !== undefined && days.length) existing.push(stored(w.id, days[n % days.length] as string, 'booked'));
        });
        const heldDay = r.held === undefined ? undefined : plannable(addDays('2025-04-20', r.held), '2025-07-31')[0];
        if (heldDay) existing.push(stored('2024/25:summer2', heldDay, 'held', '2024/25'));
        const a = ta({ cadence: r.cadence, maxGapMonths: r.maxGapMonths, preferences: { weekOfHalfTerm: r.week, days: r.days } });
        const plan = planBooking(request([a], { academicYear: Y, existing, now }));

        // Fewest gaps over the maximum any plan could have, over this year and the next, one session per window.
        const fixed = new Map(existing.map((s) => [s.windowId, instantToLondon(s.start).date]));
        let best: Map<string, number> | undefined = heldDay ? new Map([[heldDay, 0]]) : undefined;
        for (const w of [...windows, ...targetWindows(wc, '2026/27', r.cadence)]) {
          const f = fixed.get(w.id);
          const days = f ? [f] : w.end < today ? [] : plannable(maxDate(w.start, today), w.end);
          if (!days.length) continue;
          const from = best ? [...best].map(([p, n]) => [addMonths(p, r.maxGapMonths), n] as const) : undefined;
          best = new Map(days.map((d) => [d, from ? Math.min(...from.map(([limit, n]) => n + (d > limit ? 1 : 0))) : 0]));
        }
        if (best && Math.min(...best.values()) > 0) return;

        const sessions = sessionsOf(plan, 'arr').filter(timed);
        expect(sessions.every((s) => !s.setAside.some((x) => x.endsWith('maximum gap')))).toBe(true);
        const dates = [...(heldDay ? [heldDay] : []), ...sessions.map((s) => instantToLondon(s.start as string).date).sort()];
        for (let i = 1; i < dates.length; i++) expect(dates[i] as string, `after ${dates[i - 1]}`).toSatisfy((d: string) => d <= addMonths(dates[i - 1] as string, r.maxGapMonths));
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});

// seed 000 "Key Functions"; seed 003 §C: a move is held to the same maximum gap as the planner's own times.
describe('planBooking refuses a move that breaks the maximum gap', () => {
  const termly = () => arrangement('a1', 'dan', ['han'], { cadence: { kind: 'termly' } });
  // The Autumn term session was held on Wed 4 Nov 2026; the planner proposes Tue 12 Jan and Mon 12 Apr 2027.
  const heldStart = londonToInstant('2026-11-04', '10:00');
  const held: Session = { ...spring1Session('held'), id: 'held-autumn', windowId: '2026/27:autumn', windowLabel: 'Autumn term', start: heldStart, end: addMinutes(heldStart, 60) };
  const moveTo = (term: string, date: string) => ({ arrangementId: 'a1', windowId: `2026/27:${term}`, start: londonToInstant(date, '10:00') });
  const plan = (...moves: ReturnType<typeof moveTo>[]) => planBooking(request([termly()], { existing: [held], moves }));

  it('measures the gap to the session held before and to the next proposed one, and the planner’s times stand', () => {
    const plain = plan();
    expect(window(plain, 'a1', '2026/27:spring').start).toBe(londonToInstant('2027-01-12', '08:30'));
    const refused = plan(moveTo('spring', '2027-02-09'), moveTo('summer', '2027-07-20'));
    expect(refused.refusedMoves).toEqual([
      {
        arrangementId: 'a1',
        windowId: '2026/27:spring',
        message:
          'Tue 2027-02-09 10:00–11:00 is more than 3 months after the previous session (Wed 2026-11-04): the maximum gap between sessions is 3 months, so choose a day by Thu 2027-02-04.',
      },
      { arrangementId: 'a1', windowId: '2026/27:summer', message: expect.stringMatching(/more than 3 months after the previous session \(Tue 2027-01-12\)/) },
    ]);
    expect(sessionsOf(refused, 'a1')).toEqual(sessionsOf(plain, 'a1'));
    // Too early for the Summer term session the planner proposed (Mon 12 Apr).
    expect(plan(moveTo('spring', '2027-01-05')).refusedMoves).toEqual([
      {
        arrangementId: 'a1',
        windowId: '2026/27:spring',
        message: expect.stringMatching(/more than 3 months before the next session \(Mon 2027-04-12\): .* on or after Tue 2027-01-12/),
      },
    ]);
  });

  it('checks a later move against an earlier one the admin made, not the planner’s time it replaced', () => {
    // Wed 28 Apr is more than 3 months after the proposed 12 Jan, but within 3 months of the moved 3 Feb.
    expect(plan(moveTo('summer', '2027-04-28')).refusedMoves).toHaveLength(1);
    const both = plan(moveTo('spring', '2027-02-03'), moveTo('summer', '2027-04-28'));
    expect(both.refusedMoves).toEqual([]);
    expect(sessionsOf(both, 'a1').map((s) => s.status)).toEqual(['already-booked', 'moved', 'moved']);
  });

  it('property: when the plan keeps every gap, so does every move it accepts', () => {
    const cadences: Cadence[] = [{ kind: 'half-termly' }, { kind: 'termly' }, { kind: 'monthly' }];
    const arb = fc.record({
      cadence: fc.constantFrom(...cadences),
      maxGapMonths: fc.constantFrom(2, 3),
      // Maybe a session held in the summer before, that many days after 1 Jun 2026.
      held: fc.option(fc.nat(50), { nil: undefined }),
      // Moves: a window (by position) and a day in it (by position among its days), at a time in hours.
      moves: fc.array(fc.record({ window: fc.nat(11), day: fc.nat(60), time: fc.constantFrom('08:30', '10:00', '15:45') }), { minLength: 1, maxLength: 4 }),
    });
    fc.assert(
      fc.property(arb, (r) => {
        const now = '2026-08-20T09:00:00Z';
        const windows = targetWindows(wc, YEAR, r.cadence);
        const heldDay = r.held === undefined ? undefined : eachDay(addDays('2026-06-01', r.held), '2026-07-22').find((d) => isPlannableDay(wc, d, false));
        const start = heldDay ? londonToInstant(heldDay, '10:00') : undefined;
        const existing: Session[] = start ? [{ ...held, id: 'held-summer', academicYear: '2025/26', windowId: '2025/26:summer2', start, end: addMinutes(start, 60) }] : [];
        const a = arrangement('a1', 'dan', ['han'], { cadence: r.cadence, maxGapMonths: r.maxGapMonths });
        const plain = planBooking(request([a], { existing, now }));
        if (sessionsOf(plain, 'a1').some((s) => s.setAside.some((x) => x.endsWith('maximum gap')))) return;
        const moves = r.moves.map((m) => {
          const w = windows[m.window % windows.length] as TargetWindow;
          const days = eachDay(w.start, w.end).filter((d) => isPlannableDay(wc, d, false));
          return { arrangementId: 'a1', windowId: w.id, start: londonToInstant(days[m.day % days.length] as string, m.time) };
        });
        const moved = planBooking(request([a], { existing, moves, now }));
        const dates = [
          ...(heldDay ? [heldDay] : []),
          ...sessionsOf(moved, 'a1')
            .filter(timed)
            .map((s) => instantToLondon(s.start as string).date),
        ].sort();
        for (let i = 1; i < dates.length; i++) expect(dates[i] as string, `after ${dates[i - 1]}`).toSatisfy((d: string) => d <= addMonths(dates[i - 1] as string, r.maxGapMonths));
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
