import { z } from 'zod';
import { agendaItemSchema } from '../../shared/agenda/agenda.js';
import { isIsoInstant } from '../../shared/calendar/london-time.js';
import type { RecordStorePort } from '../graph/record-store.js';
import type { AgendaItemRepository, StoredAgendaItem } from '../ports.js';
import { jsonItems } from './json-items.js';

export const AGENDA_ITEMS_LIST = 'AgendaItems';

const storedAgendaItemSchema = agendaItemSchema.extend({
  removedAt: z.string().refine(isIsoInstant).optional(),
  removedById: z.string().optional(),
  removedByRequest: z.string().optional(),
}) as unknown as z.ZodType<StoredAgendaItem>;

export function createAgendaItemRepository(store: RecordStorePort): AgendaItemRepository {
  const items = jsonItems(store, AGENDA_ITEMS_LIST, storedAgendaItemSchema, (i: StoredAgendaItem) => ({
    Title: i.sessionId,
    SessionId: i.sessionId,
    AddedById: i.addedById,
  }));
  const listAllForSession = (sessionId: string) => items.where({ SessionId: sessionId });
  return {
    listForSession: async (sessionId) => (await listAllForSession(sessionId)).filter((i) => !i.value.removedAt),
    listAllForSession,
    get: (id) => items.byKey(id),
    create: (item) => items.create(item.id, item),
    update: (base, next) => items.update(base, next),
  };
}
