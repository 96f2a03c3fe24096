export { SUPERVISEE_ROLES, SUPERVISOR_ROLES, ROLE_NAMES, type SuperviseeRole, type SupervisorRole } from './roles.js';
export { cadenceSchema, supervisionPolicySchema, policySetSchema, describeCadence, type Cadence, type SupervisionPolicy } from './supervision-policy.js';
export { DEFAULT_POLICIES, DEFAULT_MAX_GAP_MONTHS, POLICY_PRESETS, policyFor, type PolicyPresetId } from './default-policies.js';
export {
  DEFAULT_SUPERVISION_GRID,
  SEED_000_SUPERVISION_GRID,
  checkPairing,
  checkArrangementPairings,
  type SupervisionGrid,
  type PairingCheck,
  type ArrangementPeople,
  type Person,
} from './supervision-grid.js';
