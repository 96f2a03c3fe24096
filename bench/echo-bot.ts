// The bot latency bench's baseline: a Teams SDK app that only echoes, configured as
// src/bot/teams/create-teams-app.ts configures the bot, in its own process as the bot is.
// Prints `listening <port>` once it accepts activities on 127.0.0.1.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, ExpressAdapter } from '@microsoft/teams.apps';
import express from 'express';
import pino from 'pino';
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
app.on('message', async ({ activity, send }) => {
  await send(activity.text ?? '');
});
await app.initialize();
const server = createServer(expressApp);
server.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as AddressInfo).port}`));
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
