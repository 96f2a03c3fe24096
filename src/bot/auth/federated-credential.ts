import { readFileSync } from 'node:fs';
import type { TokenProviderFn } from '@microsoft/teams.api';
import type { ServerConfig } from '../config.js';
import { createAppTokenProvider, type AppTokenProvider } from '../graph/app-token-provider.js';
import { createDispatcher } from '../graph/tls-dispatcher.js';
import { createTrustedFetch } from '../net/trusted-fetch.js';
import { createManagedIdentityAssertion, type FederatedAssertionSource } from './managed-identity.js';

/** The Bot Framework's app-only scope (the Teams SDK asks for it to send activities). */
export const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com/.default';

const caCertOf = (config: ServerConfig): string | undefined => (config.graph.caCertFile ? readFileSync(config.graph.caCertFile, 'utf8') : undefined);

// One assertion source per configuration, so Graph and the bot share the managed identity's held token.
const sources = new WeakMap<ServerConfig, FederatedAssertionSource>();

/**
 * The managed identity's federated assertion for this configuration (undefined without
 * MANAGED_IDENTITY_CLIENT_ID). GRAPH_CA_CERT_FILE, when set (the local emulator), is the only CA
 * trusted for the identity endpoint too.
 */
export function managedIdentityAssertion(config: ServerConfig): FederatedAssertionSource | undefined {
  if (!config.managedIdentity) return undefined;
  let source = sources.get(config);
  if (!source) {
    source = createManagedIdentityAssertion(config.managedIdentity, { fetch: createTrustedFetch(caCertOf(config)) });
    sources.set(config, source);
  }
  return source;
}

/**
 * A token factory for the Teams SDK's `token` option: Bot Framework (and any other app-only) tokens
 * for the app registration, from the same authority and the same federated credential as Graph —
 * MSAL's client-credentials grant with the managed identity's token as `client_assertion`. Each
 * token is held until shortly before it expires (the SDK does not cache what a factory returns).
 * Undefined without a managed identity: the SDK then uses CLIENT_ID / CLIENT_SECRET as before.
 *
 * The app registration is single-tenant, so every token is asked for in TENANT_ID whatever tenant
 * the SDK names.
 */
export function createBotTokenFactory(config: ServerConfig): TokenProviderFn | undefined {
  const assertion = managedIdentityAssertion(config);
  if (!assertion) return undefined;
  const dispatcher = createDispatcher(caCertOf(config));
  const providers = new Map<string, AppTokenProvider>();
  return (scope) => {
    const key = (Array.isArray(scope) ? scope.join(' ') : scope) || BOT_FRAMEWORK_SCOPE;
    let provider = providers.get(key);
    if (!provider) {
      provider = createAppTokenProvider(
        {
          authorityHost: config.auth.authorityHost,
          tenantId: config.tenantId,
          clientId: config.clientId,
          clientAssertion: () => assertion.getAssertion(),
          scope: key,
        },
        dispatcher,
      );
      providers.set(key, provider);
    }
    return provider.getAccessToken();
  };
}
