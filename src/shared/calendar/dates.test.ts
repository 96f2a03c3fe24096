import { describe, expect, it } from 'vitest';
import { addMonths, isIsoDate, weekday } from './dates.js';

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
  it('weekday is ISO (Monday 1)', () => {
    expect(weekday('2025-09-01')).toBe(1);
    expect(weekday('2025-09-07')).toBe(7);
  });
});
