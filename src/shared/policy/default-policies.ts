import type { SuperviseeRole } from './roles.js';
import type { SupervisionPolicy } from './supervision-policy.js';

// seed 003 §C "Frequency of Supervision": never less than three-monthly; seed 000 "Key Functions": minimum every three months.
export const DEFAULT_MAX_GAP_MONTHS = 3;

const halfTermly = (role: SuperviseeRole): SupervisionPolicy => ({
  role,
  // seed 000 "Frequency of Safeguarding Supervision": at least once per half term (6 a year).
  cadence: { kind: 'half-termly' },
  // seed 000 Appendix 3 §1: a maximum of 1 hour.
  durationMinutes: 60,
  format: 'individual',
  maxGapMonths: DEFAULT_MAX_GAP_MONTHS,
});

/** The product's defaults: seed 000 for the named safeguarding roles, seed 002 §2.2 debriefs for others. */
export const DEFAULT_POLICIES: readonly SupervisionPolicy[] = [
  halfTermly('dsl'),
  halfTermly('deputy-dsl'),
  halfTermly('head-of-year'),
  halfTermly('assistant-head-of-year'),
  halfTermly('senco'),
  halfTermly('teaching-assistant'),
  halfTermly('pupil-premium-lead'),
  halfTermly('pastoral-lead'),
  // seed 000 grid: "Class teachers (not currently)"; seed 002 §2.2: other staff who deal with an incident
  // get a debrief as required. Switched off in the default grid.
  { role: 'class-teacher', cadence: { kind: 'as-required' }, durationMinutes: 60, format: 'debrief', maxGapMonths: DEFAULT_MAX_GAP_MONTHS },
  // seed 002 §2.2 table: other staff who deal with an incident: as required, debrief.
  { role: 'other', cadence: { kind: 'as-required' }, durationMinutes: 60, format: 'debrief', maxGapMonths: DEFAULT_MAX_GAP_MONTHS },
];

export type PolicyPresetId = 'seed-000-half-termly' | 'seed-001-termly' | 'seed-002-group-half-termly' | 'seed-003-monthly' | 'seed-004-six-weekly';

function withAll(change: Partial<SupervisionPolicy>, roles: SuperviseeRole[]): SupervisionPolicy[] {
  return DEFAULT_POLICIES.map((p) => (roles.includes(p.role) ? { ...p, ...change } : { ...p }));
}

const NAMED: SuperviseeRole[] = ['dsl', 'deputy-dsl', 'head-of-year', 'assistant-head-of-year', 'senco', 'teaching-assistant', 'pupil-premium-lead', 'pastoral-lead'];

/** Starting points matching each seed policy; an admin picks one and edits it. */
export const POLICY_PRESETS: Record<PolicyPresetId, { title: string; policies: SupervisionPolicy[] }> = {
  'seed-000-half-termly': { title: 'Half-termly, 1 hour, individual (seed 000)', policies: DEFAULT_POLICIES.map((p) => ({ ...p })) },
  // seed 001 "Formal Supervision": DSL at least termly with the regional lead; wider team 1:1 or group.
  'seed-001-termly': { title: 'DSL termly (seed 001)', policies: withAll({ cadence: { kind: 'termly' } }, ['dsl']) },
  // seed 002 §2.2 table: DSL and deputy DSL 2 h per half term, group.
  'seed-002-group-half-termly': {
    title: 'DSL and deputies: 2 hours per half term, group (seed 002)',
    policies: withAll({ durationMinutes: 120, format: 'group' }, ['dsl', 'deputy-dsl']),
  },
  // seed 003 §C: monthly recommended, never less than three-monthly; contract §2: about an hour.
  'seed-003-monthly': { title: 'Monthly, at most 3 months apart (seed 003)', policies: withAll({ cadence: { kind: 'monthly' } }, NAMED) },
  // seed 004 Appendix 1 §1: at least six-weekly, individual or group.
  'seed-004-six-weekly': { title: 'Every six weeks (seed 004)', policies: withAll({ cadence: { kind: 'every-n-weeks', weeks: 6 } }, NAMED) },
};

export function policyFor(policies: readonly SupervisionPolicy[], role: SuperviseeRole): SupervisionPolicy {
  const found = policies.find((p) => p.role === role) ?? DEFAULT_POLICIES.find((p) => p.role === role);
  if (!found) throw new RangeError(`No supervision policy for role ${role}`);
  return found;
}
