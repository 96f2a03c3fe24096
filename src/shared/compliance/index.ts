export {
  COMPLIANCE_RULES,
  type ComplianceRuleId,
  type ComplianceFinding,
  type ArrangementFacts,
  type SessionFacts,
  type RecordFacts,
  type DecisionFacts,
  type ActionFacts,
} from './types.js';
export { complianceSettingsSchema, DEFAULT_COMPLIANCE_SETTINGS, complianceSettings, type ComplianceSettings } from './compliance-settings.js';
export { checkCadence, checkMaximumGap } from './supervision-frequency.js';
export { checkContractSigned, checkContractReview } from './contract.js';
export { checkRecordSignOff, checkDecisionRecord, checkAction, decisionDueBy } from './records-and-actions.js';
export { runComplianceChecks, type ComplianceInput } from './run-compliance-checks.js';
