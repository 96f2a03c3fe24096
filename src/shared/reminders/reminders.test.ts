import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, daysBetween } from '../calendar/dates.js';
import { londonToInstant } from '../calendar/london-time.js';
import { testCalendar } from '../calendar/test-fixtures.js';
import { dayKind, isWorkingDay, makeWorkingCalendar } from '../calendar/working-calendar.js';
import { OutsideCalendarError, workingDaysIn } from '../calendar/working-days.js';
import { DEFAULT_REMINDER_WORKING_DAYS, isReminderDue, reminderDay, reminderKey } from './reminders.js';
import { refusalOf } from '../errors/refusal-of.js';

const wc = makeWorkingCalendar(testCalendar());

const refusal = refusalOf;

describe('reminderDay', () => {
  it('defaults to 2 working days before', () => {
    expect(DEFAULT_REMINDER_WORKING_DAYS).toBe(2);
    // Thursday 18 June 2026, 09:00 BST: Wednesday is 1, Tuesday 2.
    expect(reminderDay('2026-06-18T08:00:00Z', wc)).toBe('2026-06-16');
    expect(reminderDay('2026-06-18T08:00:00Z', wc, 1)).toBe('2026-06-17');
  });

  it('skips weekends, bank holidays, closure days and half-term holidays', () => {
    expect(reminderDay('2026-06-15T08:00:00Z', wc)).toBe('2026-06-11'); // Monday → Thursday
    expect(reminderDay('2026-05-05T08:00:00Z', wc)).toBe('2026-04-30'); // after the early May bank holiday
    expect(reminderDay('2026-05-08T08:00:00Z', wc)).toBe('2026-05-05'); // polling-day closure on Thursday 7 May
    expect(reminderDay('2026-06-01T08:00:00Z', wc)).toBe('2026-05-21'); // after the May half term
  });

  it('uses the London date of the start, not the UTC date', () => {
    // 00:30 BST on Thursday 18 June is still Wednesday 17 June in UTC.
    expect(reminderDay('2026-06-17T23:30:00Z', wc)).toBe('2026-06-16');
  });

  it.each([
    ['2027-02-30T09:00:00Z', 2, 'sessionStartUtc'],
    ['2026-06-18 09:00', 2, 'sessionStartUtc'],
    ['2026-06-18T08:00:00Z', 0, 'workingDaysBefore'],
    ['2026-06-18T08:00:00Z', -1, 'workingDaysBefore'],
    ['2026-06-18T08:00:00Z', 1.5, 'workingDaysBefore'],
    ['2026-06-18T08:00:00Z', Number.NaN, 'workingDaysBefore'],
  ])('refuses %j with %d working days (field %s)', (start, n, field) => {
    expect(refusal(() => reminderDay(start, wc, n)).field).toBe(field);
  });

  it('says when the reminder day is before the calendar starts', () => {
    expect(() => reminderDay('2025-09-02T08:00:00Z', wc, 3)).toThrow(OutsideCalendarError);
  });

  it('property: a working day strictly before the session day, with exactly N − 1 working days between them', () => {
    const span = daysBetween(wc.firstDay, wc.lastDay);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: span }), fc.integer({ min: 7 * 60, max: 18 * 60 }), fc.integer({ min: 1, max: 15 }), (offset, minutes, n) => {
        const date = addDays(wc.firstDay, offset);
        const start = londonToInstant(date, `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`);
        let day: string;
        try {
          day = reminderDay(start, wc, n);
        } catch (e) {
          if (e instanceof OutsideCalendarError) return; // before the calendar's first year
          throw e;
        }
        expect(day < date).toBe(true);
        expect(isWorkingDay(wc, day)).toBe(true);
        expect(['term', 'inset']).toContain(dayKind(wc, day).kind);
        expect(workingDaysIn(wc, addDays(day, 1), addDays(date, -1))).toHaveLength(n - 1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('isReminderDue', () => {
  const start = '2026-06-18T08:00:00Z';
  const due = (now: string, workingDaysBefore?: number) => isReminderDue({ sessionStartUtc: start, now, workingCalendar: wc, workingDaysBefore });

  it('from the start of the London reminder day until the session starts', () => {
    expect(due('2026-06-15T22:59:00Z')).toBe(false); // Monday 23:59 BST
    expect(due('2026-06-15T23:00:00Z')).toBe(true); // Tuesday 00:00 BST
    expect(due('2026-06-18T07:59:59Z')).toBe(true);
    expect(due('2026-06-18T08:00:00Z')).toBe(false);
    expect(due('2026-06-19T08:00:00Z')).toBe(false);
    expect(due('2026-06-16T12:00:00Z', 1)).toBe(false);
    expect(due('2026-06-17T12:00:00Z', 1)).toBe(true);
  });

  it('refuses bad input even after the session', () => {
    expect(refusal(() => due('2027-02-30T09:00:00Z')).field).toBe('now');
    expect(refusal(() => due('2026-06-19T08:00:00Z', 0)).field).toBe('workingDaysBefore');
    expect(refusal(() => isReminderDue({ sessionStartUtc: '2026-13-01T08:00:00Z', now: start, workingCalendar: wc })).field).toBe('sessionStartUtc');
  });

  it('property: once due, stays due until the start; never due from the start on', () => {
    const startMs = Date.parse(start);
    const day = 86_400_000;
    fc.assert(
      fc.property(fc.integer({ min: -20 * day, max: 2 * day }), fc.integer({ min: -20 * day, max: 2 * day }), fc.integer({ min: 1, max: 8 }), (a, b, n) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const at = (offset: number) => new Date(startMs + offset).toISOString();
        const dueEarly = due(at(early), n);
        const dueLate = due(at(late), n);
        if (late >= 0) expect(dueLate).toBe(false);
        else if (dueEarly) expect(dueLate).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('reminderKey', () => {
  it('is stable, readable and changes with the start', () => {
    const key = reminderKey('arr-1.autumn-1', '6f1c2a7e-0000-4000-8000-000000000001', '2026-06-18T08:00:00Z');
    expect(key).toBe('rem_arr-1.autumn-1_6f1c2a7e-0000-4000-8000-000000000001_20260618T080000Z');
    expect(reminderKey('arr-1.autumn-1', '6f1c2a7e-0000-4000-8000-000000000001', '2026-06-18T09:00:00+01:00')).toBe(key);
    expect(reminderKey('arr-1.autumn-1', '6f1c2a7e-0000-4000-8000-000000000001', '2026-06-19T08:00:00Z')).not.toBe(key);
  });

  it('keeps ids apart that would look alike once made safe', () => {
    const keys = ['a b', 'a-b', 'a_b', 'a/b', 'a-b-'].map((id) => reminderKey(id, 'p', '2026-06-18T08:00:00Z'));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('refuses empty ids and a start that does not exist', () => {
    expect(refusal(() => reminderKey('', 'p', '2026-06-18T08:00:00Z')).field).toBe('sessionId');
    expect(refusal(() => reminderKey('s', '', '2026-06-18T08:00:00Z')).field).toBe('participantId');
    expect(refusal(() => reminderKey('s', 'p', '2027-02-30T09:00:00Z')).field).toBe('sessionStartUtc');
  });

  it('property: URL- and SharePoint-safe, at most 255 characters, whatever the ids', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 400 }), fc.string({ minLength: 1, maxLength: 400 }), (s, p) => {
        const key = reminderKey(s, p, '2026-06-18T08:00:00Z');
        expect(key).toMatch(/^[A-Za-z0-9._~-]+$/);
        expect(key.length).toBeLessThanOrEqual(255);
        expect(key.split('_')).toHaveLength(4);
      }),
    );
  });
});
