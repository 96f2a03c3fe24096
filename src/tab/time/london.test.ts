import { describe, expect, it } from 'vitest';
import { instantToLondon, londonToInstant } from '../../shared/calendar/london-time.js';
import { formatDate, formatDateTime, formatIsoDate, formatTime, formatTimeRange, londonInputToInstant, toLondonInputValue } from './london.js';

describe('formatting in London time', () => {
  it('shows winter times as they are in UTC', () => {
    expect(formatDateTime('2026-12-03T13:00:00Z')).toBe('Thu 3 Dec 2026, 13:00');
    expect(formatTimeRange('2026-12-03T13:00:00Z', '2026-12-03T15:00:00Z')).toBe('Thu 3 Dec 2026, 13:00–15:00');
  });

  it('shows summer times an hour ahead of UTC', () => {
    expect(formatTime('2027-06-10T08:00:00Z')).toBe('09:00');
    // 23:30Z on 30 June is already 1 July in London.
    expect(formatDate('2027-06-30T23:30:00Z')).toBe('Thu 1 Jul 2027');
  });

  it('adds the end date when a range crosses midnight', () => {
    expect(formatTimeRange('2027-01-04T23:00:00Z', '2027-01-05T01:00:00Z')).toBe('Mon 4 Jan 2027, 23:00 – Tue 5 Jan 2027, 01:00');
  });

  it('formats a plain date on its own calendar day', () => {
    expect(formatIsoDate('2027-03-28')).toBe('Sun 28 Mar 2027');
    expect(formatIsoDate('2026-10-25')).toBe('Sun 25 Oct 2026');
    expect(formatIsoDate('not a date')).toBe('not a date');
  });
});

describe('datetime-local in London time <-> UTC', () => {
  it('converts winter and summer times', () => {
    expect(londonInputToInstant('2027-02-12T09:00')).toEqual({ ok: true, instant: '2027-02-12T09:00:00Z' });
    expect(londonInputToInstant('2027-06-10T09:00')).toEqual({ ok: true, instant: '2027-06-10T08:00:00Z' });
    expect(londonInputToInstant('2027-06-10T09:00:30')).toEqual({ ok: true, instant: '2027-06-10T08:00:00Z' });
  });

  it('shows instants in the input in London time', () => {
    expect(toLondonInputValue('2027-02-12T09:00:00Z')).toBe('2027-02-12T09:00');
    expect(toLondonInputValue('2027-06-10T08:00:00Z')).toBe('2027-06-10T09:00');
  });

  it('handles the days the clocks change (spring 2027: 28 March; autumn 2026: 25 October)', () => {
    // Before and after the jump forward at 01:00 GMT.
    expect(londonInputToInstant('2027-03-28T00:30')).toEqual({ ok: true, instant: '2027-03-28T00:30:00Z' });
    expect(londonInputToInstant('2027-03-28T02:30')).toEqual({ ok: true, instant: '2027-03-28T01:30:00Z' });
    // 01:30 is skipped.
    const skipped = londonInputToInstant('2027-03-28T01:30');
    expect(skipped.ok).toBe(false);
    expect(skipped.ok ? '' : skipped.message).toMatch(/clocks go forward/);
    // The repeated hour on 25 October 2026 is read as the second (GMT) one, like the server.
    expect(londonInputToInstant('2026-10-25T01:30')).toEqual({ ok: true, instant: '2026-10-25T01:30:00Z' });
    expect(londonInputToInstant('2026-10-25T00:30')).toEqual({ ok: true, instant: '2026-10-24T23:30:00Z' });
    expect(londonInputToInstant('2026-10-25T02:30')).toEqual({ ok: true, instant: '2026-10-25T02:30:00Z' });
    expect(toLondonInputValue('2026-10-25T00:30:00Z')).toBe('2026-10-25T01:30');
    expect(toLondonInputValue('2027-03-28T01:00:00Z')).toBe('2027-03-28T02:00');
  });

  it('refuses text that is not a real date and time', () => {
    for (const bad of ['', '2027-02-30T09:00', '2027-02-12', '2027-02-12T24:00', '12/02/2027 09:00']) {
      expect(londonInputToInstant(bad).ok).toBe(false);
    }
  });

  it("agrees with the server's converter every 20 minutes across both 2027 clock changes", () => {
    for (const day of ['2027-03-27', '2027-03-28', '2027-03-29', '2027-10-30', '2027-10-31', '2027-11-01']) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 20) {
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        let server: string | null;
        try {
          server = londonToInstant(day, time);
        } catch {
          server = null;
        }
        const tab = londonInputToInstant(`${day}T${time}`);
        expect(tab.ok ? tab.instant : null, `${day} ${time}`).toBe(server);
        if (server) {
          const back = instantToLondon(server);
          expect(toLondonInputValue(server)).toBe(`${back.date}T${back.time}`);
        }
      }
    }
  });
});
