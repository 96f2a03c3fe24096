import { describe, expect, it } from 'vitest';
import { movedText, sessionChoiceLabel } from './pane-text.js';

const session = { start: '2026-12-03T13:00:00Z', end: '2026-12-03T14:00:00Z' };
const times = (text: string, part: string) => text.split(part).length - 1;

describe('the add-in panes’ session times', () => {
  it('name the date once', () => {
    expect(sessionChoiceLabel(session, 'Liam Doherty')).toBe('Thu 3 Dec 2026, 13:00–14:00, with Liam Doherty');
    expect(movedText(session)).toBe("Session moved to Thu 3 Dec 2026, 13:00–14:00. Everyone's Outlook meeting has moved.");
    expect(times(movedText(session), 'Dec 2026')).toBe(1);
  });
});
