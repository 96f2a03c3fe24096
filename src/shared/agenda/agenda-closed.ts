import type { IsoInstant } from '../calendar/london-time.js';
import { sessionHasEnded, type Session } from '../sessions/session.js';

export interface AgendaClosed {
  code: 'session_not_booked' | 'session_over';
  message: string;
}

/** Why a session's agenda can no longer be changed (it is not booked, or it is over); undefined while it can. */
export function agendaClosed(session: Pick<Session, 'status' | 'end'>, now: IsoInstant): AgendaClosed | undefined {
  if (session.status !== 'booked') return { code: 'session_not_booked', message: `This session is ${session.status}: its agenda can no longer be changed.` };
  if (sessionHasEnded(session, now)) return { code: 'session_over', message: 'This session has already taken place: its agenda can no longer be changed.' };
  return undefined;
}
