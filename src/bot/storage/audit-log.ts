import { randomUUID } from 'node:crypto';
import type { RecordStorePort } from '../graph/record-store.js';
import type { AuditLog, Clock } from '../ports.js';

export const AUDIT_LIST = 'AuditLog';

/** Appends to the AuditLog list: who did or tried what, to which item, when, and how it ended. */
export function createAuditLog(store: RecordStorePort, clock: Clock): AuditLog {
  return {
    append: async (e) => {
      await store.create(AUDIT_LIST, {
        idempotencyKey: randomUUID(),
        fields: { Title: e.action, ActorId: e.actorId, Action: e.action, TargetId: e.targetId, Outcome: e.outcome, Detail: e.detail ?? null, AtUtc: clock.now() },
      });
    },
  };
}
