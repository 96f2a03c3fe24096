import { z } from 'zod';
import type { RecordStorePort } from '../graph/record-store.js';
import type { PostedCard, PostedCardRepository, Stored } from '../ports.js';
import { jsonItems } from './json-items.js';

export const POSTED_CARDS_LIST = 'PostedCards';

/** Versions remembered per person, session and kind; past this many the oldest is forgotten. */
const REMEMBERED_VERSIONS = 5_000;

const postedCardSchema = z.object({
  sessionId: z.string().min(1),
  userId: z.string().min(1),
  kind: z.enum(['agenda', 'reminder', 'signature', 'decision']),
  conversation: z.object({ userId: z.string(), conversationId: z.string(), serviceUrl: z.string(), tenantId: z.string().optional() }),
  activityId: z.string().min(1),
  postedAt: z.string(),
}) as unknown as z.ZodType<PostedCard>;

export function createPostedCardRepository(store: RecordStorePort): PostedCardRepository {
  const items = jsonItems(store, POSTED_CARDS_LIST, postedCardSchema, (c: PostedCard) => ({ Title: c.kind, SessionId: c.sessionId, UserId: c.userId }));
  // The stored version this server last wrote for each key: showing an agenda again is then one write (If-Match),
  // not a create that conflicts, a read and a write. A version changed or removed meanwhile (another server) fails
  // the write, and the card is kept the long way.
  const written = new Map<string, Stored<PostedCard>>();
  const remember = (key: string, stored: Stored<PostedCard>) => {
    written.delete(key);
    written.set(key, stored);
    if (written.size > REMEMBERED_VERSIONS) written.delete(written.keys().next().value as string);
  };
  return {
    add: async (card) => {
      // One card of each kind per person and session: the newest is the one kept current.
      const key = `${card.sessionId}|${card.userId}|${card.kind}`.slice(0, 255);
      const known = written.get(key);
      if (known) {
        try {
          remember(key, await items.update(known, card));
          return;
        } catch {
          written.delete(key);
        }
      }
      const stored = await items.create(key, card);
      const same = stored.value.activityId === card.activityId && stored.value.conversation.conversationId === card.conversation.conversationId;
      remember(key, same ? stored : await items.update(stored, card));
    },
    listForSession: async (sessionId) => (await items.where({ SessionId: sessionId })).map((c) => c.value),
  };
}
