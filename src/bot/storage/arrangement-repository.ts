import { arrangementSchema, partiesOf, type Arrangement } from '../../shared/arrangements/arrangement.js';
import type { RecordStorePort } from '../graph/record-store.js';
import type { ArrangementRepository } from '../ports.js';
import { jsonItems } from './json-items.js';

export const ARRANGEMENTS_LIST = 'Arrangements';

export function createArrangementRepository(store: RecordStorePort): ArrangementRepository {
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
  return {
    list: () => items.where({}),
    get: (id) => items.byKey(id),
    create: (a) => items.create(a.id, a),
    update: (base, next) => items.update(base, next),
  };
}
