import { describe, expect, it } from 'vitest';
import { testArrangement } from '../../shared/arrangements/test-arrangement.js';
import { instantToLondon, type IsoInstant } from '../../shared/calendar/london-time.js';
import type { AuditEntry } from '../ports.js';
import type { CalendarEvent, NewCalendarEvent, ScheduleQuestion } from '../graph/calendar.js';
import { requestThreeWayMeeting } from './request-three-way-meeting.js';

// Fictional people: Grace supervises Liam; Grace's line manager is Daniel. The default England calendar.
const GRACE = { id: 'grace', displayName: 'Grace Mwangi', mail: 'grace@school.example', role: 'dsl' as const };
const LIAM = { id: 'liam', displayName: 'Liam Doherty', mail: 'liam@school.example', role: 'teaching-assistant' as const };
// Nothing held since it began: Autumn 1 2025 (1 Sep – 24 Oct) had no session, so Liam is overdue from Sat 25 Oct.
const arrangement = testArrangement({ id: 'a1', supervisor: GRACE, supervisees: [LIAM], startDate: '2025-09-01' });

/**
 * A calendar that behaves as Outlook does: Graph answers free/busy only for the span each question asks about
 * (`busy`: times everyone is busy, and the meetings booked); a repeated transactionId gives the first meeting.
 */
function outlook(busy: readonly { startUtc: string; endUtc: string }[]) {
  const events: CalendarEvent[] = [];
  const calendar = {
    getManySchedules: async (asks: readonly ScheduleQuestion[]) =>
      asks.map((q) =>
        q.addresses.map((address) => ({
          address,
          availabilityView: '',
          busy: [...busy, ...events].filter((b) => b.startUtc < q.endUtc && b.endUtc > q.startUtc).map((b) => ({ startUtc: b.startUtc, endUtc: b.endUtc, status: 'busy' })),
        })),
      ),
    createEvent: async (e: NewCalendarEvent): Promise<CalendarEvent> => {
      const existing = events.find((x) => x.transactionId === e.transactionId && x.organizerId === e.organizerId);
      if (existing) return existing;
      const event: CalendarEvent = {
        id: `ev${events.length + 1}`,
        iCalUId: `i${events.length + 1}`,
        organizerId: e.organizerId,
        subject: e.subject,
        startUtc: e.startUtc,
        endUtc: e.endUtc,
        location: '',
        isCancelled: false,
        isOrganizer: true,
        transactionId: e.transactionId,
        attendees: e.attendees.map((a) => ({ address: a.address, name: a.name ?? '', type: a.type ?? 'required', response: 'none' })),
      };
      events.push(event);
      return event;
    },
    calendarView: async (mailboxId: string, startUtc: string, endUtc: string) => events.filter((x) => x.organizerId === mailboxId && x.startUtc < endUtc && x.endUtc > startUtc),
  };
  return { calendar, events };
}

/** The clock at `now` (it can be moved on), and an Outlook where everyone is busy at `busy`. */
function setup(now: IsoInstant, busy: readonly { startUtc: string; endUtc: string }[] = []) {
  const { calendar, events: created } = outlook(busy);
  const audit: AuditEntry[] = [];
  const clock = { now: () => now };
  const deps = {
    arrangements: { get: async (id: string) => (id === arrangement.id ? { value: arrangement, etag: '1' } : undefined) },
    compliance: {
      snapshot: async () => ({ arrangements: [{ arrangement, sessions: [], records: [], decisions: [], version: 1 }], reachableIds: new Set(['grace', 'liam']), version: 1 }),
    },
    schoolCalendar: { get: async () => undefined },
    directory: { getManager: async (id: string) => (id === 'grace' ? { id: 'daniel', displayName: 'Daniel Okafor', mail: 'daniel@school.example' } : undefined) },
    calendar,
    settings: { scheduling: {}, safeguardingMailbox: undefined },
    links: { session: (id: string) => `https://app/${id}`, page: (p: string) => `https://app${p}` },
    clock,
    audit: { append: async (entry: AuditEntry) => void audit.push(entry) },
  } as unknown as Parameters<typeof requestThreeWayMeeting>[0];
  return { deps, created, audit, clock };
}

describe('requestThreeWayMeeting', () => {
  // The escalation card goes out the day after a half term ends, a Saturday, and the holiday follows: asked
  // then, the working week counts from the next school day instead of failing on "not a school day".
  it('books the first free time from the next school day when asked on a Saturday in the half-term holiday', async () => {
    const { deps, created } = setup('2025-10-25T09:00:00Z' as IsoInstant);
    const outcome = await requestThreeWayMeeting(deps, { caller: { id: 'liam', roles: [] } as never, arrangementId: 'a1' });
    expect(outcome.ok).toBe(true);
    expect(created).toHaveLength(1);
    const day = instantToLondon(created[0]?.startUtc as IsoInstant).date;
    expect(day >= '2025-11-03' && day <= '2025-11-07').toBe(true);
  });

  // Thu 18 Dec 2025 + 5 working days is Thu 8 Jan 2026 (5 Jan an INSET day, not planned): everyone's Outlook must be read up to then, not two weeks.
  it('reads free/busy for the whole working week, across the Christmas holiday', async () => {
    const allDay = (date: string) => ({ startUtc: `${date}T00:00:00Z`, endUtc: `${date}T23:59:00Z` });
    const { deps, created } = setup('2025-12-18T07:00:00Z' as IsoInstant, [allDay('2025-12-18'), allDay('2025-12-19'), allDay('2026-01-06')]);
    const outcome = await requestThreeWayMeeting(deps, { caller: { id: 'liam', roles: [] } as never, arrangementId: 'a1' });
    expect(outcome.ok).toBe(true);
    expect(instantToLondon(created[0]?.startUtc as IsoInstant).date).toBe('2026-01-07');
  });

  it('books the same week when asked on a school day', async () => {
    const { deps, created } = setup('2025-11-05T09:00:00Z' as IsoInstant);
    const outcome = await requestThreeWayMeeting(deps, { caller: { id: 'liam', roles: [] } as never, arrangementId: 'a1' });
    expect(outcome.ok).toBe(true);
    expect(instantToLondon(created[0]?.startUtc as IsoInstant).date).toBe('2025-11-05');
  });

  it('asked again on a later day while the meeting booked the day before is still ahead: books no second meeting and answers with the first', async () => {
    // Everyone busy all Wed 5 and Thu 6 Nov 2025: the meeting asked for on Wednesday is on Friday 7 Nov.
    const allDay = (date: string) => ({ startUtc: `${date}T00:00:00Z`, endUtc: `${date}T23:59:00Z` });
    const { deps, created, clock } = setup('2025-11-05T09:00:00Z' as IsoInstant, [allDay('2025-11-05'), allDay('2025-11-06')]);
    const caller = { id: 'liam', roles: [] } as never;
    expect((await requestThreeWayMeeting(deps, { caller, arrangementId: 'a1' })).ok).toBe(true);
    expect(created.map((e) => instantToLondon(e.startUtc).date)).toEqual(['2025-11-07']);

    // Thursday: Liam presses the button on the same card again.
    clock.now = () => '2025-11-06T09:00:00Z' as IsoInstant;
    const again = await requestThreeWayMeeting(deps, { caller, arrangementId: 'a1' });
    expect(created, 'one three-way meeting in Outlook').toHaveLength(1);
    expect(again.ok && again.value.start).toBe(created[0]?.startUtc);
  });
});
