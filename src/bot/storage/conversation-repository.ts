import { z } from 'zod';
import { instantMs } from '../../shared/calendar/london-time.js';
import type { RecordStorePort } from '../graph/record-store.js';
import type { Clock, ConversationRef, ConversationRepository } from '../ports.js';
import { jsonItems } from './json-items.js';

export const CONVERSATIONS_LIST = 'ConversationReferences';
const KNOWN_FOR_MS = 5 * 60_000;

const savedSchema = z.object({
  userId: z.string().min(1),
  conversationId: z.string().min(1),
  serviceUrl: z.string().min(1),
  tenantId: z.string().optional(),
  active: z.boolean(),
  updatedAt: z.string(),
});
type Saved = z.infer<typeof savedSchema>;

/** One item per person, keyed by their Entra object id; forgetting keeps the item, marked inactive. */
export function createConversationRepository(store: RecordStorePort, clock: Clock): ConversationRepository {
  const items = jsonItems(store, CONVERSATIONS_LIST, savedSchema, (c: Saved) => ({ Title: c.userId, UserId: c.userId, Active: c.active }));
  // What this process saved for each person in the last few minutes: a message from an unchanged
  // conversation writes nothing. Short-lived, so a forget by another server is not hidden for long.
  const known = new Map<string, { fingerprint: string; at: number }>();
  const fingerprint = (r: ConversationRef) => `${r.conversationId}|${r.serviceUrl}|${r.tenantId ?? ''}`;
  const remember = (r: ConversationRef) => known.set(r.userId, { fingerprint: fingerprint(r), at: instantMs(clock.now()) });
  const isKnown = (r: ConversationRef) => {
    const k = known.get(r.userId);
    return k !== undefined && k.fingerprint === fingerprint(r) && instantMs(clock.now()) - k.at < KNOWN_FOR_MS;
  };
  const toRef = (c: Saved): ConversationRef => ({ userId: c.userId, conversationId: c.conversationId, serviceUrl: c.serviceUrl, ...(c.tenantId ? { tenantId: c.tenantId } : {}) });
  return {
    get: async (userId) => {
      const found = await items.byKey(userId);
      return found?.value.active ? toRef(found.value) : undefined;
    },
    save: async (ref) => {
      if (isKnown(ref)) return;
      const next: Saved = {
        userId: ref.userId,
        conversationId: ref.conversationId,
        serviceUrl: ref.serviceUrl,
        ...(ref.tenantId ? { tenantId: ref.tenantId } : {}),
        active: true,
        updatedAt: clock.now(),
      };
      const found = await items.byKey(ref.userId);
      if (!found) {
        const made = await items.create(ref.userId, next);
        // Someone else's create won (the key is unique): bring it up to date.
        if (made.value.conversationId !== next.conversationId || made.value.serviceUrl !== next.serviceUrl || !made.value.active) await items.update(made, next);
        remember(ref);
        return;
      }
      const same = found.value.active && found.value.conversationId === next.conversationId && found.value.serviceUrl === next.serviceUrl;
      if (!same) await items.update(found, next);
      remember(ref);
    },
    forget: async (userId) => {
      known.delete(userId);
      const found = await items.byKey(userId);
      if (found?.value.active) await items.update(found, { ...found.value, active: false, updatedAt: clock.now() });
    },
  };
}
