import { describe, expect, it } from 'vitest';
import { formatLondonDateTime } from './london-format.js';

describe('formatLondonDateTime', () => {
  it('shows UK time: GMT in winter, BST in summer', () => {
    expect(formatLondonDateTime('2026-12-03T13:00:00Z')).toMatch(/^Thu 3 Dec 2026, 13:00$/);
    expect(formatLondonDateTime('2027-06-07T12:00:00Z')).toMatch(/^Mon 7 Jun 2027, 13:00$/);
  });
  it('refuses a time that does not exist', () => {
    expect(() => formatLondonDateTime('2027-02-30T09:00:00Z')).toThrow();
  });
});
