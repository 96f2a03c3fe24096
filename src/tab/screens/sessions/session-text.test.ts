import { describe, expect, it } from 'vitest';
import { durationText, groupByArrangement, listText, peopleText, sessionStatus, splitByTime } from './session-text.js';

const view = (id: string, arrangementId: string, start: string, end: string, extra: { status?: 'booked' | 'held' | 'cancelled'; moved?: number } = {}) => ({
  session: { id, start, end, status: extra.status ?? 'booked', postponements: Array.from({ length: extra.moved ?? 0 }, () => ({})) },
  arrangement: { id: arrangementId, supervisor: { id: 's', displayName: arrangementId === 'a' ? 'Hannah' : 'Daniel' }, supervisees: [{ id: 'x', displayName: 'Sophie' }] },
});

describe('session text', () => {
  it('splits upcoming from past by the end time', () => {
    const now = Date.parse('2026-12-03T14:00:00Z');
    const sessions = [
      view('1', 'a', '2026-12-03T13:00:00Z', '2026-12-03T15:00:00Z'),
      view('2', 'a', '2026-10-01T13:00:00Z', '2026-10-01T14:00:00Z'),
      view('3', 'a', '2027-01-05T13:00:00Z', '2027-01-05T14:00:00Z'),
      view('4', 'a', '2026-11-01T13:00:00Z', '2026-11-01T14:00:00Z'),
    ];
    const { upcoming, past } = splitByTime(sessions as never[], now);
    expect(upcoming.map((s: { session: { id: string } }) => s.session.id)).toEqual(['1', '3']);
    expect(past.map((s: { session: { id: string } }) => s.session.id)).toEqual(['4', '2']);
  });

  it('says the status in words and marks postponements', () => {
    expect(sessionStatus(view('1', 'a', '', '', { moved: 1 }) as never)).toEqual([
      { label: 'Booked', color: 'brand' },
      { label: 'Postponed once', color: 'warning' },
    ]);
    expect(sessionStatus(view('1', 'a', '', '', { status: 'cancelled', moved: 2 }) as never).map((b) => b.label)).toEqual(['Cancelled', 'Postponed 2 times']);
  });

  it('names the people', () => {
    expect(listText(['A'])).toBe('A');
    expect(listText(['A', 'B', 'C'])).toBe('A, B and C');
    expect(
      peopleText({
        supervisor: { id: '1', displayName: 'Hannah' },
        supervisees: [
          { id: '2', displayName: 'Sophie' },
          { id: '3', displayName: 'Tom' },
        ],
      }),
    ).toBe('Hannah with Sophie and Tom');
  });

  it('groups by arrangement', () => {
    const groups = groupByArrangement([
      view('1', 'a', '2027-01-05T13:00:00Z', ''),
      view('2', 'b', '2026-12-01T13:00:00Z', ''),
      view('3', 'a', '2026-12-03T13:00:00Z', ''),
    ] as never[]);
    expect(groups.map((g: { sessions: { session: { id: string } }[] }) => g.sessions.map((s) => s.session.id))).toEqual([['2'], ['3', '1']]);
  });

  it('writes durations', () => {
    expect(durationText(60)).toBe('1 h');
    expect(durationText(90)).toBe('1 h 30 min');
    expect(durationText(45)).toBe('45 min');
  });
});
