import { instantMs, type IsoInstant } from '../../shared/calendar/london-time.js';
import { isParty } from '../../shared/access/authorise.js';
import type { Arrangement } from '../../shared/arrangements/arrangement.js';
import type { Session } from '../../shared/sessions/session.js';
import type { AppPorts, Stored } from '../ports.js';

export interface UpcomingSession {
  session: Stored<Session>;
  arrangement: Arrangement;
}

/** A person's next booked session in each of their active arrangements, soonest first. */
export async function upcomingSessionsOf(deps: Pick<AppPorts, 'arrangements' | 'sessions'>, userId: string, now: IsoInstant): Promise<UpcomingSession[]> {
  const mine = (await deps.arrangements.list()).map((a) => a.value).filter((a) => a.status === 'active' && isParty(userId, a));
  if (mine.length === 0) return [];
  const byId = new Map(mine.map((a) => [a.id, a]));
  const nowMs = instantMs(now);
  const next = new Map<string, Stored<Session>>();
  for (const s of await deps.sessions.listForArrangements([...byId.keys()])) {
    if (s.value.status !== 'booked' || instantMs(s.value.end) <= nowMs) continue;
    const seen = next.get(s.value.arrangementId);
    if (!seen || instantMs(s.value.start) < instantMs(seen.value.start)) next.set(s.value.arrangementId, s);
  }
  return [...next.values()]
    .sort((a, b) => instantMs(a.value.start) - instantMs(b.value.start))
    .map((session) => ({ session, arrangement: byId.get(session.value.arrangementId) as Arrangement }));
}
