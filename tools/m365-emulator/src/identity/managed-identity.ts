import { timingSafeEqual } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import { LOCAL_CLIENT_ID } from '../config.js';
import type { EmulatorContext } from '../context.js';
import type { Router } from '../http/router.js';
import { json, type EmuResponse } from '../http/types.js';
import { signToken } from './issuer.js';

/**
 * The App Service managed-identity endpoint (IDENTITY_ENDPOINT / IDENTITY_HEADER, api-version
 * 2019-08-01) and workload identity federation ("managed identity as a federated identity
 * credential"): the identity's token for api://AzureADTokenExchange is accepted at the token
 * endpoint as a client assertion for an app registration that trusts it.
 */

export const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';
export const MANAGED_IDENTITY_API_VERSION = '2019-08-01';
export const MANAGED_IDENTITY_PATH = '/msi/token';
export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Entra's managed-identity tokens live about a day. */
export const MANAGED_IDENTITY_TOKEN_LIFETIME_SECONDS = 86_400;

export interface ManagedIdentityRecord {
  /** Client (application) id: what MANAGED_IDENTITY_CLIENT_ID names. */
  clientId: string;
  /** Object (principal) id: the `sub` of its tokens, and the federated credential's subject. */
  principalId: string;
  resourceId: string;
  displayName: string;
}

/** The user-assigned identity "assigned to" the local web app (the server run against the emulator). */
export const LOCAL_MANAGED_IDENTITY: ManagedIdentityRecord = {
  clientId: '5a7e9a3c-0000-4000-8000-00000000b001',
  principalId: '5a7e9a3c-0000-4000-8000-00000000b002',
  resourceId: '/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg-safesup-local/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-safesuplocal',
  displayName: 'id-safesuplocal',
};

export const MANAGED_IDENTITIES: readonly ManagedIdentityRecord[] = [LOCAL_MANAGED_IDENTITY];

export interface FederatedCredentialRecord {
  name: string;
  /** 'emulator' = this emulator's own issuer (`https://127.0.0.1:<port>/<tenant>/v2.0`), as Entra's is for a managed identity. */
  issuer: string;
  subject: string;
  audiences: readonly string[];
}

/** Federated identity credentials on each app registration (seeded: the local app trusts the local identity). */
export const FEDERATED_CREDENTIALS: Readonly<Record<string, readonly FederatedCredentialRecord[]>> = {
  [LOCAL_CLIENT_ID]: [{ name: 'safeguarding-web-app', issuer: 'emulator', subject: LOCAL_MANAGED_IDENTITY.principalId, audiences: [TOKEN_EXCHANGE_AUDIENCE] }],
};

/** How the token endpoint's clients authenticated, for tests that prove which path ran. */
export interface TokenRequestLog {
  clientSecret: number;
  clientAssertion: number;
  refused: number;
}
const logs = new WeakMap<EmulatorContext, TokenRequestLog>();
export function tokenRequestLog(ctx: EmulatorContext): TokenRequestLog {
  let log = logs.get(ctx);
  if (!log) {
    log = { clientSecret: 0, clientAssertion: 0, refused: 0 };
    logs.set(ctx, log);
  }
  return log;
}

/** The managed-identity endpoint's error body (App Service answers `{ statusCode, message, correlationId }`). */
const identityError = (status: number, message: string): EmuResponse => json(status, { statusCode: status, message, correlationId: crypto.randomUUID() });

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

async function identityToken(ctx: EmulatorContext, identity: ManagedIdentityRecord, resource: string, lifetimeSeconds: number, overrides: JWTPayload = {}): Promise<string> {
  return signToken(
    ctx.issuer,
    {
      aud: resource,
      sub: identity.principalId,
      oid: identity.principalId,
      appid: identity.clientId,
      azp: identity.clientId,
      idtyp: 'app',
      xms_mirid: identity.resourceId,
      ver: '2.0',
      ...overrides,
    },
    lifetimeSeconds,
  );
}

const assertionRequest = z.object({
  clientId: z.string().default(LOCAL_MANAGED_IDENTITY.clientId),
  audience: z.string().min(1).default(TOKEN_EXCHANGE_AUDIENCE),
  subject: z.string().min(1).optional(),
  expiresInSeconds: z.number().int().min(-86_400).max(86_400).default(3600),
});

export function registerManagedIdentityRoutes(router: Router, ctx: EmulatorContext): void {
  router.add('GET', MANAGED_IDENTITY_PATH, async (req) => {
    const header = req.headers['x-identity-header'];
    if (!header) return identityError(400, 'The X-IDENTITY-HEADER header is required: send the value of the IDENTITY_HEADER environment variable.');
    if (!sameSecret(header, ctx.identityHeader))
      return identityError(401, 'The X-IDENTITY-HEADER header does not match this process: send the value of the IDENTITY_HEADER environment variable.');
    const apiVersion = req.query.get('api-version');
    if (apiVersion !== MANAGED_IDENTITY_API_VERSION) return identityError(400, `api-version must be ${MANAGED_IDENTITY_API_VERSION}, not ${apiVersion ?? '(none)'}.`);
    const resource = req.query.get('resource');
    if (!resource) return identityError(400, 'The resource parameter is required.');
    const clientId = req.query.get('client_id');
    const principalId = req.query.get('principal_id') ?? req.query.get('object_id');
    const resourceId = req.query.get('mi_res_id');
    if (!clientId && !principalId && !resourceId) return identityError(400, 'This web app has no system-assigned managed identity: name a user-assigned one with client_id.');
    const identity = MANAGED_IDENTITIES.find(
      (m) => (clientId && m.clientId === clientId) || (principalId && m.principalId === principalId) || (resourceId && m.resourceId.toLowerCase() === resourceId.toLowerCase()),
    );
    if (!identity) return identityError(400, `No user-assigned managed identity ${clientId ?? principalId ?? resourceId} is assigned to this web app.`);
    const lifetime = MANAGED_IDENTITY_TOKEN_LIFETIME_SECONDS;
    const access_token = await identityToken(ctx, identity, resource, lifetime);
    return json(200, {
      access_token,
      expires_on: String(Math.floor(Date.now() / 1000) + lifetime),
      resource,
      token_type: 'Bearer',
      client_id: identity.clientId,
    });
  });

  // Emulator-only: an identity token with chosen lifetime, subject or audience, so tests can present expired or mismatched assertions.
  router.add('POST', '/_emulator/managed-identity/assertion', async (req) => {
    const parsed = assertionRequest.safeParse(req.body ?? {});
    if (!parsed.success)
      return json(400, { error: 'invalid_request', field: parsed.error.issues[0]?.path.join('.') ?? '', message: 'Send { clientId?, audience?, subject?, expiresInSeconds? }.' });
    const identity = MANAGED_IDENTITIES.find((m) => m.clientId === parsed.data.clientId);
    if (!identity) return json(400, { error: 'unknown_identity', field: 'clientId', message: `No managed identity ${parsed.data.clientId}.` });
    const overrides = parsed.data.subject ? { sub: parsed.data.subject, oid: parsed.data.subject } : {};
    return json(200, { assertion: await identityToken(ctx, identity, parsed.data.audience, parsed.data.expiresInSeconds, overrides) });
  });

  router.add('GET', '/_emulator/identity/token-requests', () => json(200, { ...tokenRequestLog(ctx) }));
}

export type AssertionCheck = { ok: true; credential: FederatedCredentialRecord } | { ok: false; code: number; description: string };

const matchHelp = 'Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.';

/**
 * Checks a client assertion as Entra does for workload identity federation: a JWT whose issuer,
 * subject and audience match a federated credential on the app, signed by that issuer and within
 * its lifetime. The emulator knows one issuer's keys: its own.
 */
export async function checkFederatedAssertion(ctx: EmulatorContext, clientId: string, assertion: string): Promise<AssertionCheck> {
  let claims: JWTPayload;
  let alg: string | undefined;
  try {
    claims = decodeJwt(assertion);
    alg = decodeProtectedHeader(assertion).alg;
  } catch {
    return { ok: false, code: 50027, description: 'JWT token is invalid or malformed.' };
  }
  const credentials = (FEDERATED_CREDENTIALS[clientId] ?? []).map((c) => ({ ...c, issuer: c.issuer === 'emulator' ? ctx.issuer.issuer : c.issuer }));
  const audiences = typeof claims.aud === 'string' ? [claims.aud] : (claims.aud ?? []);
  const byIssuer = credentials.filter((c) => c.issuer === claims.iss);
  if (byIssuer.length === 0)
    return { ok: false, code: 700211, description: `No matching federated identity record found for presented assertion issuer '${claims.iss ?? ''}'. ${matchHelp}` };
  const bySubject = byIssuer.filter((c) => c.subject === claims.sub);
  if (bySubject.length === 0)
    return { ok: false, code: 700213, description: `No matching federated identity record found for presented assertion subject '${claims.sub ?? ''}'. ${matchHelp}` };
  const credential = bySubject.find((c) => c.audiences.some((a) => audiences.includes(a)));
  if (!credential)
    return { ok: false, code: 700212, description: `No matching federated identity record found for presented assertion audience '${audiences.join(' ')}'. ${matchHelp}` };
  if (alg !== 'RS256' || credential.issuer !== ctx.issuer.issuer) return { ok: false, code: 700027, description: 'Client assertion failed signature validation.' };
  try {
    await jwtVerify(assertion, ctx.issuer.key.publicKey, { issuer: credential.issuer, audience: [...credential.audiences], algorithms: ['RS256'] });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_JWT_EXPIRED' || (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && (error as { claim?: string }).claim === 'nbf')) {
      const at = (s: number | undefined) => (s === undefined ? '?' : new Date(s * 1000).toISOString());
      return {
        ok: false,
        code: 700024,
        description: `Client assertion is not within its valid time range. Current time: ${new Date().toISOString()}, assertion valid from ${at(claims.nbf ?? claims.iat)}, expiry time of assertion ${at(claims.exp)}.`,
      };
    }
    return { ok: false, code: 700027, description: 'Client assertion failed signature validation.' };
  }
  return { ok: true, credential };
}
