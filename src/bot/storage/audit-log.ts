import { randomUUID } from 'node:crypto';
import type { RecordStorePort } from '../graph/record-store.js';
import type { AuditLog, Clock } from '../ports.js';

export const AUDIT_LIST = 'AuditLog';

// A SharePoint "single line of text" column holds at most 255 characters.
const TEXT_COLUMN_MAX = 255;

/** A forged id can be any length; the attempt is still recorded, its target shortened to fit the column. */
function fitTextColumn(value: string): string {
  return value.length <= TEXT_COLUMN_MAX ? value : `${value.slice(0, TEXT_COLUMN_MAX - 1)}…`;
}

/** Appends to the AuditLog list: who did or tried what, to which item, when, and how it ended. */
export function createAuditLog(store: RecordStorePort, clock: Clock): AuditLog {
  return {
    append: async (e) => {
      const action = fitTextColumn(e.action);
      await store.create(AUDIT_LIST, {
        idempotencyKey: randomUUID(),
        fields: {
          Title: action,
          ActorId: fitTextColumn(e.actorId),
          Action: action,
          TargetId: fitTextColumn(e.targetId),
          Outcome: fitTextColumn(e.outcome),
          Detail: e.detail === undefined ? null : fitTextColumn(e.detail),
          AtUtc: clock.now(),
        },
      });
    },
  };
}
