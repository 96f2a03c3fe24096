import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeBankHolidays } from './compute-bank-holidays.js';
import { bankHolidaysFor } from './bank-holidays.js';
import { easterSunday } from './easter.js';
import { govUkBankHolidaysSchema, type GovUkBankHolidays } from './gov-uk-format.js';
import { isWeekend } from '../calendar/dates.js';
import { DIVISIONS } from './divisions.js';

const dates = (division: Parameters<typeof computeBankHolidays>[0], year: number) => computeBankHolidays(division, year).map((h) => h.date);

// Dates as published on https://www.gov.uk/bank-holidays
describe('England and Wales bank holidays match gov.uk', () => {
  it.each([
    [2025, ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26']],
    [2026, ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']],
    [2027, ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28']],
    [2028, ['2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26']],
  ])('%i', (year, expected) => {
    expect(dates('england-and-wales', year)).toEqual(expected);
  });

  it('names substitute days as gov.uk does', () => {
    const y2027 = computeBankHolidays('england-and-wales', 2027);
    expect(y2027.filter((h) => h.substitute).map((h) => h.title)).toEqual(['Christmas Day (substitute day)', 'Boxing Day (substitute day)']);
    expect(computeBankHolidays('england-and-wales', 2028)[0]).toEqual({
      date: '2028-01-03',
      title: 'New Year’s Day (substitute day)',
      substitute: true,
    });
  });
});

describe('Scotland bank holidays match gov.uk', () => {
  it.each([
    [2025, ['2025-01-01', '2025-01-02', '2025-04-18', '2025-05-05', '2025-05-26', '2025-08-04', '2025-12-01', '2025-12-25', '2025-12-26']],
    [2026, ['2026-01-01', '2026-01-02', '2026-04-03', '2026-05-04', '2026-05-25', '2026-08-03', '2026-11-30', '2026-12-25', '2026-12-28']],
    [2027, ['2027-01-01', '2027-01-04', '2027-03-26', '2027-05-03', '2027-05-31', '2027-08-02', '2027-11-30', '2027-12-27', '2027-12-28']],
    [2028, ['2028-01-03', '2028-01-04', '2028-04-14', '2028-05-01', '2028-05-29', '2028-08-07', '2028-11-30', '2028-12-25', '2028-12-26']],
  ])('%i', (year, expected) => {
    expect(dates('scotland', year)).toEqual(expected);
  });

  it('has no Easter Monday', () => {
    expect(computeBankHolidays('scotland', 2026).some((h) => h.title === 'Easter Monday')).toBe(false);
  });
});

describe('Northern Ireland bank holidays match gov.uk', () => {
  it.each([
    [2025, ['2025-01-01', '2025-03-17', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-07-14', '2025-08-25', '2025-12-25', '2025-12-26']],
    [2026, ['2026-01-01', '2026-03-17', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-07-13', '2026-08-31', '2026-12-25', '2026-12-28']],
    [2027, ['2027-01-01', '2027-03-17', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-07-12', '2027-08-30', '2027-12-27', '2027-12-28']],
    [2028, ['2028-01-03', '2028-03-17', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-07-12', '2028-08-28', '2028-12-25', '2028-12-26']],
  ])('%i', (year, expected) => {
    expect(dates('northern-ireland', year)).toEqual(expected);
  });
});

describe('Easter', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2038, '2038-04-25'],
  ])('%i is %s', (year, expected) => expect(easterSunday(year)).toBe(expected));
});

describe('properties', () => {
  it('no bank holiday falls on a weekend, dates are unique, and every division has its count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1980, max: 2100 }), fc.constantFrom(...DIVISIONS), (year, division) => {
        const hs = computeBankHolidays(division, year);
        expect(hs.every((h) => !isWeekend(h.date))).toBe(true);
        expect(new Set(hs.map((h) => h.date)).size).toBe(hs.length);
        expect(hs.length).toBe({ 'england-and-wales': 8, scotland: 9, 'northern-ireland': 10 }[division]);
        expect(hs.every((h) => h.date.startsWith(String(year)))).toBe(true);
      }),
    );
  });
});

describe('gov.uk overrides', () => {
  const govUk: GovUkBankHolidays = govUkBankHolidaysSchema.parse({
    'england-and-wales': {
      division: 'england-and-wales',
      events: [
        { title: 'New Year’s Day', date: '2023-01-02', notes: 'Substitute day', bunting: true },
        { title: 'Good Friday', date: '2023-04-07', notes: '', bunting: false },
        { title: 'Easter Monday', date: '2023-04-10', notes: '', bunting: true },
        { title: 'Early May bank holiday', date: '2023-05-01', notes: '', bunting: true },
        { title: 'Bank holiday for the coronation of King Charles III', date: '2023-05-08', notes: '', bunting: true },
        { title: 'Spring bank holiday', date: '2023-05-29', notes: '', bunting: true },
        { title: 'Summer bank holiday', date: '2023-08-28', notes: '', bunting: true },
        { title: 'Christmas Day', date: '2023-12-25', notes: '', bunting: true },
        { title: 'Boxing Day', date: '2023-12-26', notes: '', bunting: true },
      ],
    },
  });

  it('uses the published list for a year it covers (the coronation)', () => {
    const hs = bankHolidaysFor('england-and-wales', 2023, govUk);
    expect(hs.map((h) => h.date)).toContain('2023-05-08');
    expect(hs).toHaveLength(9);
  });

  it('reads substitute days from notes, as gov.uk publishes them, and names them as the computed list does', () => {
    const published = govUkBankHolidaysSchema.parse({
      'england-and-wales': {
        division: 'england-and-wales',
        events: [
          { title: 'New Year’s Day', date: '2026-01-01', notes: '', bunting: true },
          { title: 'Good Friday', date: '2026-04-03', notes: '', bunting: false },
          { title: 'Easter Monday', date: '2026-04-06', notes: '', bunting: true },
          { title: 'Early May bank holiday', date: '2026-05-04', notes: '', bunting: true },
          { title: 'Spring bank holiday', date: '2026-05-25', notes: '', bunting: true },
          { title: 'Summer bank holiday', date: '2026-08-31', notes: '', bunting: true },
          { title: 'Christmas Day', date: '2026-12-25', notes: '', bunting: true },
          { title: 'Boxing Day', date: '2026-12-28', notes: 'Substitute day', bunting: true },
        ],
      },
    });
    const hs = bankHolidaysFor('england-and-wales', 2026, published);
    expect(hs.find((h) => h.date === '2026-12-28')).toEqual({ date: '2026-12-28', title: 'Boxing Day (substitute day)', substitute: true });
    expect(hs).toEqual(computeBankHolidays('england-and-wales', 2026));
    expect(bankHolidaysFor('england-and-wales', 2023, govUk)[0]).toEqual({ date: '2023-01-02', title: 'New Year’s Day (substitute day)', substitute: true });
  });

  it('computes years and divisions the data does not cover', () => {
    expect(bankHolidaysFor('england-and-wales', 2026, govUk)).toEqual(computeBankHolidays('england-and-wales', 2026));
    expect(bankHolidaysFor('scotland', 2023, govUk)).toEqual(computeBankHolidays('scotland', 2023));
  });

  it('rejects a date that does not exist', () => {
    const r = govUkBankHolidaysSchema.safeParse({
      scotland: { division: 'scotland', events: [{ title: 'x', date: '2027-02-30' }] },
    });
    expect(r.success).toBe(false);
  });
});
