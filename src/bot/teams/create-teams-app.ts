import { App, ExpressAdapter } from '@microsoft/teams.apps';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { ServerConfig } from '../config.js';
import type { UseCases } from '../use-cases.js';
import { createBotTokenFactory } from '../auth/federated-credential.js';
import { registerBotHandlers } from './bot-handlers.js';
import { registerMessageExtension } from './message-extension.js';
import { teamsSdkLogger } from './sdk-logger.js';

/** The bot: Teams SDK app on /api/messages, sharing the server's Express app. */
export function createTeamsApp(config: ServerConfig, expressApp: Express, log: Logger, useCases: UseCases): App {
  // With a managed identity, Bot Framework tokens come from the same federated credential as Graph (no secret).
  const botToken = config.bot.allowUnauthenticated ? undefined : createBotTokenFactory(config);
  const app = new App({
    // Passed explicitly: the SDK falls back to CLIENT_ID/CLIENT_SECRET env vars only for undefined, so
    // '' keeps a local Playground run from trying to reach Entra for bot tokens.
    clientId: config.bot.allowUnauthenticated ? '' : config.clientId,
    clientSecret: config.bot.allowUnauthenticated || botToken ? '' : (config.clientSecret ?? ''),
    ...(botToken ? { token: botToken } : {}),
    tenantId: config.tenantId,
    // Only the local Agents Playground sends unsigned activities; loadConfig refuses this in production.
    dangerouslyAllowUnauthenticatedRequests: config.bot.allowUnauthenticated,
    httpServerAdapter: new ExpressAdapter(expressApp, { logger: teamsSdkLogger(log, 'teams-http') }),
    logger: teamsSdkLogger(log),
    messagingEndpoint: '/api/messages',
    ...(config.bot.cloud ? { cloud: config.bot.cloud } : {}),
  });

  registerBotHandlers(app, useCases, log);
  registerMessageExtension(app, useCases, log);

  return app;
}
