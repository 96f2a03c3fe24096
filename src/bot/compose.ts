import { readFileSync } from 'node:fs';
import { loadConfig, type ServerConfig } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { createAccessTokenVerifier } from './auth/verify-access-token.js';
import { createEmulatorSignIn } from './auth/dev-sign-in.js';
import { createTrustedFetch } from './net/trusted-fetch.js';
import { createGraphClient } from './graph/graph-client.js';
import { createGraphDirectory } from './graph/directory.js';
import { createSharePointStore, type RecordStorePort } from './graph/record-store.js';
import { SAFEGUARDING_LISTS } from './storage/safeguarding-lists.js';
import { startServer, type RunningServer } from './server.js';

export interface StartedApp extends RunningServer {
  config: ServerConfig;
  log: Logger;
  store: RecordStorePort | undefined;
}

/** The composition root: configuration in, running server out. Only configuration differs between local and production. */
export async function startFromEnv(env: Record<string, string | undefined>, logger?: Logger): Promise<StartedApp> {
  const config = loadConfig(env);
  const log = logger ?? createLogger(config.logLevel);
  const caCertPem = config.graph.caCertFile ? readFileSync(config.graph.caCertFile, 'utf8') : undefined;
  const trustedFetch = createTrustedFetch(caCertPem);

  const verify = createAccessTokenVerifier(
    { issuer: config.auth.issuer, audience: config.auth.audience, jwksUri: config.auth.jwksUri, requiredScope: 'access_as_user' },
    async (url) => {
      const res = await trustedFetch(url, { signal: AbortSignal.timeout(5_000) });
      if (!res.ok) throw new Error(`JWKS request failed with HTTP ${res.status}`);
      return res.json();
    },
  );

  const graph = createGraphClient({
    graphBaseUrl: config.graph.baseUrl,
    authorityHost: config.auth.authorityHost,
    tenantId: config.tenantId,
    clientId: config.clientId,
    ...(config.clientSecret ? { clientSecret: config.clientSecret } : {}),
    ...(caCertPem ? { caCertPem } : {}),
  });
  const directory = createGraphDirectory(graph);

  // Lists, columns and indexes are provisioned idempotently before the server accepts requests, so a
  // missing Sites.Selected grant stops start-up with a clear message instead of losing a record later.
  const store = config.sharePointSiteId ? createSharePointStore(graph, { siteId: config.sharePointSiteId, lists: SAFEGUARDING_LISTS }) : undefined;
  if (store) await store.provision();
  else log.warn('SHAREPOINT_SITE_ID is not set: no record store');

  const devSignIn = config.devSignInUrl
    ? createEmulatorSignIn({ url: config.devSignInUrl, audience: config.auth.audience, fetch: trustedFetch, now: () => new Date() })
    : undefined;

  const server = await startServer({ config, log, verify, directory, ...(devSignIn ? { devSignIn } : {}) });
  return { ...server, config, log, store };
}
