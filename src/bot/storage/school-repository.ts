import { schoolEntrySchema } from '../../shared/schools/school-schema.js';
import type { SchoolEntry } from '../../shared/schools/schools.js';
import type { RecordStorePort } from '../graph/record-store.js';
import type { SchoolRepository } from '../ports.js';
import { cachedList } from './cached-list.js';
import { jsonItems } from './json-items.js';

export const SCHOOLS_LIST = 'Schools';

/** How long a read of the list is reused: schools change a few times a year, the dashboard asks on every request. */
const LIST_FOR_MS = 15_000;

/** The trust's schools: one item each, keyed by the school's id; removing one marks it (items are never deleted). */
export function createSchoolRepository(store: RecordStorePort, now: () => number = Date.now): SchoolRepository {
  const items = jsonItems(store, SCHOOLS_LIST, schoolEntrySchema, (s: SchoolEntry) => ({
    Title: s.name,
    Name: s.name,
    Position: s.position,
    Removed: s.removed,
  }));
  const all = cachedList(() => items.where({}), LIST_FOR_MS, now);
  const forget = all.forgetAfter;
  return {
    list: all.list,
    create: (entry) => forget(items.create(entry.id, entry)),
    update: (base, next) => forget(items.update(base, next)),
  };
}
