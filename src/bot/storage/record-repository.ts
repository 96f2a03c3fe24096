import { recordVersionSchema, versionKey, type RecordVersion } from '../../shared/records/record.js';
import type { RecordStorePort } from '../graph/record-store.js';
import type { RecordRepository, Stored } from '../ports.js';
import { jsonItems } from './json-items.js';

export const RECORDS_LIST = 'Records';

/** The newest version of each record among these. */
function latestOfEach(versions: Stored<RecordVersion>[]): Stored<RecordVersion>[] {
  const latest = new Map<string, Stored<RecordVersion>>();
  for (const v of versions) {
    const seen = latest.get(v.value.recordId);
    if (!seen || seen.value.version < v.value.version) latest.set(v.value.recordId, v);
  }
  return [...latest.values()];
}

export function createRecordRepository(store: RecordStorePort): RecordRepository {
  const items = jsonItems(store, RECORDS_LIST, recordVersionSchema, (r: RecordVersion) => ({
    Title: r.kind,
    RecordId: r.recordId,
    SessionId: r.sessionId ?? null,
    ArrangementId: r.arrangementId,
    Kind: r.kind,
    Version: r.version,
    State: r.state,
    ContentSha256: r.sentSha256 ?? null,
  }));
  return {
    listVersions: async (recordId) => (await items.where({ RecordId: recordId })).sort((a, b) => a.value.version - b.value.version),
    listForSession: async (sessionId) => latestOfEach(await items.where({ SessionId: sessionId })),
    listForArrangements: async (ids) => {
      if (ids.length === 0) return [];
      const wanted = new Set(ids);
      if (ids.length > 20) return latestOfEach((await items.where({})).filter((r) => wanted.has(r.value.arrangementId)));
      return latestOfEach((await Promise.all([...wanted].map((id) => items.where({ ArrangementId: id })))).flat());
    },
    create: (version) => items.create(versionKey(version.recordId, version.version), version),
    update: (base, next) => items.update(base, next),
  };
}
