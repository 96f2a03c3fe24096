import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { instantToLondon, londonToInstant } from './london-time.js';
import { addDays, isoDate } from './dates.js';

describe('Europe/London wall-clock times', () => {
  it('a 09:00 session is 08:00Z in summer and 09:00Z in winter', () => {
    expect(londonToInstant('2026-06-16', '09:00')).toBe('2026-06-16T08:00:00Z');
    expect(londonToInstant('2026-01-13', '09:00')).toBe('2026-01-13T09:00:00Z');
  });

  it('the week the clocks go forward (Sunday 29 March 2026)', () => {
    expect(londonToInstant('2026-03-27', '09:00')).toBe('2026-03-27T09:00:00Z'); // Friday before: GMT
    expect(londonToInstant('2026-03-30', '09:00')).toBe('2026-03-30T08:00:00Z'); // Monday after: BST
    expect(londonToInstant('2026-03-29', '09:00')).toBe('2026-03-29T08:00:00Z');
  });

  it('the week the clocks go back (Sunday 25 October 2026)', () => {
    expect(londonToInstant('2026-10-23', '09:00')).toBe('2026-10-23T08:00:00Z'); // Friday before: BST
    expect(londonToInstant('2026-10-26', '09:00')).toBe('2026-10-26T09:00:00Z'); // Monday after: GMT
  });

  it('2025 changes (30 March and 26 October)', () => {
    expect(londonToInstant('2025-03-28', '09:00')).toBe('2025-03-28T09:00:00Z');
    expect(londonToInstant('2025-03-31', '09:00')).toBe('2025-03-31T08:00:00Z');
    expect(londonToInstant('2025-10-24', '09:00')).toBe('2025-10-24T08:00:00Z');
    expect(londonToInstant('2025-10-27', '09:00')).toBe('2025-10-27T09:00:00Z');
  });

  it('a time in the hour repeated when the clocks go back is the GMT (second) occurrence', () => {
    expect(londonToInstant('2025-10-26', '00:59')).toBe('2025-10-25T23:59:00Z'); // BST, before the repeat
    expect(londonToInstant('2025-10-26', '01:00')).toBe('2025-10-26T01:00:00Z');
    expect(londonToInstant('2025-10-26', '01:30')).toBe('2025-10-26T01:30:00Z'); // not 00:30Z
    expect(londonToInstant('2025-10-26', '02:00')).toBe('2025-10-26T02:00:00Z');
    // Both instants read back as 01:30 London.
    expect(instantToLondon('2025-10-26T00:30:00Z')).toEqual({ date: '2025-10-26', time: '01:30' });
    expect(instantToLondon('2025-10-26T01:30:00Z')).toEqual({ date: '2025-10-26', time: '01:30' });
  });

  it('rejects a time the clocks skip', () => {
    expect(() => londonToInstant('2026-03-29', '01:30')).toThrow(/does not exist/);
  });

  it('round-trips any weekday daytime time (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 365 * 4 }),
        fc.integer({ min: 7 * 4, max: 19 * 4 }),
        (dayOffset, quarter) => {
          const date = addDays(isoDate(2025, 1, 1), dayOffset);
          const time = `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`;
          const instant = londonToInstant(date, time);
          expect(instant).toMatch(/Z$/);
          expect(instantToLondon(instant)).toEqual({ date, time });
          // London is UTC or UTC+1, never anything else.
          const utcHour = Number(instant.slice(11, 13));
          expect([Number(time.slice(0, 2)), Number(time.slice(0, 2)) - 1]).toContain(utcHour);
        },
      ),
    );
  });
});
