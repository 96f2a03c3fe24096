// Activities as Teams would send them to the bot's messaging endpoint (unsigned: the local server runs with
// ALLOW_UNAUTHENTICATED_BOT), each from a demo user in their personal chat with the bot, with the fake
// Bot Connector as the serviceUrl so the bot's replies and proactive cards land there.

import { randomUUID } from 'node:crypto';
import { DEMO_TENANT_ID, DEMO_USERS } from '../../tools/m365-emulator/src/index.js';
import type { CardJson } from './fake-connector.js';

/** The bot's own account in the conversation. */
export const BOT_ACCOUNT = { id: '28:safeguarding-supervision-bot', name: 'Safeguarding Supervision' };

/** The answer to an Action.Execute invoke: the card that replaces the one acted on, or an error Teams shows on it. */
export type InvokeResponse =
  | { statusCode: 200; type: 'application/vnd.microsoft.card.adaptive'; value: CardJson }
  | { statusCode: 400 | 401 | 403 | 404 | 409 | 500; type: 'application/vnd.microsoft.error'; value: { code: string; message: string } };

export interface InvokeReply {
  /** The HTTP status of the POST to /api/messages. */
  httpStatus: number;
  /** The parsed body: the invoke response. */
  body: InvokeResponse;
  /** The raw body text (to tell an empty body from an empty object). */
  raw: string;
}

export interface BotChat {
  /** The personal conversation id of a user with the bot ('personal-<user id>'). */
  conversationOf(userId: string): string;
  /** Installs the app for the user (installationUpdate add): the bot saves their conversation. Returns the HTTP status. */
  installFor(userId: string): Promise<number>;
  /** A chat message from the user. Returns the HTTP status. */
  say(userId: string, text: string): Promise<number>;
  /** An Action.Execute from a card the user sees: `verb` and `data` as the card sends them. */
  invoke(userId: string, verb: unknown, data: unknown, replyToId?: string): Promise<InvokeReply>;
  /** Posts any activity (fields over the defaults for the user), with any headers (a token). */
  post(userId: string, activity: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
}

const nameOf = (userId: string) => DEMO_USERS.find((u) => u.id === userId)?.displayName ?? 'Someone';

export function botChat(opts: { serverUrl: string; connectorUrl: string; tenantId?: string }): BotChat {
  const tenantId = opts.tenantId ?? DEMO_TENANT_ID;
  const conversationOf = (userId: string) => `personal-${userId}`;
  const base = (userId: string) => ({
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: opts.connectorUrl,
    from: { id: `29:${userId}`, name: nameOf(userId), aadObjectId: userId },
    recipient: BOT_ACCOUNT,
    conversation: { id: conversationOf(userId), conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
    locale: 'en-GB',
  });
  const post = async (userId: string, activity: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const res = await fetch(`${opts.serverUrl}/api/messages`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ ...base(userId), ...activity }),
    });
    return { status: res.status, text: await res.text() };
  };
  return {
    conversationOf,
    post,
    installFor: async (userId) => (await post(userId, { type: 'installationUpdate', action: 'add' })).status,
    say: async (userId, text) => (await post(userId, { type: 'message', text, textFormat: 'plain' })).status,
    invoke: async (userId, verb, data, replyToId) => {
      const res = await post(userId, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
        ...(replyToId ? { replyToId } : {}),
      });
      let body: InvokeResponse;
      try {
        body = JSON.parse(res.text) as InvokeResponse;
      } catch {
        body = undefined as unknown as InvokeResponse;
      }
      return { httpStatus: res.status, body, raw: res.text };
    },
  };
}
