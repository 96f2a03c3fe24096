import { MessageActivity } from '@microsoft/teams.api';
import type { App } from '@microsoft/teams.apps';
import type { AdaptiveCard } from '@microsoft/teams.cards';
import { UnreachableError, type ConversationRef, type Messenger } from '../ports.js';

/** The HTTP status of a failed Bot Connector call (the SDK's client is axios). */
function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { response?: { status?: unknown }; status?: unknown; statusCode?: unknown };
  const s = e.response?.status ?? e.status ?? e.statusCode;
  return typeof s === 'number' ? s : undefined;
}

const MAX_SERVICE_URLS = 32;

/**
 * Posts and updates cards through the Bot Connector at each conversation's own service URL (Teams gives
 * it with every activity; locally it is the Agents Playground's). 403: the user removed or blocked the
 * app; 404: the conversation or message is gone. Both mean the bot cannot reach them there.
 */
export function createTeamsMessenger(app: App): Messenger {
  // One client per service URL (Teams has a few, one per region): a clone builds a new HTTP client each time.
  const clients = new Map<string, App['api']>();
  const api = (to: ConversationRef): App['api'] => {
    const serviceUrl = to.serviceUrl.replace(/\/+$/, '');
    let client = clients.get(serviceUrl);
    if (!client) {
      if (clients.size >= MAX_SERVICE_URLS) clients.clear();
      client = app.api.clone({ serviceUrl });
      clients.set(serviceUrl, client);
    }
    return client;
  };
  const unreachable = (error: unknown): never => {
    const status = statusOf(error);
    if (status === 403 || status === 404) throw new UnreachableError(status);
    throw error;
  };
  return {
    post: async (to, card: AdaptiveCard) => {
      try {
        const sent = await api(to).conversations.activities(to.conversationId).create(new MessageActivity().addCard('adaptive', card));
        return sent.id;
      } catch (error) {
        return unreachable(error);
      }
    },
    update: async (to, activityId, card: AdaptiveCard) => {
      try {
        await api(to).conversations.activities(to.conversationId).update(activityId, new MessageActivity().addCard('adaptive', card));
      } catch (error) {
        unreachable(error);
      }
    },
  };
}
