import { describe, expect, it } from 'vitest';
import { headerValue, retryDelayMs } from './retry-after.js';

describe('retryDelayMs', () => {
  const now = Date.parse('2031-01-06T09:00:00Z');
  it('uses delta-seconds, fractions included', () => {
    expect(retryDelayMs('3', 1, now)).toBe(3000);
    expect(retryDelayMs('0.25', 1, now)).toBe(250);
  });
  it('uses an HTTP date', () => {
    expect(retryDelayMs('Mon, 06 Jan 2031 09:00:05 GMT', 1, now)).toBe(5000);
  });
  it('backs off exponentially without a usable header', () => {
    expect([1, 2, 3].map((a) => retryDelayMs(undefined, a, now))).toEqual([500, 1000, 2000]);
    expect(retryDelayMs('soon', 30, now)).toBe(30_000);
  });
  it('reads headers case-insensitively', () => {
    expect(headerValue({ 'Retry-After': '2' }, 'retry-after')).toBe('2');
  });
});
