export { arrangementSchema, partySchema, supervisorSchema, superviseeSchema, partiesOf, describeArrangement, ORGANISERS, type Arrangement, type Party, type Supervisor, type Supervisee, type Organiser } from './arrangement.js';
export {
  arrangementInputSchema,
  arrangementChangesSchema,
  newArrangement,
  applyArrangementChanges,
  isPlanned,
  type ArrangementInput,
  type ArrangementChanges,
  type ArrangementRules,
  type NewArrangementResult,
} from './new-arrangement.js';
