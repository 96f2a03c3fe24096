import type { ConversationRef } from '../../src/bot/ports.js';

/**
 * Who the bot can reach, in memory: `installed` have a saved personal chat (forgotten on a 403, as the real
 * store does), and the Bot Connector records each card posted; `post` may throw to answer as Teams would.
 */
export function fakeReach(installed: Iterable<string>, post: (to: ConversationRef) => void = () => undefined) {
  const people = new Set(installed);
  const posted: { userId: string; card: string }[] = [];
  const conversations = {
    get: async (userId: string) => (people.has(userId) ? { userId, conversationId: `c-${userId}`, serviceUrl: 'http://127.0.0.1:1' } : undefined),
    forget: async (userId: string) => void people.delete(userId),
  };
  const messenger = {
    post: async (to: ConversationRef, card: unknown) => {
      post(to);
      posted.push({ userId: to.userId, card: JSON.stringify(card) });
      return `act-${posted.length}`;
    },
  };
  /** Who got a card, in order. */
  const to = () => posted.map((p) => p.userId);
  return { people, posted, to, conversations, messenger };
}
