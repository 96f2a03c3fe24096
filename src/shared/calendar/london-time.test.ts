import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addMinutes, instantMs, instantToLondon, isIsoInstant, londonDayClock, londonToInstant, minutesOfDay } from './london-time.js';
import { addDays, isoDate } from './dates.js';
import { InvalidInputError } from '../errors/invalid-input.js';
import { refusalOf } from '../errors/refusal-of.js';

const refusal = refusalOf;

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
      fc.property(fc.integer({ min: 0, max: 365 * 4 }), fc.integer({ min: 7 * 4, max: 19 * 4 }), (dayOffset, quarter) => {
        const date = addDays(isoDate(2025, 1, 1), dayOffset);
        const time = `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`;
        const instant = londonToInstant(date, time);
        expect(instant).toMatch(/Z$/);
        expect(instantToLondon(instant)).toEqual({ date, time });
        // London is UTC or UTC+1, never anything else.
        const utcHour = Number(instant.slice(11, 13));
        expect([Number(time.slice(0, 2)), Number(time.slice(0, 2)) - 1]).toContain(utcHour);
      }),
    );
  });
});

describe('strict instants: a date or time that does not exist is refused, never rolled over', () => {
  it('accepts ISO instants with Z or an offset', () => {
    expect(instantMs('2027-02-12T09:00:00Z')).toBe(Date.UTC(2027, 1, 12, 9));
    expect(instantMs('2027-02-12T09:00Z')).toBe(Date.UTC(2027, 1, 12, 9));
    expect(instantMs('2027-02-12T09:00:00.000Z')).toBe(Date.UTC(2027, 1, 12, 9));
    expect(instantMs('2027-02-12T09:00:00.250Z')).toBe(Date.UTC(2027, 1, 12, 9, 0, 0, 250));
    expect(instantMs('2027-02-12T09:00:00.0000000Z')).toBe(Date.UTC(2027, 1, 12, 9)); // Graph's seven digits
    expect(instantMs('2027-02-12T10:00:00+01:00')).toBe(Date.UTC(2027, 1, 12, 9));
    expect(instantMs('2027-02-12T04:30:00-04:30')).toBe(Date.UTC(2027, 1, 12, 9));
    expect(instantMs('2028-02-29T09:00:00Z')).toBe(Date.UTC(2028, 1, 29, 9)); // a leap day
    expect(instantMs('2027-12-31T23:59:59Z')).toBe(Date.UTC(2027, 11, 31, 23, 59, 59));
  });

  it('refuses 30 February inside a timestamp, naming the value (Date.parse rolls it over to 2 March)', () => {
    expect(Date.parse('2027-02-30T09:00:00Z')).toBe(Date.UTC(2027, 2, 2, 9)); // what it used to do
    const e = refusal(() => instantMs('2027-02-30T09:00:00Z'));
    expect(e).toBeInstanceOf(RangeError);
    expect(e.field).toBe('instant');
    expect(e.message).toBe('2027-02-30T09:00:00Z is not a real date and time: 2027-02-30 does not exist');
    expect(refusal(() => instantMs('2027-02-29T09:00Z', 'original.start')).field).toBe('original.start');
    expect(() => instantMs('2027-04-31T09:00:00.000Z')).toThrow(InvalidInputError);
    expect(() => instantMs('2027-13-01T09:00:00+01:00')).toThrow(InvalidInputError);
    expect(() => instantMs('2027-00-10T09:00:00Z')).toThrow(InvalidInputError);
    expect(() => instantMs('2027-02-00T09:00:00Z')).toThrow(InvalidInputError);
  });

  it('refuses hours, minutes, seconds and offsets out of range', () => {
    for (const bad of ['2027-02-12T24:00:00Z', '2027-02-12T09:60:00Z', '2027-02-12T09:00:60Z', '2027-02-12T24:00Z', '2027-02-12T09:00:00+24:00', '2027-02-12T09:00:00+01:60']) {
      expect(refusal(() => instantMs(bad)).message).toBe(`${bad} is not a real date and time: the time or the offset is out of range`);
    }
  });

  it('refuses anything without an explicit Z or ±hh:mm, or not ISO 8601', () => {
    for (const bad of [
      '2027-02-12T09:00:00',
      '2027-02-12',
      '2027-02-12 09:00:00Z',
      '2027-02-12T09:00:00z',
      '2027-02-12T09:00:00+0100',
      '2027-2-12T09:00:00Z',
      'Fri, 12 Feb 2027 09:00:00 GMT',
      '',
      '2027-02-12T09Z',
      '2027-02-12T09:00:00.Z',
    ]) {
      const e = refusal(() => instantMs(bad));
      expect(e.message).toBe(`${bad} is not a date and time with a time zone (expected e.g. 2027-02-12T09:00:00Z or 2027-02-12T10:00:00+01:00)`);
      expect(isIsoInstant(bad)).toBe(false);
    }
  });

  it('isIsoInstant agrees with instantMs, for zod refinements at the edge', () => {
    expect(isIsoInstant('2027-02-12T09:00:00Z')).toBe(true);
    expect(isIsoInstant('2027-02-12T10:00:00+01:00')).toBe(true);
    expect(isIsoInstant('2027-02-30T09:00:00Z')).toBe(false);
    expect(isIsoInstant('2027-02-12T25:00:00Z')).toBe(false);
  });

  it('functions built on instants refuse too', () => {
    expect(() => instantToLondon('2027-02-30T09:00:00Z')).toThrow(InvalidInputError);
    expect(() => addMinutes('2027-02-30T09:00:00Z', 30)).toThrow(InvalidInputError);
  });

  it('agrees with Date.parse on every real instant (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.integer({ min: -14 * 4, max: 14 * 4 }), (ms, quarters) => {
        const iso = new Date(ms).toISOString();
        expect(instantMs(iso)).toBe(ms);
        expect(instantMs(iso.replace(/\.\d{3}Z$/, 'Z'))).toBe(Math.floor(ms / 1000) * 1000);
        // The same instant written with an offset.
        const off = quarters * 15;
        const local = new Date(ms + off * 60_000).toISOString().slice(0, 23);
        const sign = off < 0 ? '-' : '+';
        const abs = Math.abs(off);
        const text = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        expect(instantMs(text)).toBe(ms);
        expect(instantMs(text)).toBe(Date.parse(text));
      }),
    );
  });
});

describe('London wall-clock input is refused when it does not exist', () => {
  it('refuses a date that does not exist instead of rolling it over', () => {
    const e = refusal(() => londonToInstant('2027-02-30', '09:00'));
    expect(e.field).toBe('date');
    expect(e.message).toBe('2027-02-30 is not a date (expected YYYY-MM-DD, a day that exists)');
    expect(() => londonToInstant('2027-04-31', '09:00')).toThrow(InvalidInputError);
    expect(() => londonDayClock('2027-02-30')).toThrow(InvalidInputError);
  });

  it('refuses a time of day out of range, and a time the clocks skip, naming the field', () => {
    expect(refusal(() => londonToInstant('2027-02-12', '24:00')).field).toBe('time');
    expect(refusal(() => londonToInstant('2027-02-12', '9:00')).field).toBe('time');
    expect(refusal(() => londonToInstant('2026-03-29', '01:30'))).toMatchObject({ field: 'time', message: '2026-03-29 01:30 does not exist in London (the clocks go forward)' });
    expect(refusal(() => minutesOfDay('12:60')).field).toBe('time');
  });
});

describe('instantToLondon: the worked-out UK summer time rule agrees with the time zone database', () => {
  it('for any instant from 1996 to 2199, and at the minutes around each clock change', () => {
    const viaZone = (ms: number) => {
      const parts = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/London',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).formatToParts(new Date(ms));
      const part = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
      return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
    };
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') as Parameters<typeof instantToLondon>[0];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1996, 0, 1) / 60_000, max: Date.UTC(2199, 11, 31) / 60_000 }), (minute) => {
        expect(instantToLondon(iso(minute * 60_000))).toEqual(viaZone(minute * 60_000));
      }),
      { numRuns: 2000 },
    );
    for (const change of ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2030-03-31T01:00:00Z', '2030-10-27T01:00:00Z'])
      for (const delta of [-60_000, 0, 60_000]) expect(instantToLondon(iso(Date.parse(change) + delta))).toEqual(viaZone(Date.parse(change) + delta));
  });
});
