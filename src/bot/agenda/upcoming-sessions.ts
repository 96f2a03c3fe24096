import { instantMs, type IsoInstant } from '../../shared/calendar/london-time.js';
import { isParty } from '../../shared/access/authorise.js';
import type { Arrangement } from '../../shared/arrangements/arrangement.js';
import type { Session } from '../../shared/sessions/session.js';
import type { AppPorts } from '../ports.js';

export interface UpcomingSession {
  session: Session;
  arrangement: Arrangement;
}

/**
 * A person's next booked session in each of their active arrangements, soonest first. Read from the read
 * model, not the lists: a chat command answers without a Graph round trip (docs/read-model.md says how
 * fresh it is). Anything that changes a session reads it again from its list first.
 */
export async function upcomingSessionsOf(deps: Pick<AppPorts, 'compliance'>, userId: string, now: IsoInstant): Promise<UpcomingSession[]> {
  const nowMs = instantMs(now);
  const upcoming: UpcomingSession[] = [];
  for (const { arrangement, sessions } of (await deps.compliance.snapshot()).arrangements) {
    if (arrangement.status !== 'active' || !isParty(userId, arrangement)) continue;
    let next: Session | undefined;
    for (const s of sessions) {
      if (s.status !== 'booked' || instantMs(s.end) <= nowMs) continue;
      if (!next || instantMs(s.start) < instantMs(next.start)) next = s;
    }
    if (next) upcoming.push({ session: next, arrangement });
  }
  return upcoming.sort((a, b) => instantMs(a.session.start) - instantMs(b.session.start));
}
