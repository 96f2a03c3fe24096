import { z } from 'zod';
import { apiErrorSchema } from './schemas.js';

/** Who may call an endpoint that takes no user token: anyone, or only the Bot Connector with its own token. */
export type PublicSecurity = 'none' | 'bot-connector';

interface PublicResponse {
  description: string;
  schema: z.ZodType;
  /** application/json when absent. */
  mediaType?: string;
}

/**
 * An endpoint under /api that takes no user token, as the OpenAPI document describes it. Each is served by
 * its own router (health, tab config, the document itself, Graph's notifications, the bot); the role
 * matrix test checks every one answers each kind of caller alike, and as documented.
 */
export interface PublicEndpoint {
  operationId: string;
  method: 'get' | 'post';
  /** Below /api. */
  path: string;
  summary: string;
  /** Who calls it, in words. */
  caller: string;
  security: PublicSecurity;
  query?: z.ZodObject<z.ZodRawShape>;
  body?: z.ZodType;
  responses: Record<number, PublicResponse>;
}

const error = (description: string): PublicResponse => ({ description, schema: apiErrorSchema });
const text = (description: string): PublicResponse => ({ description, schema: z.string(), mediaType: 'text/plain' });

const graphNotifications = (kind: 'change' | 'lifecycle'): Omit<PublicEndpoint, 'operationId' | 'path'> => ({
  method: 'post',
  summary: `Receives Microsoft Graph's ${kind} notifications for the organisers' calendars`,
  caller:
    "Microsoft Graph, which sends no token: a notification is acted on only if it carries its subscription's clientState, checked after the answer. With validationToken, the subscription handshake: the token is echoed as text.",
  security: 'none',
  query: z.object({ validationToken: z.string().min(1).max(1024).optional() }),
  body: z.object({ value: z.array(z.record(z.string(), z.unknown())) }).meta({ description: `Graph's ${kind} notifications` }),
  responses: {
    200: text('The handshake: the validation token, as sent.'),
    202: { description: 'Received; acted on later, and only if its clientState is the subscription’s.', schema: z.unknown() },
    400: text('A validation token that is empty or too long.'),
  },
});

export const PUBLIC_ENDPOINTS: readonly PublicEndpoint[] = [
  {
    operationId: 'getHealth',
    method: 'get',
    path: '/health',
    summary: 'Says the server is up',
    caller: 'Anyone (App Service health checks); it says nothing else.',
    security: 'none',
    responses: { 200: { description: 'Up.', schema: z.object({ status: z.literal('ok') }) } },
  },
  {
    operationId: 'getTabConfig',
    method: 'get',
    path: '/config',
    summary: 'What the tab needs to sign in',
    caller: 'Anyone: the tab reads it before anyone has signed in. It holds no secret.',
    security: 'none',
    responses: {
      200: {
        description: 'The tenant, the app’s client id and the API scope to ask a token for.',
        schema: z.object({ mode: z.enum(['local', 'production']), tenantId: z.string(), clientId: z.string(), apiScope: z.string(), authorityHost: z.string() }),
      },
    },
  },
  {
    operationId: 'getOpenApiDocument',
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    caller: 'Anyone.',
    security: 'none',
    responses: { 200: { description: 'The OpenAPI 3.1 document.', schema: z.record(z.string(), z.unknown()) } },
  },
  { operationId: 'receiveGraphChangeNotifications', path: '/graph/notifications', ...graphNotifications('change') },
  { operationId: 'receiveGraphLifecycleNotifications', path: '/graph/lifecycle', ...graphNotifications('lifecycle') },
  {
    operationId: 'receiveBotActivity',
    method: 'post',
    path: '/messages',
    summary: 'The bot: activities from Teams (messages, card actions, installs)',
    caller:
      "Only the Bot Connector, with a token the Bot Framework issued (the Teams SDK checks it; a Microsoft Entra token addressed to the app is refused), for an activity from the app's own organisation. Who acts is the activity's sender; what they may do follows from the sessions they are a party to.",
    security: 'bot-connector',
    body: z.record(z.string(), z.unknown()).meta({ description: 'A Bot Framework activity' }),
    responses: {
      200: { description: 'Handled: an invoke gets its response (a card, or a card error saying what to fix); other activities are answered in the chat.', schema: z.unknown() },
      400: error('Not a Bot Framework activity: `field` names what is missing.'),
      401: {
        description: 'No token the Bot Framework issued for this activity, or one that fails its checks.',
        schema: z.object({ error: z.string(), message: z.string().optional() }),
      },
      403: error('An activity from another organisation’s Teams.'),
    },
  },
];
