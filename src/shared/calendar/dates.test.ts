import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/invalid-input.js';
import { addMonths, isIsoDate, isoDate, weekday } from './dates.js';

describe('dates', () => {
  it('knows which days exist', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-02-30')).toBe(false);
    expect(isIsoDate('2027-13-01')).toBe(false);
    expect(isIsoDate('27-1-1')).toBe(false);
  });
  it('adds calendar months without spilling into the next month', () => {
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2025-10-15', 3)).toBe('2026-01-15');
  });
  it('addMonths refuses a date that does not exist, or months that are not a whole number, rather than rolling over', () => {
    for (const date of ['2026-02-30', '2025-06-31', '2026-13-01', '26-1-1']) {
      expect(() => addMonths(date, 3)).toThrow(InvalidInputError);
      expect(() => addMonths(date, 3)).toThrow(expect.objectContaining({ field: 'date' }));
    }
    for (const months of [1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => addMonths('2026-01-31', months)).toThrow(expect.objectContaining({ field: 'months' }));
    expect(addMonths('2026-01-31', -2)).toBe('2025-11-30');
  });
  it('isoDate carries over on purpose (month 13, day 0): callers use it for month arithmetic, never to read input', () => {
    expect(isoDate(2026, 3, 0)).toBe('2026-02-28');
    expect(isoDate(2025, 13, 1)).toBe('2026-01-01');
  });
  it('weekday is ISO (Monday 1)', () => {
    expect(weekday('2025-09-01')).toBe(1);
    expect(weekday('2025-09-07')).toBe(7);
  });
});
