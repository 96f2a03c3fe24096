import type { z } from 'zod';
import { arrangementSchema, type Arrangement } from '../../shared/arrangements/arrangement.js';
import type { DashboardRecord } from '../../shared/compliance/dashboard.js';
import { decisionRecordSchema, type DecisionRecord } from '../../shared/records/decision-record.js';
import { recordVersionSchema, type RecordVersion } from '../../shared/records/record.js';
import { sessionSchema, type Session } from '../../shared/sessions/session.js';
import type { ChangedItem, RecordStorePort } from '../graph/record-store.js';
import type { Stored } from '../ports.js';
import { ARRANGEMENTS_LIST } from '../storage/arrangement-repository.js';
import { CONVERSATIONS_LIST } from '../storage/conversation-repository.js';
import { DECISIONS_LIST } from '../storage/decision-repository.js';
import { CorruptItemError, jsonItems } from '../storage/json-items.js';
import { RECORDS_LIST } from '../storage/record-repository.js';
import { SESSIONS_LIST } from '../storage/session-repository.js';

/** One arrangement with its sessions, the latest version of each of its records, and its decision records. */
export interface ArrangementData {
  arrangement: Arrangement;
  sessions: readonly Session[];
  /** Without their answers: only what the dashboard reads. */
  records: readonly DashboardRecord[];
  decisions: readonly DecisionRecord[];
  /** Goes up whenever any of the above changes: equal versions hold the same data. */
  version: number;
}

/** What the compliance read model holds: everything `buildDashboard` needs, as of the last build, catch-up or write. */
export interface ComplianceSnapshot {
  arrangements: readonly ArrangementData[];
  /** People with a saved, active conversation: the bot can reach them. */
  reachableIds: ReadonlySet<string>;
  /** Goes up with every change applied. */
  version: number;
}

export interface ProjectionStats {
  /** The first full read of the lists: how long it took, how many items and Graph pages it read. */
  build?: { ms: number; items: number; at: string };
  refreshes: number;
  lastRefresh?: { ms: number; changed: number; at: string };
  applied: number;
  /** Items left out because they no longer read as their type (`list:itemId`), e.g. after a hand edit in SharePoint. */
  unreadable: string[];
}

/** The writes the repositories report to the projection (write-through). */
export interface ProjectionWrites {
  arrangement(stored: Stored<Arrangement>): void;
  session(stored: Stored<Session>): void;
  record(stored: Stored<RecordVersion>): void;
  decision(stored: Stored<DecisionRecord>): void;
  conversation(userId: string, active: boolean): void;
}

export interface ComplianceProjection extends ProjectionWrites {
  /** The current data; the first call (or the start-up build) reads every list once. */
  snapshot(): Promise<ComplianceSnapshot>;
  /** One arrangement's data, current as the snapshot is; undefined when there is no such arrangement. */
  arrangementData(id: string): Promise<ArrangementData | undefined>;
  /** Reads what changed in the lists since the last read (other server instances' writes, hand edits). */
  refresh(): Promise<void>;
  stats(): ProjectionStats;
}

interface Entry<T> {
  value: T;
  /** The item's change number (SharePoint's eTag is "{guid},{n}"): an older read never overwrites a newer one. */
  rank: number;
}

/** The change number in an item's eTag, or 0 when it has none we can read (then the later apply wins). */
function rankOf(eTag: string): number {
  const m = /,(\d+)"?\s*$/.exec(eTag);
  return m ? Number(m[1]) : 0;
}
const eTagOf = (stored: Stored<unknown>): string => {
  try {
    return (JSON.parse(stored.version) as { eTag?: string }).eTag ?? '';
  } catch {
    return '';
  }
};

/** Only what the dashboard reads of a record version: the answers stay in SharePoint. */
function slim(r: RecordVersion): DashboardRecord {
  return {
    recordId: r.recordId,
    arrangementId: r.arrangementId,
    sessionId: r.sessionId,
    sessionStart: r.sessionStart,
    kind: r.kind,
    state: r.state,
    signatories: r.signatories,
    signatures: r.signatures,
    lockedAt: r.lockedAt,
    previousLockedAt: r.previousLockedAt,
    content: { actions: r.content.actions },
  };
}

/** Items are read 5,000 to a page (SharePoint's list view threshold) so a build makes as few round trips as it can. */
const PAGE_SIZE = 5000;
/** A catch-up re-reads from a little before the newest change it saw, in case a write landed in the same second. */
const OVERLAP_MS = 5_000;

/**
 * The compliance read model of one server process: arrangements, sessions, the latest record versions,
 * decisions and who the bot can reach, held in memory. Built from the lists on first use; kept fresh by
 * the repositories' writes through this process (write-through) and, for other processes' writes, by
 * `refresh()`: a re-read of the items whose Modified time is at or after the newest one seen.
 * See docs/read-model.md.
 */
export function createComplianceProjection(
  store: RecordStorePort,
  /** Told of each item left out as unreadable (its list and id only: never its content). */
  onUnreadable: (list: string, itemId: string) => void = () => {},
): ComplianceProjection {
  const read = <T>(list: string, schema: z.ZodType<T>) => jsonItems(store, list, schema, () => ({})).read;
  const readArrangement = read(ARRANGEMENTS_LIST, arrangementSchema);
  const readSession = read(SESSIONS_LIST, sessionSchema);
  const readRecord = read(RECORDS_LIST, recordVersionSchema);
  const readDecision = read(DECISIONS_LIST, decisionRecordSchema);

  const arrangements = new Map<string, Entry<Arrangement>>();
  const sessions = new Map<string, Entry<Session>>();
  const records = new Map<string, Entry<DashboardRecord> & { version: number }>();
  const decisions = new Map<string, Entry<DecisionRecord>>();
  const reachable = new Map<string, Entry<boolean>>();
  /** Per arrangement: the ids of its sessions, records and decisions, and its data version. */
  const groups = new Map<string, { sessions: Set<string>; records: Set<string>; decisions: Set<string>; version: number }>();
  const groupOf = (arrangementId: string) => {
    let g = groups.get(arrangementId);
    if (!g) groups.set(arrangementId, (g = { sessions: new Set(), records: new Set(), decisions: new Set(), version: 0 }));
    return g;
  };
  /** Arrangements whose data changed since the last snapshot. */
  const dirty = new Set<string>();
  /** The newest Modified time seen per list. */
  const marks = new Map<string, string>();
  let version = 0;
  const built = new Map<string, ArrangementData>();
  let cached: { version: number; snapshot: ComplianceSnapshot } | undefined;
  const stats: Omit<ProjectionStats, 'unreadable'> = { refreshes: 0, applied: 0 };
  const unreadable = new Set<string>();

  const changed = (arrangementId: string | undefined) => {
    version++;
    stats.applied++;
    if (arrangementId === undefined) return;
    groupOf(arrangementId).version++;
    dirty.add(arrangementId);
  };
  const put = <T>(map: Map<string, Entry<T>>, key: string, value: T, rank: number, arrangementId?: string, member?: 'sessions' | 'decisions'): void => {
    const seen = map.get(key);
    if (seen && rank !== 0 && seen.rank >= rank) return;
    map.set(key, { value, rank });
    if (arrangementId !== undefined && member) groupOf(arrangementId)[member].add(key);
    changed(arrangementId);
  };
  const putRecord = (r: RecordVersion, rank: number): void => {
    const seen = records.get(r.recordId);
    if (seen && (seen.version > r.version || (seen.version === r.version && rank !== 0 && seen.rank >= rank))) return;
    records.set(r.recordId, { value: slim(r), rank, version: r.version });
    groupOf(r.arrangementId).records.add(r.recordId);
    changed(r.arrangementId);
  };

  const writes: ProjectionWrites = {
    arrangement: (s) => put(arrangements, s.value.id, s.value, rankOf(eTagOf(s)), s.value.id),
    session: (s) => put(sessions, s.value.id, s.value, rankOf(eTagOf(s)), s.value.arrangementId, 'sessions'),
    record: (s) => putRecord(s.value, rankOf(eTagOf(s))),
    decision: (s) => put(decisions, s.value.id, s.value, rankOf(eTagOf(s)), s.value.arrangementId, 'decisions'),
    conversation: (userId, active) => put(reachable, userId, active, 0),
  };

  /** Applies every item changed in one list since its mark (all of them the first time); the number applied. */
  const catchUp = async (list: string, apply: (item: ChangedItem) => void): Promise<number> => {
    const mark = marks.get(list);
    const since = mark ? new Date(Date.parse(mark) - OVERLAP_MS).toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
    const items = await store.changedSince(list, since, PAGE_SIZE);
    let newest = mark ?? '';
    for (const item of items) {
      const key = `${list}:${item.id}`;
      try {
        apply(item);
        unreadable.delete(key);
      } catch (error) {
        // One hand-edited item must not stop the whole list catching up: it is left out and reported.
        if (!(error instanceof CorruptItemError)) throw error;
        if (!unreadable.has(key)) onUnreadable(list, item.id);
        unreadable.add(key);
      }
      if (item.modified > newest) newest = item.modified;
    }
    if (newest) marks.set(list, newest);
    return items.length;
  };
  const readAll = async (): Promise<number> => {
    const counts = await Promise.all([
      catchUp(ARRANGEMENTS_LIST, (i) => writes.arrangement(readArrangement(i))),
      catchUp(SESSIONS_LIST, (i) => writes.session(readSession(i))),
      catchUp(RECORDS_LIST, (i) => putRecord(readRecord(i).value, rankOf(i.eTag))),
      catchUp(DECISIONS_LIST, (i) => writes.decision(readDecision(i))),
      catchUp(CONVERSATIONS_LIST, (i) => {
        if (typeof i.fields['UserId'] === 'string') put(reachable, i.fields['UserId'], i.fields['Active'] === true, rankOf(i.eTag));
      }),
    ]);
    return counts.reduce((a, b) => a + b, 0);
  };

  let building: Promise<void> | undefined;
  const build = (): Promise<void> => {
    building ??= (async () => {
      const started = performance.now();
      const items = await readAll();
      stats.build = { ms: Math.round(performance.now() - started), items, at: new Date().toISOString() };
    })();
    // A failed build (Graph down at start) is tried again on the next request.
    building.catch(() => (building = undefined));
    return building;
  };
  // One catch-up at a time; callers while one runs share it.
  let refreshing: Promise<void> | undefined;

  const dataOf = (id: string, arrangement: Arrangement): ArrangementData => {
    const g = groupOf(id);
    const pick = <T>(ids: Set<string>, map: Map<string, Entry<T>>) => Array.from(ids, (k) => map.get(k)?.value).filter((v): v is T => v !== undefined);
    return { arrangement, sessions: pick(g.sessions, sessions), records: pick(g.records, records), decisions: pick(g.decisions, decisions), version: g.version };
  };
  const snapshot = async (): Promise<ComplianceSnapshot> => {
    await build();
    if (cached?.version !== version) {
      // Only the arrangements whose data changed are put together again.
      for (const id of dirty) {
        const a = arrangements.get(id)?.value;
        if (a) built.set(id, dataOf(id, a));
        else built.delete(id);
      }
      dirty.clear();
      const reachableIds = new Set<string>();
      for (const [id, e] of reachable) if (e.value) reachableIds.add(id);
      cached = { version, snapshot: { arrangements: [...built.values()], reachableIds, version } };
    }
    return cached.snapshot;
  };
  return {
    ...writes,
    snapshot,
    arrangementData: async (id) => {
      await snapshot();
      return built.get(id);
    },
    refresh: async () => {
      if (!building) return build();
      await building;
      refreshing ??= (async () => {
        const started = performance.now();
        try {
          const changed = await readAll();
          stats.refreshes++;
          stats.lastRefresh = { ms: Math.round(performance.now() - started), changed, at: new Date().toISOString() };
        } finally {
          refreshing = undefined;
        }
      })();
      return refreshing;
    },
    stats: () => ({ ...stats, unreadable: [...unreadable] }),
  };
}
