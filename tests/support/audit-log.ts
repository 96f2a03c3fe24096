import type { RecordStorePort } from '../../src/bot/graph/record-store.js';
import { AUDIT_LIST } from '../../src/bot/storage/audit-log.js';

/** One AuditLog item as tests read it. */
export interface AuditEntry {
  id: string;
  action: string;
  targetId: string;
  outcome: string;
  detail: string | null;
}

/** Every AuditLog entry one person made (or tried), read straight from the list as the app. */
export async function auditEntriesOf(store: RecordStorePort, actorId: string): Promise<AuditEntry[]> {
  return (await store.query(AUDIT_LIST, { ActorId: actorId })).map((i) => ({
    id: i.id,
    action: String(i.fields.Action),
    targetId: String(i.fields.TargetId),
    outcome: String(i.fields.Outcome),
    detail: (i.fields.Detail as string | null | undefined) ?? null,
  }));
}
