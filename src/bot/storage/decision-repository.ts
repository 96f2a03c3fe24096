import { decisionRecordSchema, type DecisionRecord } from '../../shared/records/decision-record.js';
import type { RecordStorePort } from '../graph/record-store.js';
import type { DecisionRepository } from '../ports.js';
import { jsonItems } from './json-items.js';

export const DECISIONS_LIST = 'CaseDecisions';

export function createDecisionRepository(store: RecordStorePort): DecisionRepository {
  const items = jsonItems(store, DECISIONS_LIST, decisionRecordSchema, (d: DecisionRecord) => ({
    // The title says what it is, never whose: the child's reference stays inside ValueJson.
    Title: 'Decision record',
    SessionId: d.sessionId,
    ArrangementId: d.arrangementId,
    Confirmed: d.enteredOnCaseSystem !== undefined,
    DecidedUtc: d.decidedAt,
  }));
  return {
    get: (id) => items.byKey(id),
    listForSession: (sessionId) => items.where({ SessionId: sessionId }),
    listUnconfirmed: () => items.where({ Confirmed: false }),
    create: (d) => items.create(d.id, d),
    update: (base, next) => items.update(base, next),
  };
}
