import { z } from 'zod';
import type { RecordStorePort } from '../graph/record-store.js';
import type { PostedCard, PostedCardRepository } from '../ports.js';
import { jsonItems } from './json-items.js';

export const POSTED_CARDS_LIST = 'PostedCards';

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
  return {
    add: async (card) => {
      // One card of each kind per person and session: the newest is the one kept current.
      const key = `${card.sessionId}|${card.userId}|${card.kind}`.slice(0, 255);
      const stored = await items.create(key, card);
      if (stored.value.activityId !== card.activityId || stored.value.conversation.conversationId !== card.conversation.conversationId) await items.update(stored, card);
    },
    listForSession: async (sessionId) => (await items.where({ SessionId: sessionId })).map((c) => c.value),
  };
}
