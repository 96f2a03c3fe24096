// The sessions an email can go on, as the chat command and the message extension offer them: the
// caller's next booked session in each of their arrangements (as supervisor or supervisee), not yet
// over, soonest first. Pure.
import type { SessionView } from '../api/operations/sessions.js';

export function upcomingOwnSessions(sessions: readonly SessionView[], myId: string, nowMs: number): SessionView[] {
  const next = new Map<string, SessionView>();
  for (const s of sessions) {
    if (s.session.status !== 'booked' || Date.parse(s.session.end) <= nowMs) continue;
    if (s.arrangement.supervisor.id !== myId && !s.arrangement.supervisees.some((p) => p.id === myId)) continue;
    const known = next.get(s.arrangement.id);
    if (!known || Date.parse(s.session.start) < Date.parse(known.session.start)) next.set(s.arrangement.id, s);
  }
  return [...next.values()].sort((a, b) => Date.parse(a.session.start) - Date.parse(b.session.start));
}
