import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_POLICIES, POLICY_PRESETS, policyFor } from './default-policies.js';
import { checkArrangementPairings, checkPairing, DEFAULT_SUPERVISION_GRID } from './supervision-grid.js';
import { SUPERVISEE_ROLES, SUPERVISOR_ROLES } from './roles.js';
import { policySetSchema, supervisionPolicySchema } from './supervision-policy.js';

describe('default policies', () => {
  it('half-termly, 1 hour, individual, never more than 3 months apart for the named roles', () => {
    for (const role of ['dsl', 'deputy-dsl', 'head-of-year', 'senco', 'teaching-assistant', 'pastoral-lead'] as const) {
      expect(policyFor(DEFAULT_POLICIES, role)).toEqual({ role, cadence: { kind: 'half-termly' }, durationMinutes: 60, format: 'individual', maxGapMonths: 3 });
    }
    expect(policyFor(DEFAULT_POLICIES, 'other').cadence).toEqual({ kind: 'as-required' });
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
      message: 'A head of year may not supervise a deputy DSL. A deputy DSL may be supervised by the DSL or the principal (the school\'s supervision grid).',
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

  it('the grid decides, for every pair of roles (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SUPERVISOR_ROLES), fc.constantFrom(...SUPERVISEE_ROLES), (sup, see) => {
        const r = checkPairing(DEFAULT_SUPERVISION_GRID, sup, see);
        expect(r.ok).toBe(DEFAULT_SUPERVISION_GRID[see].includes(sup));
        if (!r.ok) expect(r.message).toMatch(/may not supervise/);
      }),
    );
  });
});
