import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICIES, POLICY_PRESETS, policyFor } from './default-policies.js';
import { checkArrangementPairings, checkPairing, DEFAULT_SUPERVISION_GRID, SEED_000_SUPERVISION_GRID } from './supervision-grid.js';
import { SUPERVISEE_ROLES, SUPERVISOR_ROLES, type SuperviseeRole, type SupervisorRole } from './roles.js';
import { policySetSchema, supervisionPolicySchema } from './supervision-policy.js';

describe('default policies', () => {
  it('half-termly, 1 hour, individual, never more than 3 months apart for the named roles', () => {
    for (const role of ['dsl', 'deputy-dsl', 'head-of-year', 'assistant-head-of-year', 'senco', 'teaching-assistant', 'pupil-premium-lead', 'pastoral-lead'] as const) {
      expect(policyFor(DEFAULT_POLICIES, role)).toEqual({ role, cadence: { kind: 'half-termly' }, durationMinutes: 60, format: 'individual', maxGapMonths: 3 });
    }
    expect(policyFor(DEFAULT_POLICIES, 'other').cadence).toEqual({ kind: 'as-required' });
    expect(policyFor(DEFAULT_POLICIES, 'class-teacher').cadence).toEqual({ kind: 'as-required' });
  });

  it('every preset is a valid policy set covering every role', () => {
    for (const preset of Object.values(POLICY_PRESETS)) {
      expect(policySetSchema.safeParse(preset.policies).success).toBe(true);
      expect(preset.policies.map((p) => p.role).sort()).toEqual([...SUPERVISEE_ROLES].sort());
    }
    expect(policyFor(POLICY_PRESETS['seed-002-group-half-termly'].policies, 'dsl')).toMatchObject({ durationMinutes: 120, format: 'group' });
    expect(policyFor(POLICY_PRESETS['seed-004-six-weekly'].policies, 'senco').cadence).toEqual({ kind: 'every-n-weeks', weeks: 6 });
  });

  it('rejects a policy with a zero-week cadence', () => {
    const r = supervisionPolicySchema.safeParse({ role: 'dsl', cadence: { kind: 'every-n-weeks', weeks: 0 }, durationMinutes: 60, format: 'individual', maxGapMonths: 3 });
    expect(r.success).toBe(false);
  });
});

describe('who may supervise whom (seed 000 grid)', () => {
  it('allows the pairings in the grid', () => {
    expect(checkPairing(DEFAULT_SUPERVISION_GRID, 'principal', 'dsl')).toEqual({ ok: true });
    expect(checkPairing(DEFAULT_SUPERVISION_GRID, 'dsl', 'deputy-dsl')).toEqual({ ok: true });
    expect(checkPairing(DEFAULT_SUPERVISION_GRID, 'senco', 'teaching-assistant')).toEqual({ ok: true });
  });

  it('refuses others with a clear message', () => {
    expect(checkPairing(DEFAULT_SUPERVISION_GRID, 'head-of-year', 'deputy-dsl')).toEqual({
      ok: false,
      field: 'supervisorRole',
      message: "A head of year may not supervise a deputy DSL. A deputy DSL may be supervised by the DSL or the principal (the school's supervision grid).",
    });
    expect(checkPairing(DEFAULT_SUPERVISION_GRID, 'dsl', 'dsl').ok).toBe(false);
  });

  it('checks every supervisee in a group and refuses self-supervision', () => {
    const problems = checkArrangementPairings(DEFAULT_SUPERVISION_GRID, {
      supervisor: { id: 'u1', name: 'Sam', role: 'deputy-dsl' },
      supervisees: [
        { id: 'u2', name: 'Alex', role: 'head-of-year' },
        { id: 'u3', name: 'Jo', role: 'deputy-dsl' },
        { id: 'u1', name: 'Sam', role: 'dsl' },
      ],
    });
    expect(problems.map((p) => (p.ok ? '' : p.field))).toEqual(['supervisees[1].role', 'supervisees[2]']);
  });

  // Copied row by row from seed 000, "Roles and Responsibilities", the grid "Staff involved in child
  // protection casework … / Who might provide safeguarding supervision".
  const SEED_000_ROWS: [string, SuperviseeRole, SupervisorRole[]][] = [
    ['Designated Safeguarding Lead (DSL) ← Principal, Deputy DSL, DSL from another school within the MAT', 'dsl', ['principal', 'deputy-dsl', 'trust-dsl']],
    ['Deputy Designated Safeguarding Lead (DDSL) ← DSL, Principal', 'deputy-dsl', ['dsl', 'principal']],
    ['Heads of Year ← DSL, DDSL', 'head-of-year', ['dsl', 'deputy-dsl']],
    ['Assistant Heads of Year ← Heads of Year', 'assistant-head-of-year', ['head-of-year']],
    ['SENCO and SEN lead staff ← DSL, DDSL, Heads of Year', 'senco', ['dsl', 'deputy-dsl', 'head-of-year']],
    ['Class teachers (not currently) ← DSL, DDSL, Heads of Year, Assistant Heads of Year', 'class-teacher', ['dsl', 'deputy-dsl', 'head-of-year', 'assistant-head-of-year']],
    ['Teaching Assistants ← DSL, DDSL, Heads/Assistant Heads of Year, SEN leads', 'teaching-assistant', ['dsl', 'deputy-dsl', 'head-of-year', 'assistant-head-of-year', 'senco']],
    ['Pupil Premium Leads ← DSL, DDSL, Pastoral Leads', 'pupil-premium-lead', ['dsl', 'deputy-dsl', 'pastoral-lead']],
    ['Other specialist support workers ← DSL, Pastoral Leads, Line Manager, professional body', 'other', ['dsl', 'pastoral-lead', 'line-manager', 'professional-body']],
  ];

  it.each(SEED_000_ROWS)('%s', (_row, see, supervisors) => {
    for (const sup of SUPERVISOR_ROLES) {
      expect(checkPairing(SEED_000_SUPERVISION_GRID, sup, see).ok, `${sup} → ${see}`).toBe(supervisors.includes(sup));
      // "(not currently)": class teachers are switched off by default; every other row is as the seed says.
      expect(checkPairing(DEFAULT_SUPERVISION_GRID, sup, see).ok, `${sup} → ${see} (default)`).toBe(see === 'class-teacher' ? false : supervisors.includes(sup));
    }
  });

  it('a switched-off row says so', () => {
    expect(checkPairing(DEFAULT_SUPERVISION_GRID, 'dsl', 'class-teacher')).toEqual({
      ok: false,
      field: 'supervisorRole',
      message: "A class teacher is not supervised under the school's supervision grid (that row is switched off). Give the row its supervisors to switch it on.",
    });
  });

  it('pastoral leads, not a row in seed 000, are supervised by the DSL or a deputy', () => {
    expect(DEFAULT_SUPERVISION_GRID['pastoral-lead']).toEqual(['dsl', 'deputy-dsl']);
    expect(Object.keys(DEFAULT_SUPERVISION_GRID).sort()).toEqual([...SUPERVISEE_ROLES].sort());
  });
});
