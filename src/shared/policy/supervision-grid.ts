import { ROLE_NAMES, type SuperviseeRole, type SupervisorRole } from './roles.js';

/** Who may supervise whom: for each supervisee role, the roles allowed to supervise them. A setting. */
export type SupervisionGrid = Record<SuperviseeRole, readonly SupervisorRole[]>;

// seed 000 "Roles and Responsibilities", grid "Who might provide safeguarding supervision", row by row.
/** The seed's grid as written, every row switched on (class teachers included). */
export const SEED_000_SUPERVISION_GRID: SupervisionGrid = {
  dsl: ['principal', 'deputy-dsl', 'trust-dsl'],
  'deputy-dsl': ['dsl', 'principal'],
  'head-of-year': ['dsl', 'deputy-dsl'],
  'assistant-head-of-year': ['head-of-year'],
  senco: ['dsl', 'deputy-dsl', 'head-of-year'],
  'class-teacher': ['dsl', 'deputy-dsl', 'head-of-year', 'assistant-head-of-year'],
  'teaching-assistant': ['dsl', 'deputy-dsl', 'head-of-year', 'assistant-head-of-year', 'senco'],
  'pupil-premium-lead': ['dsl', 'deputy-dsl', 'pastoral-lead'],
  // Not a row in seed 000's grid (pastoral leads appear only as supervisors): the product's reading.
  'pastoral-lead': ['dsl', 'deputy-dsl'],
  other: ['dsl', 'pastoral-lead', 'line-manager', 'professional-body'],
};

/**
 * The default grid: seed 000's, with class teachers switched off ("Class teachers (not currently)").
 * A school switches them on by giving the row its supervisors (`SEED_000_SUPERVISION_GRID['class-teacher']`).
 */
export const DEFAULT_SUPERVISION_GRID: SupervisionGrid = { ...SEED_000_SUPERVISION_GRID, 'class-teacher': [] };

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
export function checkPairing(grid: SupervisionGrid, supervisorRole: SupervisorRole, superviseeRole: SuperviseeRole, field = 'supervisorRole'): PairingCheck {
  const allowed = grid[superviseeRole];
  if (allowed.includes(supervisorRole)) return { ok: true };
  const who = ROLE_NAMES[superviseeRole];
  if (allowed.length === 0) {
    return {
      ok: false,
      field,
      message: `${capitalise(who)} is not supervised under the school's supervision grid (that row is switched off). Give the row its supervisors to switch it on.`,
    };
  }
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
