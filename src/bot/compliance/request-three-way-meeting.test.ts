import { describe, expect, it } from 'vitest';
import { testArrangement } from '../../shared/arrangements/test-arrangement.js';
import { instantToLondon, type IsoInstant } from '../../shared/calendar/london-time.js';
import type { AuditEntry } from '../ports.js';
import type { NewCalendarEvent, ScheduleQuestion } from '../graph/calendar.js';
import { requestThreeWayMeeting } from './request-three-way-meeting.js';

// Fictional people: Grace supervises Liam; Grace's line manager is Daniel. The default England calendar.
const GRACE = { id: 'grace', displayName: 'Grace Mwangi', mail: 'grace@school.example', role: 'dsl' as const };
const LIAM = { id: 'liam', displayName: 'Liam Doherty', mail: 'liam@school.example', role: 'teaching-assistant' as const };
// Nothing held since it began: Autumn 1 2025 (1 Sep – 24 Oct) had no session, so Liam is overdue from Sat 25 Oct.
const arrangement = testArrangement({ id: 'a1', supervisor: GRACE, supervisees: [LIAM], startDate: '2025-09-01' });

/** `busy`: times everyone is busy; Graph answers only for the span each question asks about. */
function setup(now: IsoInstant, busy: readonly { startUtc: string; endUtc: string }[] = []) {
  const created: NewCalendarEvent[] = [];
  const audit: AuditEntry[] = [];
  const deps = {
    arrangements: { get: async (id: string) => (id === arrangement.id ? { value: arrangement, etag: '1' } : undefined) },
    compliance: {
      snapshot: async () => ({ arrangements: [{ arrangement, sessions: [], records: [], decisions: [], version: 1 }], reachableIds: new Set(['grace', 'liam']), version: 1 }),
    },
    schoolCalendar: { get: async () => undefined },
    directory: { getManager: async (id: string) => (id === 'grace' ? { id: 'daniel', displayName: 'Daniel Okafor', mail: 'daniel@school.example' } : undefined) },
    calendar: {
      getManySchedules: async (asks: readonly ScheduleQuestion[]) =>
        asks.map((q) =>
          q.addresses.map((address) => ({
            address,
            availabilityView: '',
            busy: busy.filter((b) => b.startUtc < q.endUtc && b.endUtc > q.startUtc).map((b) => ({ ...b, status: 'busy' })),
          })),
        ),
      // No three-way meeting booked yet.
      calendarView: async () => [],
      createEvent: async (e: NewCalendarEvent) => {
        created.push(e);
        return {
          id: 'ev1',
          iCalUId: 'i1',
          organizerId: e.organizerId,
          subject: e.subject,
          startUtc: e.startUtc,
          endUtc: e.endUtc,
          location: '',
          isCancelled: false,
          isOrganizer: true,
          attendees: [],
        };
      },
    },
    settings: { scheduling: {}, safeguardingMailbox: undefined },
    links: { session: (id: string) => `https://app/${id}`, page: (p: string) => `https://app${p}` },
    clock: { now: () => now },
    audit: { append: async (entry: AuditEntry) => void audit.push(entry) },
  } as unknown as Parameters<typeof requestThreeWayMeeting>[0];
  return { deps, created, audit };
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
});
