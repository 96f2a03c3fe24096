import { arrangementSchema, partiesOf, type Arrangement } from '../../shared/arrangements/arrangement.js';
import type { RecordStorePort } from '../graph/record-store.js';
import type { ArrangementRepository } from '../ports.js';
import { cachedList } from './cached-list.js';
import { jsonItems } from './json-items.js';

export const ARRANGEMENTS_LIST = 'Arrangements';

/** How long a read of the whole list is reused: arrangements change a few times a term, chat asks every message. */
const LIST_FOR_MS = 15_000;

export function createArrangementRepository(store: RecordStorePort, now: () => number = Date.now): ArrangementRepository {
  const items = jsonItems(store, ARRANGEMENTS_LIST, arrangementSchema, (a: Arrangement) => ({
    Title: `Arrangement ${a.id}`,
    SupervisorId: a.supervisor.id,
    // Every party between bars, so a person's arrangements can be found by text.
    PartyIds: `|${partiesOf(a)
      .map((p) => p.id)
      .join('|')}|`,
    Format: a.format,
    Status: a.status,
  }));
  const all = cachedList(() => items.where({}), LIST_FOR_MS, now);
  const forget = all.forgetAfter;
  return {
    list: all.list,
    get: (id) => items.byKey(id),
    create: (a) => forget(items.create(a.id, a)),
    update: (base, next) => forget(items.update(base, next)),
  };
}
