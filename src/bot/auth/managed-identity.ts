import { z } from 'zod';
import type { FetchLike } from '../net/trusted-fetch.js';

/**
 * The audience of the token a managed identity presents to Microsoft Entra as a federated client
 * assertion (workload identity federation: "managed identity as a federated identity credential").
 */
export const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';
/** The App Service / Container Apps managed-identity endpoint's protocol version (IDENTITY_ENDPOINT + X-IDENTITY-HEADER). */
export const APP_SERVICE_IDENTITY_API_VERSION = '2019-08-01';
/** An identity-endpoint request that takes longer than this fails rather than hang start-up. */
export const IDENTITY_REQUEST_TIMEOUT_MS = 10_000;
/** A held assertion is renewed this long before it expires. */
const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000;

export interface ManagedIdentitySettings {
  /** Client id of the user-assigned managed identity (MANAGED_IDENTITY_CLIENT_ID). */
  clientId: string;
  /** IDENTITY_ENDPOINT, set by App Service on a web app that has a managed identity. */
  endpoint: string;
  /** IDENTITY_HEADER, set by App Service and sent back as X-IDENTITY-HEADER. Never logged. */
  header: string;
}

/** Signed assertions for MSAL's `clientAssertion` callback: the managed identity's token for api://AzureADTokenExchange. */
export interface FederatedAssertionSource {
  getAssertion(): Promise<string>;
}

export class ManagedIdentityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManagedIdentityError';
  }
}

const tokenResponse = z.object({
  access_token: z.string().min(1),
  // App Service answers seconds since the epoch as a string; accept a number too.
  expires_on: z.union([z.string().regex(/^\d+$/), z.number().int()]).transform((v) => Number(v) * 1000),
});

/** The identity endpoint's error message, if it sent one (App Service: `{ statusCode, message }`; Entra-shaped: `error_description`). */
function errorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  const inner = typeof b['error'] === 'object' && b['error'] !== null ? (b['error'] as Record<string, unknown>)['message'] : undefined;
  const text = [b['message'], b['error_description'], inner, b['error']].find((v): v is string => typeof v === 'string' && v.length > 0);
  return text?.slice(0, 300);
}

/**
 * The managed identity's federated assertion from the App Service managed-identity endpoint:
 * `GET {IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=api://AzureADTokenExchange&client_id=…`
 * with the `X-IDENTITY-HEADER` header. The assertion is held until shortly before it expires (the
 * endpoint caches too), one request at a time.
 */
export function createManagedIdentityAssertion(
  settings: ManagedIdentitySettings,
  options: { fetch?: FetchLike; now?: () => number; timeoutMs?: number } = {},
): FederatedAssertionSource {
  const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const now = options.now ?? Date.now;
  const url = new URL(settings.endpoint);
  url.searchParams.set('api-version', APP_SERVICE_IDENTITY_API_VERSION);
  url.searchParams.set('resource', TOKEN_EXCHANGE_AUDIENCE);
  url.searchParams.set('client_id', settings.clientId);
  const where = `the managed-identity endpoint (IDENTITY_ENDPOINT ${url.origin}${url.pathname})`;

  let held: { assertion: string; renewAfterMs: number } | undefined;
  let asking: Promise<string> | undefined;
  const ask = async (): Promise<string> => {
    let response: Response;
    try {
      response = await doFetch(url.href, {
        method: 'GET',
        headers: { 'X-IDENTITY-HEADER': settings.header, Accept: 'application/json' },
        signal: AbortSignal.timeout(options.timeoutMs ?? IDENTITY_REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      throw new ManagedIdentityError(`Managed identity: ${where} could not be reached: ${err instanceof Error ? err.message : String(err)}`);
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      const reason = errorMessage(body);
      const hint =
        response.status === 400 || response.status === 401 || response.status === 403
          ? ' Check that IDENTITY_HEADER is the value App Service set for this process and that MANAGED_IDENTITY_CLIENT_ID is the client id of a user-assigned identity assigned to this web app.'
          : '';
      throw new ManagedIdentityError(`Managed identity: ${where} refused the token request with HTTP ${response.status}${reason ? ` (${reason})` : ''}.${hint}`);
    }
    const parsed = tokenResponse.safeParse(body);
    if (!parsed.success) throw new ManagedIdentityError(`Managed identity: ${where} answered HTTP ${response.status} without an access_token and expires_on.`);
    held = { assertion: parsed.data.access_token, renewAfterMs: parsed.data.expires_on - RENEW_BEFORE_EXPIRY_MS };
    return parsed.data.access_token;
  };
  return {
    getAssertion: () => {
      if (held && now() < held.renewAfterMs) return Promise.resolve(held.assertion);
      asking ??= ask().finally(() => (asking = undefined));
      return asking;
    },
  };
}
