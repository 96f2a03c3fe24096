import type { Caller } from '../../shared/access/app-roles.js';
import { partiesOf } from '../../shared/arrangements/arrangement.js';
import type { AppPorts } from '../ports.js';
import { done, type Outcome } from '../use-case.js';
import { upcomingSessionsOf } from './upcoming-sessions.js';

export interface NextSession {
  sessionId: string;
  start: string;
  end: string;
  withNames: string[];
  link: string;
}

/** The caller's next session in each of their arrangements, soonest first. */
export async function nextSessions(deps: Pick<AppPorts, 'compliance' | 'clock' | 'links'>, input: { caller: Caller }): Promise<Outcome<NextSession[]>> {
  const upcoming = await upcomingSessionsOf(deps, input.caller.id, deps.clock.now());
  return done(
    upcoming.map((u) => ({
      sessionId: u.session.id,
      start: u.session.start,
      end: u.session.end,
      withNames: partiesOf(u.arrangement)
        .filter((p) => p.id !== input.caller.id)
        .map((p) => p.displayName),
      link: deps.links.session(u.session.id),
    })),
  );
}
