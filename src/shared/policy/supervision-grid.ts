import { ROLE_NAMES, type SuperviseeRole, type SupervisorRole } from './roles.js';

/** Who may supervise whom: for each supervisee role, the roles allowed to supervise them. A setting. */
export type SupervisionGrid = Record<SuperviseeRole, readonly SupervisorRole[]>;

// seed 000 grid "Who might provide safeguarding supervision".
export const DEFAULT_SUPERVISION_GRID: SupervisionGrid = {
  dsl: ['principal', 'deputy-dsl', 'trust-dsl'],
  'deputy-dsl': ['dsl', 'principal'],
  'head-of-year': ['dsl', 'deputy-dsl'],
  senco: ['dsl', 'deputy-dsl', 'head-of-year'],
  'teaching-assistant': ['dsl', 'deputy-dsl', 'head-of-year', 'assistant-head-of-year', 'senco'],
  // Not in seed 000's grid by name; read as "Pupil Premium Leads" row (DSL, DDSL), a pastoral lead's closest peer.
  'pastoral-lead': ['dsl', 'deputy-dsl'],
  // seed 000 grid "Other specialist support workers".
  other: ['dsl', 'pastoral-lead', 'line-manager', 'professional-body'],
};

export interface Person {
  id: string;
  name?: string;
}

export type PairingCheck = { ok: true } | { ok: false; field: string; message: string };

function list(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** Checks that a supervisor in `supervisorRole` may supervise someone in `superviseeRole`. */
export function checkPairing(
  grid: SupervisionGrid,
  supervisorRole: SupervisorRole,
  superviseeRole: SuperviseeRole,
  field = 'supervisorRole',
): PairingCheck {
  const allowed = grid[superviseeRole];
  if (allowed.includes(supervisorRole)) return { ok: true };
  const who = ROLE_NAMES[superviseeRole];
  return {
    ok: false,
    field,
    message: `${capitalise(ROLE_NAMES[supervisorRole])} may not supervise ${who}. ${capitalise(who)} may be supervised by ${list(allowed.map((r) => ROLE_NAMES[r]))} (the school's supervision grid).`,
  };
}

export interface ArrangementPeople {
  supervisor: Person & { role: SupervisorRole };
  supervisees: (Person & { role: SuperviseeRole })[];
}

/** Checks a whole arrangement when it is made: someone to supervise, no self-supervision, every pairing allowed. */
export function checkArrangementPairings(grid: SupervisionGrid, people: ArrangementPeople): PairingCheck[] {
  const problems: PairingCheck[] = [];
  if (people.supervisees.length === 0) problems.push({ ok: false, field: 'supervisees', message: 'Add at least one supervisee.' });
  const seen = new Set<string>();
  people.supervisees.forEach((s, i) => {
    if (s.id === people.supervisor.id) {
      problems.push({ ok: false, field: `supervisees[${i}]`, message: `${s.name ?? 'The supervisor'} cannot supervise themselves: choose another supervisor.` });
    }
    if (seen.has(s.id)) problems.push({ ok: false, field: `supervisees[${i}]`, message: `${s.name ?? 'This supervisee'} is listed twice.` });
    seen.add(s.id);
    const check = checkPairing(grid, people.supervisor.role, s.role, `supervisees[${i}].role`);
    if (!check.ok) problems.push({ ...check, message: s.name ? `${s.name}: ${check.message}` : check.message });
  });
  return problems;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
