import { describe, expect, it } from 'vitest';
import { testArrangement } from '../arrangements/test-arrangement.js';
import type { IsoInstant } from '../calendar/london-time.js';
import { testCalendar } from '../calendar/test-fixtures.js';
import { makeWorkingCalendar } from '../calendar/working-calendar.js';
import { NOT_BOOKABLE, whyNotBookable } from './still-bookable.js';

// Fictional people: Grace supervises Liam.
const GRACE = { id: 'grace', displayName: 'Grace Mwangi', mail: 'grace@school.example', role: 'dsl' as const };
const LIAM = { id: 'liam', displayName: 'Liam Doherty', mail: 'liam@school.example', role: 'teaching-assistant' as const };
const planned = testArrangement({ id: 'a1', supervisor: GRACE, supervisees: [LIAM] });
// Tue 10 Nov 2026, 10:00 London (GMT): a school day in the default calendar.
const session = { academicYear: '2026/27', start: '2026-11-10T10:00:00Z' as IsoInstant };
const calendar = makeWorkingCalendar(testCalendar());
const now = { at: '2026-11-02T09:00:00Z' as IsoInstant, calendar, allowInsetDays: false, arrangement: planned };

describe('whyNotBookable: a session planned when the booking started, checked again as it is booked', () => {
  it('books it when nothing changed', () => {
    expect(whyNotBookable(session, planned, now)).toBeUndefined();
  });

  it('not when its time has passed', () => {
    expect(whyNotBookable(session, planned, { ...now, at: '2026-11-10T10:00:01Z' as IsoInstant })).toBe(NOT_BOOKABLE.passed);
  });

  it('not when its year is no longer in the calendar', () => {
    expect(whyNotBookable({ ...session, academicYear: '2031/32' }, planned, now)).toBe(NOT_BOOKABLE.dayClosed);
  });

  it('not when its arrangement ended, is gone, or changed what its meetings are made from; a change of preferences is fine', () => {
    expect(whyNotBookable(session, planned, { ...now, arrangement: { ...planned, status: 'ended' } })).toBe(NOT_BOOKABLE.ended);
    expect(whyNotBookable(session, planned, { ...now, arrangement: undefined })).toBe(NOT_BOOKABLE.ended);
    expect(whyNotBookable(session, planned, { ...now, arrangement: { ...planned, durationMinutes: 90 } })).toBe(NOT_BOOKABLE.changed);
    expect(whyNotBookable(session, planned, { ...now, arrangement: { ...planned, supervisor: { ...GRACE, mail: 'grace.new@school.example' } } })).toBe(NOT_BOOKABLE.changed);
    expect(whyNotBookable(session, planned, { ...now, arrangement: { ...planned, preferences: { days: [2] } } })).toBeUndefined();
  });
});
