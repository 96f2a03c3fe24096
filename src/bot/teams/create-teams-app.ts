import { App, ExpressAdapter } from '@microsoft/teams.apps';
import { MessageActivity } from '@microsoft/teams.api';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { ServerConfig } from '../config.js';
import { BOT_COMMANDS, parseCommand } from '../../shared/chat/commands.js';
import { buildHelpCard } from '../../shared/cards/help-card.js';
import { teamsSdkLogger } from './sdk-logger.js';

function helpMessage(notUnderstood: boolean): MessageActivity {
  return new MessageActivity().addCard('adaptive', buildHelpCard({ commands: BOT_COMMANDS, notUnderstood }));
}

/** The bot: Teams SDK app on /api/messages, sharing the server's Express app. */
export function createTeamsApp(config: ServerConfig, expressApp: Express, log: Logger): App {
  const app = new App({
    // Passed explicitly: the SDK falls back to CLIENT_ID/CLIENT_SECRET env vars only for undefined, so
    // '' keeps a local Playground run from trying to reach Entra for bot tokens.
    clientId: config.bot.allowUnauthenticated ? '' : config.clientId,
    clientSecret: config.bot.allowUnauthenticated ? '' : (config.clientSecret ?? ''),
    tenantId: config.tenantId,
    // Only the local Agents Playground sends unsigned activities; loadConfig refuses this in production.
    dangerouslyAllowUnauthenticatedRequests: config.bot.allowUnauthenticated,
    httpServerAdapter: new ExpressAdapter(expressApp, { logger: teamsSdkLogger(log, 'teams-http') }),
    logger: teamsSdkLogger(log),
    messagingEndpoint: '/api/messages',
  });

  app.on('install.add', async ({ send }) => {
    await send(helpMessage(false));
  });

  app.on('message', async ({ activity, send }) => {
    const command = parseCommand(activity.text);
    // Never log the message text: it may contain case detail.
    log.info({ command: command.kind, conversationType: activity.conversation.conversationType }, 'bot message');
    switch (command.kind) {
      case 'help':
        await send(helpMessage(false));
        return;
      case 'unknown':
        await send(helpMessage(true));
        return;
    }
  });

  return app;
}
