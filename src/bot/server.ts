import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { ServerConfig } from './config.js';
import type { DirectoryPort } from './ports.js';
import type { DevSignIn } from './auth/dev-sign-in.js';
import type { VerifyBearer } from './http/require-caller.js';
import { healthRoutes } from './http/routes/health.js';
import { mountOperations } from './http/api/operation.js';
import { openApiDocument } from './http/api/openapi.js';
import { API_OPERATIONS } from './http/routes/index.js';
import { handleUseCaseError } from './http/use-case-errors.js';
import type { UseCases } from './use-cases.js';
import { tabConfigRoutes } from './http/routes/tab-config.js';
import { devSignInRoutes } from './http/routes/dev-sign-in.js';
import { sendError } from './http/send-error.js';
import { logRequests } from './http/log-requests.js';
import { createTeamsApp } from './teams/create-teams-app.js';
import type { App } from '@microsoft/teams.apps';
import type { CalendarSync } from './calendar-sync/calendar-sync.js';
import { graphNotificationRoutes } from './http/routes/graph-notifications.js';
import { rejectMalformedActivities } from './teams/activity-shape.js';
import { acceptBotConnectorTokensOnly } from './teams/bot-connector-token.js';
import { acceptOwnTenantOnly } from './teams/own-tenant.js';
import { KEEP_ALIVE_TIMEOUT_MS } from './http/keep-alive.js';
import { errorSummary } from './errors.js';

export interface ServerDeps {
  config: ServerConfig;
  log: Logger;
  verify: VerifyBearer;
  directory: DirectoryPort;
  useCases: UseCases;
  /** Present only when the local emulator's dev sign-in is configured. */
  devSignIn?: DevSignIn;
  /** Hands the Teams app to whoever sends proactive cards through it. */
  onTeamsApp?: (app: App) => void;
  /** Receives Graph's change and lifecycle notifications for the organisers' calendars. */
  calendarSync?: Pick<CalendarSync, 'notified' | 'lifecycle'>;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

// Teams, Outlook and the Microsoft 365 app host the tab in an iframe.
const FRAME_ANCESTORS =
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.office.com https://outlook.office.com https://outlook.office365.com https://*.microsoft365.com";

/**
 * The tab loads only its own scripts. Fluent UI inserts its styles at run time ('unsafe-inline' for
 * styles only); MSAL talks to the sign-in authority; TeamsJS reads its list of valid hosts from the
 * Office CDN.
 */
// Office.js must be loaded from Microsoft's CDN (add-ins may not bundle it); only the add-in's pages may.
const OFFICE_JS = 'https://appsforoffice.microsoft.com';

function contentSecurityPolicy(authorityHost: string, page: 'tab' | 'outlook-add-in' = 'tab'): string {
  const officeJs = page === 'outlook-add-in' ? ` ${OFFICE_JS}` : '';
  return [
    "default-src 'self'",
    `script-src 'self'${officeJs}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${authorityHost} https://res.cdn.office.net${officeJs}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    FRAME_ANCESTORS,
  ].join('; ');
}

const REQUEST_ERRORS: Record<number, { error: string; message: string }> = {
  400: { error: 'invalid_json', message: 'The request body is not valid JSON.' },
  403: { error: 'forbidden', message: 'You do not have access to this.' },
  404: { error: 'not_found', message: 'There is nothing at this address.' },
  413: { error: 'body_too_large', message: 'The request body is too large.' },
  415: { error: 'unsupported_media_type', message: 'Send the body as application/json.' },
  500: { error: 'internal_error', message: 'Something went wrong on the server. Try again; if it keeps happening, tell your safeguarding admin.' },
};

/** What to tell the caller about a request Express could not take (a body that is not JSON, an address that does not decode). */
function requestError(err: unknown, status: number): { error: string; message: string } {
  // Express decodes each path parameter: '%E0%A4%A' is not UTF-8.
  if (err instanceof URIError) return { error: 'invalid_address', message: 'The address is not valid: part of it is wrongly encoded.' };
  if (status >= 500) return REQUEST_ERRORS[500]!;
  return REQUEST_ERRORS[status] ?? { error: 'invalid_request', message: 'The request could not be read.' };
}

export async function startServer(deps: ServerDeps): Promise<RunningServer> {
  const { config, log } = deps;
  const app = express();
  const csp = contentSecurityPolicy(config.auth.authorityHost);
  const addInCsp = contentSecurityPolicy(config.auth.authorityHost, 'outlook-add-in');
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Content-Security-Policy', req.path.startsWith('/addin/') ? addInCsp : csp);
    if (config.mode === 'production') res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  });

  const api = express.Router();
  api.use(logRequests(log));
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(express.json({ limit: '256kb' }));
  api.use(healthRoutes());
  api.use(tabConfigRoutes(config));
  if (deps.calendarSync) api.use(graphNotificationRoutes(deps.calendarSync));
  const openApi = openApiDocument(API_OPERATIONS);
  api.get('/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  const operations = express.Router();
  mountOperations(operations, API_OPERATIONS, { verify: deps.verify, useCases: deps.useCases, onError: handleUseCaseError(log) });
  api.use(operations);
  if (deps.devSignIn) api.use(devSignInRoutes({ directory: deps.directory, signIn: deps.devSignIn, log }));
  api.use((req, res) => sendError(res, 404, { error: 'not_found', message: `There is no API route ${req.method} ${req.path}.` }));
  // The bot's POST /api/messages is registered first so the API's 404 handler never shadows it; these run
  // before the Teams SDK's own handler, which initialize() adds.
  const teams = createTeamsApp(config, app, log, deps.useCases);
  // Locally the Agents Playground sends unsigned activities, from a tenant of its own.
  const checksTokens = !config.bot.allowUnauthenticated;
  app.post(
    '/api/messages',
    ...(checksTokens ? [acceptBotConnectorTokensOnly(teams.cloud.tokenIssuer, log)] : []),
    ...rejectMalformedActivities(),
    ...(checksTokens ? [acceptOwnTenantOnly(config.tenantId, log)] : []),
  );
  await teams.initialize();
  deps.onTeamsApp?.(teams);
  app.use('/api', api);

  const tabDir = path.resolve(config.tabDistDir);
  if (existsSync(path.join(tabDir, 'index.html'))) {
    // Hashed assets may be cached; index.html must not be, or a deploy leaves pages pointing at deleted assets.
    app.use('/assets', express.static(path.join(tabDir, 'assets'), { maxAge: '7d', immutable: true, fallthrough: false }));
    // /privacy and /terms are the manifest's privacy notice and terms of use (privacy.html, terms.html).
    app.use(express.static(tabDir, { index: false, maxAge: 0, extensions: ['html'] }));
    app.get(/^\/(?!api\/).*/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(path.join(tabDir, 'index.html'));
    });
  } else {
    log.warn({ tabDir }, 'tab not built: run npm run build:tab');
  }

  // Malformed JSON and other request errors: a 4xx with a reason, never a stack trace.
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const status = typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' ? err.status : 500;
    if (status >= 500) log.error({ err: errorSummary(err) }, 'request failed');
    sendError(res, status, requestError(err, status));
  });

  const server: Server = createServer(app);
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  log.info({ url }, 'server listening');
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
