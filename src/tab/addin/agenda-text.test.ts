import { describe, expect, it } from 'vitest';
import type { SessionView } from '../api/operations/sessions.js';
import { AGENDA_ITEM_MAX, itemTextFromEmail } from './agenda-text.js';
import { upcomingOwnSessions } from './upcoming.js';

describe('itemTextFromEmail', () => {
  it('the subject alone unless the message text is included', () => {
    expect(itemTextFromEmail('  Attendance:\tJ.B. ', null)).toBe('Attendance: J.B.');
    expect(itemTextFromEmail('Attendance', 'Falling since\r\n half term.')).toBe('Attendance: Falling since half term.');
    expect(itemTextFromEmail('', 'Only text')).toBe('Only text');
  });

  it('is cut to the agenda’s limit, saying so with an ellipsis', () => {
    const text = itemTextFromEmail('Subject', 'x'.repeat(2000));
    expect(text).toHaveLength(AGENDA_ITEM_MAX);
    expect(text.endsWith('…')).toBe(true);
  });
});

const view = (id: string, start: string, status: SessionView['session']['status'], supervisorId: string, superviseeIds: string[], arrangementId = 'a'): SessionView => ({
  session: {
    id,
    arrangementId,
    academicYear: '2026/27',
    windowId: 'w',
    windowLabel: 'Spring 1',
    start,
    end: new Date(Date.parse(start) + 3_600_000).toISOString(),
    status,
    postponements: [],
  },
  arrangement: {
    id: arrangementId,
    format: 'individual',
    durationMinutes: 60,
    supervisor: { id: supervisorId, displayName: 'Grace Mwangi' },
    supervisees: superviseeIds.map((s) => ({ id: s, displayName: 'Liam Doherty' })),
  },
  myPart: 'supervisee',
  canPostpone: true,
  canCancel: false,
});

describe('upcomingOwnSessions', () => {
  it('my next booked session in each arrangement, soonest first; not past, cancelled, later ones or others’', () => {
    const now = Date.parse('2027-01-10T09:00:00Z');
    const sessions = [
      view('later', '2027-03-01T10:00:00Z', 'booked', 'grace', ['liam']),
      view('past', '2027-01-01T10:00:00Z', 'booked', 'grace', ['liam']),
      view('cancelled', '2027-02-01T10:00:00Z', 'cancelled', 'grace', ['liam']),
      view('others', '2027-02-02T10:00:00Z', 'booked', 'hannah', ['sophie']),
      view('sooner', '2027-02-03T10:00:00Z', 'booked', 'grace', ['liam']),
      view('group', '2027-02-20T10:00:00Z', 'booked', 'hannah', ['sophie', 'liam'], 'b'),
    ];
    expect(upcomingOwnSessions(sessions, 'liam', now).map((s) => s.session.id)).toEqual(['sooner', 'group']);
  });
});
