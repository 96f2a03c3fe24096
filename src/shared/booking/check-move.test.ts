import { describe, expect, it } from 'vitest';
import { testCalendar } from '../calendar/test-fixtures.js';
import { makeWorkingCalendar } from '../calendar/working-calendar.js';
import { addMinutes, londonToInstant } from '../calendar/london-time.js';
import { targetWindows, type TargetWindow } from '../scheduling/target-windows.js';
import type { ParticipantBusy } from '../scheduling/intervals.js';
import { checkMove } from './check-move.js';

const wc = makeWorkingCalendar(testCalendar());
const windows = targetWindows(wc, '2026/27', { kind: 'half-termly' });
const windowNamed = (label: string, year = windows): TargetWindow => {
  const w = year.find((x) => x.label === label);
  if (!w) throw new Error(`no window ${label}`);
  return w;
};
// Spring 1 2026/27: Mon 4 Jan (INSET) to Fri 12 Feb 2027. Summer 1: 12 Apr to 28 May 2027 (Early May bank holiday 3 May).
const SPRING1 = windowNamed('Spring 1');
const SUMMER1 = windowNamed('Summer 1');
const NOW = '2026-12-03T09:00:00Z';

const at = (date: string, time: string) => londonToInstant(date, time);
const move = (over: Partial<Parameters<typeof checkMove>[0]> & { start: string }) =>
  checkMove({ calendar: wc, window: SPRING1, durationMinutes: 60, participants: [], now: NOW, ...over });

describe('checkMove', () => {
  it('accepts a school day inside the window, in hours, on the grid, in the future, when everyone is free', () => {
    const start = at('2027-01-13', '10:00');
    const v = move({
      start,
      participants: [
        { participantId: 'a', busy: [{ start: at('2027-01-13', '09:00'), end: start }] },
        { participantId: 'b', busy: [{ start: addMinutes(start, 60), end: addMinutes(start, 120) }] },
      ],
    });
    expect(v).toEqual({ ok: true, start, end: addMinutes(start, 60), reason: expect.stringContaining('moved by you; inside Spring 1') });
    expect(start).toBe('2027-01-13T10:00:00Z');
  });

  it('keeps London wall time in summer (BST): 10:00 London is 09:00Z', () => {
    const v = move({ window: SUMMER1, start: '2027-05-12T09:00:00Z' });
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.reason).toContain('10:00–11:00');
  });

  it('refuses a day outside the window', () => {
    const v = move({ start: at('2027-02-22', '10:00') });
    expect(v).toEqual({ ok: false, message: expect.stringMatching(/is outside Spring 1 \(2027-01-04 to 2027-02-12\): choose a day in that window/) });
    expect(move({ start: at('2027-01-03', '10:00') }).ok).toBe(false);
  });

  it('refuses a weekend', () => {
    const v = move({ start: at('2027-01-16', '10:00') });
    expect(v).toEqual({ ok: false, message: expect.stringMatching(/is a weekend: choose a school day/) });
  });

  it('refuses a bank holiday', () => {
    const v = move({ window: SUMMER1, start: at('2027-05-03', '10:00') });
    expect(v).toEqual({ ok: false, message: expect.stringMatching(/is a bank holiday \(Early May bank holiday\): choose a school day/) });
  });

  it('refuses a closure day', () => {
    const summer1OfLastYear = windowNamed('Summer 1', targetWindows(wc, '2025/26', { kind: 'half-termly' }));
    const v = move({ window: summer1OfLastYear, start: at('2026-05-07', '10:00'), now: '2026-01-01T00:00:00Z' });
    expect(v).toEqual({ ok: false, message: expect.stringMatching(/a closure day \(Polling day\)/) });
  });

  it('refuses an INSET day unless the school allows them', () => {
    const start = at('2027-01-04', '10:00');
    expect(move({ start })).toEqual({ ok: false, message: expect.stringMatching(/is an INSET day in Spring 1: choose a school day/) });
    expect(move({ start, settings: { allowInsetDays: true } }).ok).toBe(true);
  });

  it('refuses times outside working hours, the arrangement’s narrower hours included', () => {
    expect(move({ start: at('2027-01-13', '08:00') })).toEqual({ ok: false, message: expect.stringMatching(/outside working hours \(08:30–17:00\)/) });
    // Starts in hours, ends after 17:00.
    expect(move({ start: at('2027-01-13', '16:30') })).toEqual({ ok: false, message: expect.stringMatching(/16:30–17:30 is outside working hours/) });
    expect(move({ start: at('2027-01-13', '16:00') }).ok).toBe(true);
    // A part-time supervisee's hours narrow the school's.
    expect(move({ start: at('2027-01-13', '13:00'), preferences: { workingHours: { start: '09:00', end: '12:30' } } })).toEqual({
      ok: false,
      message: expect.stringMatching(/outside working hours \(09:00–12:30\)/),
    });
    // The school's own hours.
    expect(move({ start: at('2027-01-13', '16:00'), settings: { workingHours: { start: '08:00', end: '16:00' } } }).ok).toBe(false);
  });

  it('says so when the arrangement’s hours do not overlap the school’s, rather than naming hours that end before they start', () => {
    expect(move({ start: at('2027-01-13', '17:30'), preferences: { workingHours: { start: '17:30', end: '19:00' } } })).toEqual({
      ok: false,
      message: "The arrangement's working hours (17:30–19:00) do not overlap the school's (08:30–17:00): change the arrangement's hours first.",
    });
  });

  it('refuses a start off the slot grid', () => {
    expect(move({ start: at('2027-01-13', '10:07') })).toEqual({ ok: false, message: expect.stringMatching(/15-minute grid/) });
    expect(move({ start: at('2027-01-13', '10:45') }).ok).toBe(true);
    expect(move({ start: at('2027-01-13', '10:10'), settings: { slotStepMinutes: 10 } }).ok).toBe(true);
  });

  it('refuses a time that has passed', () => {
    const v = move({ start: at('2027-01-13', '10:00'), now: '2027-01-13T10:00:01Z' });
    expect(v).toEqual({ ok: false, message: expect.stringMatching(/has already passed/) });
    expect(move({ start: at('2027-01-13', '10:00'), now: '2027-01-13T10:00:00Z' }).ok).toBe(true);
  });

  it('refuses a clash with any participant, saying how many, never who', () => {
    const start = at('2027-01-13', '10:00');
    const busyA: ParticipantBusy = { participantId: 'person-hannah', busy: [{ start: addMinutes(start, 59), end: addMinutes(start, 90) }] };
    const busyB: ParticipantBusy = { participantId: 'b', busy: [{ start: addMinutes(start, -30), end: addMinutes(start, 1) }] };
    const one = move({ start, participants: [busyA, { participantId: 'b', busy: [] }] });
    expect(one).toEqual({ ok: false, message: expect.stringMatching(/clashes with someone's calendar: choose a time when everyone is free/) });
    expect(move({ start, participants: [busyA, busyB] })).toEqual({ ok: false, message: expect.stringMatching(/clashes with 2 people's calendar/) });
    if (!one.ok) expect(one.message).not.toContain('person-hannah');
  });

  it('refuses a time that does not exist, with an example', () => {
    expect(move({ start: '2027-02-30T09:00:00Z' })).toEqual({ ok: false, message: expect.stringMatching(/2027-02-30T09:00:00Z is not a time that exists/) });
    expect(move({ start: 'next Tuesday' }).ok).toBe(false);
  });
});
