import { instantMs } from '../../shared/calendar/london-time.js';
import { sessionSchema, type Session } from '../../shared/sessions/session.js';
import type { RecordStorePort } from '../graph/record-store.js';
import type { SessionRepository } from '../ports.js';
import { jsonItems } from './json-items.js';

export const SESSIONS_LIST = 'Sessions';

export function createSessionRepository(store: RecordStorePort): SessionRepository {
  const items = jsonItems(store, SESSIONS_LIST, sessionSchema, (s: Session) => ({
    Title: s.windowLabel,
    ArrangementId: s.arrangementId,
    AcademicYear: s.academicYear,
    StartUtc: s.start,
    EndUtc: s.end,
    Status: s.status,
    EventId: s.eventId,
    ICalUId: s.iCalUId,
  }));
  return {
    get: (id) => items.byKey(id),
    listForArrangements: async (ids) => {
      if (ids.length === 0) return [];
      const wanted = new Set(ids);
      // One query for all when many are asked for; one per arrangement (indexed) when few.
      if (ids.length > 20) return (await items.where({})).filter((s) => wanted.has(s.value.arrangementId));
      return (await Promise.all([...wanted].map((id) => items.where({ ArrangementId: id })))).flat();
    },
    listBookedStartingBetween: async (from, to) => {
      const [a, b] = [instantMs(from), instantMs(to)];
      return (await items.where({ Status: 'booked' })).filter((s) => instantMs(s.value.start) >= a && instantMs(s.value.start) < b);
    },
    createMany: (sessions) => items.createMany(sessions.map((s) => ({ key: s.id, value: s }))),
    update: (base, next) => items.update(base, next),
  };
}
