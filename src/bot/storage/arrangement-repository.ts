import { arrangementSchema, partiesOf, type Arrangement } from '../../shared/arrangements/arrangement.js';
import type { RecordStorePort } from '../graph/record-store.js';
import type { ArrangementRepository, Stored } from '../ports.js';
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
  // A change made through this process forgets the cached list at once; one made by another server shows within LIST_FOR_MS.
  let cached: { at: number; list: Promise<Stored<Arrangement>[]> } | undefined;
  const forget = <T>(p: Promise<T>) => p.finally(() => (cached = undefined));
  return {
    list: () => {
      if (!cached || now() - cached.at > LIST_FOR_MS) {
        const list = items.where({});
        cached = { at: now(), list };
        list.catch(() => (cached = undefined));
      }
      return cached.list;
    },
    get: (id) => items.byKey(id),
    create: (a) => forget(items.create(a.id, a)),
    update: (base, next) => forget(items.update(base, next)),
  };
}
