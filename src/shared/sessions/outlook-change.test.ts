import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../calendar/dates.js';
import { londonToInstant } from '../calendar/london-time.js';
import { testCalendar } from '../calendar/test-fixtures.js';
import { makeWorkingCalendar } from '../calendar/working-calendar.js';
import { postponementWindow } from '../calendar/working-days.js';
import { outlookChangesOf, type OutlookChangeInput, type OutlookMeeting } from './outlook-change.js';
import type { Session } from './session.js';

const calendar = makeWorkingCalendar(testCalendar());
const DAY = '2026-01-14';
const session: Session = {
  id: 'a1.2025-26-spring1',
  arrangementId: 'a1',
  academicYear: '2025/26',
  windowId: '2025/26:spring1',
  windowLabel: 'Spring 1',
  start: londonToInstant(DAY, '10:00'),
  end: londonToInstant(DAY, '11:00'),
  status: 'booked',
  organiserMailbox: 'ada',
  eventId: 'e1',
  iCalUId: 'i1',
  postponements: [],
};
const parties = [
  { id: 'ada', mail: 'ada.quillgate@school.example' },
  { id: 'ben', mail: 'Ben.Ash@school.example' },
];
const inStep = (over: Partial<Extract<OutlookMeeting, { removed: false }>> = {}): OutlookMeeting => ({
  removed: false,
  startUtc: session.start,
  endUtc: session.end,
  isCancelled: false,
  attendees: [{ address: 'ben.ash@school.example', response: 'accepted' }],
  ...over,
});
const input = (meeting: OutlookMeeting, over: Partial<OutlookChangeInput> = {}): OutlookChangeInput => ({
  session,
  parties,
  meeting,
  calendar,
  postponementWorkingDays: 5,
  ...over,
});
const deadline = postponementWindow(calendar, DAY, 5).deadline;

describe('outlookChangesOf', () => {
  it('means nothing when the meeting is as booked (a subject or body edit, a repeat notification)', () => {
    expect(outlookChangesOf(input(inStep()))).toEqual([]);
  });

  it('a cancelled or deleted meeting cancels the session; nothing is read into an already cancelled or held one', () => {
    expect(outlookChangesOf(input(inStep({ isCancelled: true })))).toEqual([{ kind: 'cancelled' }]);
    expect(outlookChangesOf(input({ removed: true }))).toEqual([{ kind: 'cancelled' }]);
    for (const status of ['cancelled', 'held'] as const) expect(outlookChangesOf(input({ removed: true }, { session: { ...session, status } }))).toEqual([]);
  });

  it('a move within one working week is in time; a move past the deadline is not; earlier is never late', () => {
    const sameWeek = londonToInstant(deadline, '14:00');
    expect(outlookChangesOf(input(inStep({ startUtc: sameWeek, endUtc: londonToInstant(deadline, '15:00') })))).toEqual([
      { kind: 'moved', start: sameWeek, end: londonToInstant(deadline, '15:00'), deadline, withinWindow: true },
    ]);
    const late = londonToInstant(addDays(deadline, 1), '10:00');
    expect(outlookChangesOf(input(inStep({ startUtc: late, endUtc: londonToInstant(addDays(deadline, 1), '11:00') })))[0]).toMatchObject({
      kind: 'moved',
      withinWindow: false,
      deadline,
    });
    const earlier = londonToInstant('2026-01-12', '10:00');
    expect(outlookChangesOf(input(inStep({ startUtc: earlier, endUtc: londonToInstant('2026-01-12', '11:00') })))[0]).toMatchObject({ withinWindow: true });
  });

  it('the working week counts from the time first booked, so moving again cannot push the deadline on', () => {
    const movedOnce: Session = {
      ...session,
      start: londonToInstant('2026-01-16', '10:00'),
      end: londonToInstant('2026-01-16', '11:00'),
      postponements: [
        {
          fromStart: session.start,
          fromEnd: session.end,
          toStart: londonToInstant('2026-01-16', '10:00'),
          toEnd: londonToInstant('2026-01-16', '11:00'),
          reason: 'other',
          byId: 'ada',
          at: session.start,
        },
      ],
    };
    const late = londonToInstant(addDays(deadline, 1), '10:00');
    expect(outlookChangesOf(input(inStep({ startUtc: late, endUtc: londonToInstant(addDays(deadline, 1), '11:00') }), { session: movedOnce }))[0]).toMatchObject({
      withinWindow: false,
      deadline,
    });
  });

  it('names the parties who declined, matching mail addresses without regard to case; others are not parties', () => {
    const meeting = inStep({
      attendees: [
        { address: 'BEN.ASH@school.example', response: 'declined' },
        { address: 'visitor@elsewhere.example', response: 'declined' },
      ],
    });
    expect(outlookChangesOf(input(meeting))).toEqual([{ kind: 'declined', userIds: ['ben'] }]);
  });

  it('a session whose week runs past the calendar cannot be said to be moved in time', () => {
    const july: Session = { ...session, start: londonToInstant('2027-07-20', '10:00'), end: londonToInstant('2027-07-20', '11:00') };
    const later = londonToInstant('2027-07-21', '10:00');
    expect(outlookChangesOf(input(inStep({ startUtc: later, endUtc: londonToInstant('2027-07-21', '11:00') }), { session: july }))[0]).toMatchObject({
      kind: 'moved',
      deadline: undefined,
      withinWindow: false,
    });
  });

  it('is idempotent: once the session has followed its meeting, the same meeting means nothing more', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3, max: 12 }), fc.integer({ min: 7, max: 17 }), (days, hour) => {
        const day = addDays(DAY, days);
        const start = londonToInstant(day, `${String(hour).padStart(2, '0')}:00`);
        const end = londonToInstant(day, `${String(hour + 1).padStart(2, '0')}:00`);
        const meeting = inStep({ startUtc: start, endUtc: end });
        const first = outlookChangesOf(input(meeting));
        const followed: Session = { ...session, start, end };
        expect(outlookChangesOf(input(meeting, { session: followed }))).toEqual([]);
        expect(first.length).toBe(start === session.start ? 0 : 1);
      }),
    );
  });
});
