import { describe, expect, it } from 'vitest';
import { acceptedMoves, defaultYear, progressOf, retryRequest, withMove, withoutMove } from './booking-steps.js';

const year = (label: string, end: string) => ({ label, halfTerms: [{ end: '2000-01-01' }, { end }] });

describe('booking steps', () => {
  it('offers the first year that has not ended', () => {
    const years = [year('2025/26', '2026-07-22'), year('2026/27', '2027-07-22'), year('2027/28', '2028-07-21')];
    expect(defaultYear(years, '2026-12-03')).toBe('2026/27');
    expect(defaultYear(years, '2026-07-22')).toBe('2025/26');
    expect(defaultYear(years, '2030-01-01')).toBe('2027/28');
    expect(defaultYear([], '2030-01-01')).toBe('');
  });

  it('keeps one move per session', () => {
    const a = { arrangementId: 'a', windowId: 'w1', start: '2027-01-05T09:00:00Z' };
    const b = { arrangementId: 'a', windowId: 'w1', start: '2027-01-06T09:00:00Z' };
    const c = { arrangementId: 'b', windowId: 'w1', start: '2027-01-06T09:00:00Z' };
    expect(withMove(withMove([a, c], b), b)).toEqual([c, b]);
    expect(withoutMove([a, c], { arrangementId: 'a', windowId: 'w1' })).toEqual([c]);
    expect(acceptedMoves([a, c], [{ arrangementId: 'b', windowId: 'w1' }])).toEqual([a]);
  });

  it('retries only the arrangements that failed, with their moves', () => {
    const request = {
      academicYear: '2026/27',
      moves: [
        { arrangementId: 'a', windowId: 'w', start: 'x' },
        { arrangementId: 'b', windowId: 'w', start: 'y' },
      ],
    };
    const failed = [
      { sessionId: 's1', arrangementId: 'b', windowLabel: 'Autumn 2', reason: 'r' },
      { sessionId: 's2', arrangementId: 'b', windowLabel: 'Spring 1', reason: 'r' },
    ];
    expect(retryRequest(request, { failed })).toEqual({ academicYear: '2026/27', arrangementIds: ['b'], moves: [{ arrangementId: 'b', windowId: 'w', start: 'y' }] });
    expect(retryRequest(request, { failed: [] })).toBeNull();
    // An arrangement ended since (booking again cannot help, and the server would refuse the whole retry) is left out.
    const ended = { sessionId: 'a', arrangementId: 'a', windowLabel: 'The rest of the year', reason: 'ended', retry: false };
    expect(retryRequest(request, { failed: [ended, ...failed] })?.arrangementIds).toEqual(['b']);
    expect(retryRequest(request, { failed: [ended] })).toBeNull();
  });

  it('says how far booking has got', () => {
    expect(progressOf({ total: 12, booked: 3, alreadyBooked: 1, failed: [] })).toEqual({ value: 4, max: 12, text: '4 of 12 booked' });
    expect(progressOf({ total: 2, booked: 1, alreadyBooked: 0, failed: [{} as never] }).text).toBe('1 of 2 booked, 1 failed');
    expect(progressOf({ total: 0, booked: 0, alreadyBooked: 0, failed: [] })).toEqual({ value: 0, max: 1, text: '0 of 0 booked' });
  });
});
