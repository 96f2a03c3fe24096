import { ConfidentialClientApplication, LogLevel } from '@azure/msal-node';
import type { Agent } from 'undici';
import { createMsalNetworkClient } from './msal-network-client.js';

export interface AppTokenSource {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret?: string;
}

export interface AppTokenProvider {
  /** An app-only token for Graph; MSAL caches it until shortly before expiry. */
  getAccessToken(): Promise<string>;
}

export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';

/**
 * Client credentials via MSAL against `${authorityHost}/${tenantId}` — the same code for Entra
 * and the emulator. `knownAuthorities` makes MSAL trust the authority as given and skip
 * instance discovery (no call to any other host).
 */
export function createAppTokenProvider(source: AppTokenSource, dispatcher: Agent | undefined): AppTokenProvider {
  if (!source.clientSecret) throw new Error('Graph: a client secret is required for app-only access (set clientSecret).');
  const authorityHost = source.authorityHost.replace(/\/+$/, '');
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: source.clientId,
      clientSecret: source.clientSecret,
      authority: `${authorityHost}/${source.tenantId}`,
      knownAuthorities: [new URL(authorityHost).host],
    },
    system: {
      networkClient: createMsalNetworkClient(dispatcher),
      loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: () => undefined },
    },
  });
  return {
    getAccessToken: async () => {
      const result = await app.acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT_SCOPE] });
      if (!result?.accessToken) throw new Error('Graph: the identity provider returned no access token.');
      return result.accessToken;
    },
  };
}
