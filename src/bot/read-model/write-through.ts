import type { ArrangementRepository, ConversationRepository, DecisionRepository, RecordRepository, SessionRepository, Stored } from '../ports.js';
import type { ProjectionWrites } from './compliance-projection.js';

/** Passes each stored value to the projection once the write has succeeded, and returns it unchanged. */
const tell =
  <T>(apply: (stored: Stored<T>) => void) =>
  (stored: Stored<T>): Stored<T> => {
    apply(stored);
    return stored;
  };

/**
 * The repositories with every successful write through this process also applied to the compliance read
 * model, so the dashboard shows a change on the very next request. Reads are untouched.
 */
export function writeThrough<
  R extends { arrangements: ArrangementRepository; sessions: SessionRepository; records: RecordRepository; decisions: DecisionRepository; conversations: ConversationRepository },
>(repos: R, to: ProjectionWrites): R {
  const { arrangements, sessions, records, decisions, conversations } = repos;
  return {
    ...repos,
    arrangements: {
      ...arrangements,
      list: () => arrangements.list(),
      get: (id) => arrangements.get(id),
      create: (a) => arrangements.create(a).then(tell(to.arrangement)),
      update: (base, next) => arrangements.update(base, next).then(tell(to.arrangement)),
    },
    sessions: {
      get: (id) => sessions.get(id),
      listForArrangements: (ids) => sessions.listForArrangements(ids),
      listBookedStartingBetween: (from, until) => sessions.listBookedStartingBetween(from, until),
      createMany: async (list) => {
        const results = await sessions.createMany(list);
        for (const r of results) if (!(r instanceof Error)) to.session(r);
        return results;
      },
      update: (base, next) => sessions.update(base, next).then(tell(to.session)),
    },
    records: {
      listVersions: (id) => records.listVersions(id),
      listForSession: (id) => records.listForSession(id),
      listForArrangements: (ids) => records.listForArrangements(ids),
      create: (v) => records.create(v).then(tell(to.record)),
      update: (base, next) => records.update(base, next).then(tell(to.record)),
    },
    decisions: {
      get: (id) => decisions.get(id),
      listForSession: (id) => decisions.listForSession(id),
      listUnconfirmed: () => decisions.listUnconfirmed(),
      create: (d) => decisions.create(d).then(tell(to.decision)),
      update: (base, next) => decisions.update(base, next).then(tell(to.decision)),
    },
    conversations: {
      get: (userId) => conversations.get(userId),
      save: async (ref) => {
        await conversations.save(ref);
        to.conversation(ref.userId, true);
      },
      forget: async (userId) => {
        await conversations.forget(userId);
        to.conversation(userId, false);
      },
    },
  };
}
