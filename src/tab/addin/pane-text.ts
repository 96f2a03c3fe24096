// Words the add-in's panes show for a session's time. formatTimeRange already starts with the date,
// so nothing here puts the date before it again. Pure.
import { formatTimeRange } from '../time/london.js';

interface Timed {
  readonly start: string;
  readonly end: string;
}

/** A session to choose in the mail pane: 'Thu 3 Dec 2026, 13:00–14:00, with Liam Doherty'. */
export function sessionChoiceLabel(session: Timed, withNames: string): string {
  return `${formatTimeRange(session.start, session.end)}, with ${withNames}`;
}

/** The status after "I can't make it" moved the session. */
export function movedText(session: Timed): string {
  return `Session moved to ${formatTimeRange(session.start, session.end)}. Everyone's Outlook meeting has moved.`;
}
