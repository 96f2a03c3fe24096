// The bot latency bench's baselines: a Teams SDK app that only echoes, configured as
// src/bot/teams/create-teams-app.ts configures the bot, in its own process as the bot is. With
// ECHO_GRAPH_WRITE=1 it first writes one SharePoint list item per message through the bot's own Graph
// client (the emulator's connection from the server's settings): the least a bot that keeps what it is
// told before answering must do. Prints `listening <port>` once it accepts activities on 127.0.0.1.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, ExpressAdapter } from '@microsoft/teams.apps';
import express from 'express';
import pino from 'pino';
import { createGraphClient } from '../src/bot/graph/graph-client.js';
import { KEEP_ALIVE_TIMEOUT_MS } from '../src/bot/http/keep-alive.js';
import { teamsSdkLogger } from '../src/bot/teams/sdk-logger.js';

const log = pino({ level: 'silent' });
const expressApp = express();
const app = new App({
  clientId: '',
  clientSecret: '',
  dangerouslyAllowUnauthenticatedRequests: true,
  httpServerAdapter: new ExpressAdapter(expressApp, { logger: teamsSdkLogger(log, 'teams-http') }),
  logger: teamsSdkLogger(log),
  messagingEndpoint: '/api/messages',
});
const keep = process.env.ECHO_GRAPH_WRITE === '1' ? await oneWritePerMessage() : undefined;
app.on('message', async ({ activity, send }) => {
  await keep?.();
  await send(activity.text ?? '');
});
await app.initialize();
const server = createServer(expressApp);
// As the bot's server keeps idle connections (src/bot/server.ts).
server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
server.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as AddressInfo).port}`));
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});

/** A list of this process's own on the app's site, and a function that adds one item to it. */
async function oneWritePerMessage(): Promise<() => Promise<void>> {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`echo bot: ${name} is not set`);
    return value;
  };
  const graph = createGraphClient({
    graphBaseUrl: env('GRAPH_BASE_URL'),
    authorityHost: env('AUTH_AUTHORITY_HOST'),
    tenantId: env('TENANT_ID'),
    clientId: env('CLIENT_ID'),
    clientSecret: env('CLIENT_SECRET'),
    caCertPem: readFileSync(env('GRAPH_CA_CERT_FILE'), 'utf8'),
  });
  const site = encodeURIComponent(env('SHAREPOINT_SITE_ID'));
  const list = (await graph.api(`/sites/${site}/lists`).post({ displayName: `Bench echo ${process.pid}`, list: { template: 'genericList' } })) as { id: string };
  return async () => {
    await graph.api(`/sites/${site}/lists/${list.id}/items`).post({ fields: { Title: 'echo' } });
  };
}
