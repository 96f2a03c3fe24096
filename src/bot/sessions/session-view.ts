import type { Caller } from '../../shared/access/app-roles.js';
import { canCancelSession, canPostponeSession } from '../../shared/access/authorise.js';
import type { Arrangement } from '../../shared/arrangements/arrangement.js';
import type { Session } from '../../shared/sessions/session.js';

/** A session as the tab shows it: with its people, the caller's part in it, and what they may do. */
export interface SessionView {
  session: Session;
  arrangement: {
    id: string;
    format: Arrangement['format'];
    durationMinutes: number;
    supervisor: { id: string; displayName: string };
    supervisees: { id: string; displayName: string }[];
  };
  /** The caller's part: 'supervisor', 'supervisee', or 'oversight' for the admin, DSL and oversight roles. */
  myPart: 'supervisor' | 'supervisee' | 'oversight';
  canPostpone: boolean;
  canCancel: boolean;
}

export function sessionView(caller: Caller, session: Session, a: Arrangement): SessionView {
  const myPart = a.supervisor.id === caller.id ? 'supervisor' : a.supervisees.some((s) => s.id === caller.id) ? 'supervisee' : 'oversight';
  const open = session.status === 'booked';
  return {
    session,
    arrangement: {
      id: a.id,
      format: a.format,
      durationMinutes: a.durationMinutes,
      supervisor: { id: a.supervisor.id, displayName: a.supervisor.displayName },
      supervisees: a.supervisees.map((s) => ({ id: s.id, displayName: s.displayName })),
    },
    myPart,
    canPostpone: open && canPostponeSession(caller, a).ok,
    canCancel: open && canCancelSession(caller, a).ok,
  };
}
