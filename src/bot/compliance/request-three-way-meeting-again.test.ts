import { describe, expect, it } from 'vitest';
import { testArrangement } from '../../shared/arrangements/test-arrangement.js';
import type { IsoInstant } from '../../shared/calendar/london-time.js';
import type { AuditEntry } from '../ports.js';
import type { CalendarEvent, NewCalendarEvent, ScheduleQuestion } from '../graph/calendar.js';
import { requestThreeWayMeeting } from './request-three-way-meeting.js';

// Fictional people: Grace supervises Liam; Grace's line manager is Daniel. The default England calendar.
// Nothing held since the arrangement began on 1 Sep 2025, so Liam is overdue from Sat 25 Oct 2025.
const GRACE = { id: 'grace', displayName: 'Grace Mwangi', mail: 'grace@school.example', role: 'dsl' as const };
const LIAM = { id: 'liam', displayName: 'Liam Doherty', mail: 'liam@school.example', role: 'teaching-assistant' as const };
const arrangement = testArrangement({ id: 'a1', supervisor: GRACE, supervisees: [LIAM], startDate: '2025-09-01' });

/** A calendar that behaves as Outlook does: a repeated transactionId gives the first meeting; meetings booked make their people busy. */
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

function depsAt(now: () => IsoInstant, calendar: ReturnType<typeof outlook>['calendar']) {
  return {
    arrangements: { get: async (id: string) => (id === arrangement.id ? { value: arrangement, etag: '1' } : undefined) },
    compliance: {
      snapshot: async () => ({ arrangements: [{ arrangement, sessions: [], records: [], decisions: [], version: 1 }], reachableIds: new Set(['grace', 'liam']), version: 1 }),
    },
    schoolCalendar: { get: async () => undefined },
    directory: { getManager: async (id: string) => (id === 'grace' ? { id: 'daniel', displayName: 'Daniel Okafor', mail: 'daniel@school.example' } : undefined) },
    calendar,
    settings: { scheduling: {}, safeguardingMailbox: undefined },
    links: { session: (id: string) => `https://app/${id}`, page: (p: string) => `https://app${p}` },
    clock: { now },
    audit: { append: async (entry: AuditEntry) => void entry },
  } as unknown as Parameters<typeof requestThreeWayMeeting>[0];
}

describe('asking for a three-way meeting again on a later day', () => {
  it('while the meeting booked the day before is still ahead, books no second meeting and answers with the first', async () => {
    // Everyone busy all Wed 5 and Thu 6 Nov 2025: the meeting asked for on Wednesday is on Friday 7 Nov.
    const allDay = (date: string) => ({ startUtc: `${date}T00:00:00Z`, endUtc: `${date}T23:59:00Z` });
    const { calendar, events } = outlook([allDay('2025-11-05'), allDay('2025-11-06')]);
    let now = '2025-11-05T09:00:00Z' as IsoInstant;
    const deps = depsAt(() => now, calendar);
    const caller = { id: 'liam', roles: [] } as never;

    const first = await requestThreeWayMeeting(deps, { caller, arrangementId: 'a1' });
    expect(first.ok).toBe(true);
    expect(events).toHaveLength(1);
    expect(events[0]?.startUtc.slice(0, 10)).toBe('2025-11-07');

    // Thursday: Liam presses the button on the same card again.
    now = '2025-11-06T09:00:00Z' as IsoInstant;
    const again = await requestThreeWayMeeting(deps, { caller, arrangementId: 'a1' });
    expect(again.ok).toBe(true);
    expect(events, 'one three-way meeting in Outlook').toHaveLength(1);
    expect(again.ok && again.value.start).toBe(events[0]?.startUtc);
  });
});
