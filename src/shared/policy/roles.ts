/** Roles that receive safeguarding supervision (seed 000 grid, left-hand column, plus pastoral leads). */
export const SUPERVISEE_ROLES = [
  'dsl',
  'deputy-dsl',
  'head-of-year',
  'assistant-head-of-year',
  'senco',
  'class-teacher',
  'teaching-assistant',
  'pupil-premium-lead',
  'pastoral-lead',
  'other',
] as const;
export type SuperviseeRole = (typeof SUPERVISEE_ROLES)[number];

/** Roles that may supervise (seed 000 grid, right-hand column), including people outside the school. */
export const SUPERVISOR_ROLES = [
  'principal',
  'dsl',
  'deputy-dsl',
  'head-of-year',
  'assistant-head-of-year',
  'senco',
  'pastoral-lead',
  'line-manager',
  'trust-dsl',
  'professional-body',
] as const;
export type SupervisorRole = (typeof SUPERVISOR_ROLES)[number];

export const ROLE_NAMES: Record<SuperviseeRole | SupervisorRole, string> = {
  principal: 'the principal',
  dsl: 'the DSL',
  'deputy-dsl': 'a deputy DSL',
  'head-of-year': 'a head of year',
  'assistant-head-of-year': 'an assistant head of year',
  senco: 'a SENCO or SEN lead',
  'class-teacher': 'a class teacher',
  'teaching-assistant': 'a teaching assistant',
  'pupil-premium-lead': 'a pupil premium lead',
  'pastoral-lead': 'a pastoral lead',
  'line-manager': 'their line manager',
  'trust-dsl': 'a DSL from another school in the trust',
  'professional-body': 'a professional body',
  other: 'other specialist support staff',
};
