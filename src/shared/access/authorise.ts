import type { Arrangement } from '../arrangements/arrangement.js';
import type { AppRole, Caller } from './app-roles.js';

export type Decision = { ok: true } | { ok: false; reason: string };

const ALLOW: Decision = { ok: true };
const has = (caller: Caller, ...roles: AppRole[]) => roles.some((r) => caller.roles.includes(r));

// seed 001 "Confidentiality and Access": the supervisee, the supervisor and the DSL / trust
// lead; others only through logged, time-limited audit access (not granted here).
const AUDITOR_REFUSAL = 'Auditor access is given per inspection, for a set time, by the DSL; until it is granted you cannot see supervision records.';

/** Keeping the school year and the arrangements, and booking: the safeguarding admin and the DSL or a deputy. */
export function canManageSchedule(caller: Caller): Decision {
  if (has(caller, 'Safeguarding.Admin', 'Safeguarding.Lead')) return ALLOW;
  return { ok: false, reason: 'Only the safeguarding admin or a designated safeguarding lead can do this.' };
}

/** Seeing every arrangement and session in the school. */
export function canSeeEveryone(caller: Caller): boolean {
  return has(caller, 'Safeguarding.Admin', 'Safeguarding.Lead', 'Safeguarding.Oversight');
}

/** Reading the school year: any member of staff (term dates are not confidential). */
export function canReadSchoolYear(_caller: Caller): Decision {
  return ALLOW;
}

/** Seeing one arrangement and its sessions: its parties, and the roles that see everyone. */
export function canSeeArrangement(caller: Caller, arrangement: Arrangement): Decision {
  if (canSeeEveryone(caller) || isParty(caller.id, arrangement)) return ALLOW;
  if (has(caller, 'Safeguarding.Auditor')) return { ok: false, reason: AUDITOR_REFUSAL };
  return { ok: false, reason: 'You are not the supervisor or a supervisee in this supervision arrangement.' };
}

// seed 000 "Frequency of Safeguarding Supervision": either party may need to postpone; the admin re-books.
/** Postponing a session: any party, the admin, or the DSL. Oversight only looks. */
export function canPostponeSession(caller: Caller, arrangement: Arrangement): Decision {
  if (has(caller, 'Safeguarding.Admin', 'Safeguarding.Lead') || isParty(caller.id, arrangement)) return ALLOW;
  return { ok: false, reason: 'Only the supervisor, a supervisee, the safeguarding admin or a designated safeguarding lead can postpone this session.' };
}

/** Cancelling a session outright: the supervisor, the admin, or the DSL (a supervisee postpones instead). */
export function canCancelSession(caller: Caller, arrangement: Arrangement): Decision {
  if (has(caller, 'Safeguarding.Admin', 'Safeguarding.Lead') || caller.id === arrangement.supervisor.id) return ALLOW;
  if (isParty(caller.id, arrangement)) {
    return { ok: false, reason: 'A supervisee cannot cancel a session: postpone it instead (it must be re-booked within one working week), or ask the supervisor.' };
  }
  return { ok: false, reason: 'Only the supervisor, the safeguarding admin or a designated safeguarding lead can cancel this session.' };
}

export function isParty(userId: string, arrangement: Arrangement): boolean {
  return arrangement.supervisor.id === userId || arrangement.supervisees.some((s) => s.id === userId);
}
