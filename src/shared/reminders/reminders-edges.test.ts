import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, daysBetween } from '../calendar/dates.js';
import { instantMs, londonToInstant, toIsoInstant } from '../calendar/london-time.js';
import { testCalendar } from '../calendar/test-fixtures.js';
import { isWorkingDay, makeWorkingCalendar } from '../calendar/working-calendar.js';
import { isReminderDue, reminderDay } from './reminders.js';

// The test calendar runs Mon 1 Sep 2025 (an INSET day) to Thu 22 Jul 2027.
const wc = makeWorkingCalendar(testCalendar());
const due = (sessionStartUtc: string, now: string, workingDaysBefore?: number) => isReminderDue({ sessionStartUtc, now, workingCalendar: wc, workingDaysBefore });
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

describe('reminders at the edges of the school calendar', () => {
  it('a session on the calendar\u2019s second day is reminded (booked less than 2 working days ahead: at once), not dropped', () => {
    // Tue 2 Sep 2025 09:00 BST; counting back leaves the calendar after Mon 1 Sep.
    expect(due('2025-09-02T08:00:00Z', '2025-09-01T10:00:00Z')).toBe(true);
    expect(due('2025-09-02T08:00:00Z', '2025-09-02T08:00:00Z')).toBe(false);
  });

  it('a session past the calendar\u2019s last year is reminded on weekdays that are not bank holidays', () => {
    // Wed 1 Sep 2027, no 2027/28 in the calendar: Tue 31 Aug is 1, Mon 30 Aug is the summer bank holiday, Fri 27 Aug is 2.
    expect(due('2027-09-01T08:00:00Z', '2027-08-26T22:59:00Z')).toBe(false);
    expect(due('2027-09-01T08:00:00Z', '2027-08-26T23:00:00Z')).toBe(true);
  });

  it('property: whatever the session\u2019s date, the reminder is due in the minute before it starts and never from the start on', () => {
    const from = addDays(wc.firstDay, -20);
    const span = daysBetween(from, addDays(wc.lastDay, 60));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: span }), fc.integer({ min: 0, max: 23 * 60 + 59 }), fc.integer({ min: 1, max: 15 }), (offset, minutes, n) => {
        let start: string;
        try {
          start = londonToInstant(addDays(from, offset), hhmm(minutes));
        } catch {
          return; // 01:xx on the day the clocks go forward does not exist
        }
        const startMs = instantMs(start);
        expect(due(start, toIsoInstant(startMs - 60_000), n)).toBe(true);
        expect(due(start, start, n)).toBe(false);
        expect(due(start, toIsoInstant(startMs + 60_000), n)).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('property: due from London midnight of the reminder day, also in the weeks the clocks change', () => {
    const span = daysBetween(wc.firstDay, wc.lastDay);
    fc.assert(
      fc.property(fc.integer({ min: 3, max: span }), fc.integer({ min: 7 * 60, max: 18 * 60 }), fc.integer({ min: 1, max: 5 }), (offset, minutes, n) => {
        const date = addDays(wc.firstDay, offset);
        if (!isWorkingDay(wc, date)) return;
        const start = londonToInstant(date, hhmm(minutes));
        let day: string;
        try {
          day = reminderDay(start, wc, n);
        } catch {
          return; // before the calendar: covered above
        }
        const midnight = londonToInstant(day, '00:00');
        expect(due(start, midnight, n)).toBe(true);
        expect(due(start, toIsoInstant(instantMs(midnight) - 60_000), n)).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('Monday sessions after a clock change, a half term and Christmas', () => {
    // Mon 30 Mar 2026 (clocks went forward on Sun 29 Mar), 08:00 BST = 07:00Z: reminder Thu 26 Mar.
    expect(reminderDay('2026-03-30T07:00:00Z', wc)).toBe('2026-03-26');
    // Mon 2 Nov 2026 09:00 GMT after the October half term (clocks back on Sun 25 Oct): Thu 22 Oct.
    expect(reminderDay('2026-11-02T09:00:00Z', wc)).toBe('2026-10-22');
    // Tue 5 Jan 2027 after Christmas: Mon 4 Jan (INSET) is 1, Fri 18 Dec 2026 is 2 — in term, before the holiday.
    expect(reminderDay('2027-01-05T09:00:00Z', wc)).toBe('2026-12-18');
    expect(due('2027-01-05T09:00:00Z', '2026-12-18T00:00:00Z')).toBe(true);
  });
});
