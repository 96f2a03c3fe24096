import { Client, HTTPMessageHandler, RetryHandler, RetryHandlerOptions, TelemetryHandler, type FetchOptions } from '@microsoft/microsoft-graph-client';
import { createAppTokenProvider } from './app-token-provider.js';
import { OriginBoundAuthHandler } from './origin-bound-auth.js';
import { createDispatcher, type FetchInitWithDispatcher } from './tls-dispatcher.js';

export interface GraphConnection {
  /** `https://graph.microsoft.com/` in production; the emulator's URL locally. */
  graphBaseUrl: string;
  /** `https://login.microsoftonline.com` in production. */
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret?: string;
  /** The managed identity's federated assertion, in place of clientSecret (production). */
  clientAssertion?: () => Promise<string>;
  /** When set, trust only this CA (the emulator's self-signed certificate). */
  caCertPem?: string;
  /** Retries of 429/503/504 per request by the SDK's RetryHandler (default 5). */
  maxRetries?: number;
}

/**
 * A Graph SDK client with app-only auth and the SDK's retry middleware (429/503/504, honours
 * Retry-After). The same path for production and the emulator; only the connection differs.
 */
export function createGraphClient(conn: GraphConnection): Client {
  const base = new URL(conn.graphBaseUrl);
  if (base.protocol !== 'https:') throw new Error('Graph: graphBaseUrl must be https (the SDK sends no token over http).');
  const dispatcher = createDispatcher(conn.caCertPem);
  const tokens = createAppTokenProvider(conn, dispatcher);

  const auth = new OriginBoundAuthHandler(base.origin, () => tokens.getAccessToken());
  // 1 s base delay when Graph gives no Retry-After (the SDK default is 3 s); Retry-After wins when present.
  const retry = new RetryHandler(new RetryHandlerOptions(1, conn.maxRetries ?? 5));
  const telemetry = new TelemetryHandler();
  const http = new HTTPMessageHandler();
  auth.setNext(retry);
  retry.setNext(telemetry);
  telemetry.setNext(http);

  // No redirect following: fetch would resend to the Location (another origin included) below the
  // auth handler's origin check. Graph APIs the app calls do not redirect; a 3xx is an error.
  const fetchOptions: FetchInitWithDispatcher = { redirect: 'manual', ...(dispatcher ? { dispatcher } : {}) };
  return Client.initWithMiddleware({
    baseUrl: base.href,
    middleware: auth,
    customHosts: new Set([base.hostname]),
    fetchOptions: fetchOptions as FetchOptions,
  });
}
