import { ConfidentialClientApplication, LogLevel } from '@azure/msal-node';
import type { Agent } from 'undici';
import { createMsalNetworkClient } from './msal-network-client.js';

export interface AppTokenSource {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret?: string;
  /**
   * In place of the secret: a signed assertion (the managed identity's federated token), which MSAL
   * asks for whenever it goes to the token endpoint. Wins over clientSecret.
   */
  clientAssertion?: () => Promise<string>;
  /** The `.default` scope to ask for; Microsoft Graph's unless given (the Bot Framework's for the bot). */
  scope?: string;
}

export interface AppTokenProvider {
  /** An app-only token for Graph, kept until shortly before it expires. */
  getAccessToken(): Promise<string>;
}

export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';
/** A held token is renewed this long before it expires, so no request goes out with one about to lapse. */
const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000;

/**
 * Client credentials via MSAL against `${authorityHost}/${tenantId}` — the same code for Entra
 * and the emulator. `knownAuthorities` makes MSAL trust the authority as given and skip
 * instance discovery (no call to any other host).
 */
export function createAppTokenProvider(source: AppTokenSource, dispatcher: Agent | undefined): AppTokenProvider {
  if (!source.clientSecret && !source.clientAssertion)
    throw new Error('Graph: a client secret or a client assertion is required for app-only access (set clientSecret or clientAssertion).');
  const scopes = (source.scope ?? GRAPH_DEFAULT_SCOPE).split(' ').filter(Boolean);
  const authorityHost = source.authorityHost.replace(/\/+$/, '');
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: source.clientId,
      ...(source.clientAssertion ? { clientAssertion: source.clientAssertion } : { clientSecret: source.clientSecret }),
      authority: `${authorityHost}/${source.tenantId}`,
      knownAuthorities: [new URL(authorityHost).host],
    },
    system: {
      networkClient: createMsalNetworkClient(dispatcher),
      loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: () => undefined },
    },
  });
  // MSAL caches the token too, but looking it up there costs more CPU than the rest of a Graph call: every
  // request asks, so the token is held here and MSAL is asked again only near expiry (one at a time).
  let held: { token: string; renewAfterMs: number } | undefined;
  let asking: Promise<string> | undefined;
  const ask = async (): Promise<string> => {
    const result = await app.acquireTokenByClientCredential({ scopes });
    if (!result?.accessToken) throw new Error('Graph: the identity provider returned no access token.');
    const expiresMs = result.expiresOn?.getTime() ?? Date.now();
    held = { token: result.accessToken, renewAfterMs: expiresMs - RENEW_BEFORE_EXPIRY_MS };
    return result.accessToken;
  };
  return {
    getAccessToken: () => {
      if (held && Date.now() < held.renewAfterMs) return Promise.resolve(held.token);
      asking ??= ask().finally(() => (asking = undefined));
      return asking;
    },
  };
}
