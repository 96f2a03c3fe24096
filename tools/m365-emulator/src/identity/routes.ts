import { createHash } from 'node:crypto';
import { z } from 'zod';
import { GRAPH_AUDIENCE, TOKEN_LIFETIME_SECONDS } from '../config.js';
import type { EmulatorContext } from '../context.js';
import type { Router } from '../http/router.js';
import { json, type EmuResponse } from '../http/types.js';
import { signToken } from './issuer.js';
import { checkFederatedAssertion, JWT_BEARER_ASSERTION_TYPE, registerManagedIdentityRoutes, tokenRequestLog } from './managed-identity.js';

/** The Bot Framework's resource: the Teams SDK asks for `${BOT_FRAMEWORK_AUDIENCE}/.default` to send activities. */
export const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';

/** Entra's OAuth error body: https://learn.microsoft.com/entra/identity-platform/reference-error-codes */
const oauthError = (status: number, error: string, code: number, description: string): EmuResponse =>
  json(status, {
    error,
    error_description: `AADSTS${code}: ${description}`,
    error_codes: [code],
    timestamp: new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z',
    trace_id: crypto.randomUUID(),
    correlation_id: crypto.randomUUID(),
  });

const clientCredentialsBody = z.object({
  grant_type: z.string(),
  client_id: z.string().min(1),
  client_secret: z.string().optional(),
  client_assertion_type: z.string().optional(),
  client_assertion: z.string().optional(),
  scope: z.string().min(1),
});

const devTokenBody = z.object({
  userId: z.string().min(1),
  audience: z.string().min(1),
  scopes: z.array(z.string().min(1)).optional(),
  expiresInSeconds: z.number().int().min(-86_400).max(86_400).optional(),
});

export function registerIdentityRoutes(router: Router, ctx: EmulatorContext): void {
  const base = (tenant: string) => `${ctx.origin}${tenant}`;
  const unknownTenant = (tenant: string) => oauthError(400, 'invalid_tenant', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID.`);

  router.add('GET', '/:tenant/v2.0/.well-known/openid-configuration', (_req, { tenant = '' }) => {
    if (tenant !== ctx.issuer.tenantId) return unknownTenant(tenant);
    return json(200, {
      issuer: ctx.issuer.issuer,
      authorization_endpoint: `${base(tenant)}/oauth2/v2.0/authorize`,
      token_endpoint: `${base(tenant)}/oauth2/v2.0/token`,
      jwks_uri: `${base(tenant)}/discovery/v2.0/keys`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic', 'private_key_jwt'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'name', 'oid', 'preferred_username', 'tid', 'ver'],
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
    });
  });

  router.add('GET', '/:tenant/discovery/v2.0/keys', (_req, { tenant = '' }) => {
    if (tenant !== ctx.issuer.tenantId) return unknownTenant(tenant);
    return json(200, { keys: [{ ...ctx.issuer.key.publicJwk, issuer: ctx.issuer.issuer }] });
  });

  router.add('GET', '/:tenant/oauth2/v2.0/authorize', () =>
    oauthError(400, 'unsupported_response_type', 70000, 'Interactive sign-in is not available in the local emulator; use POST /_dev/token.'),
  );

  router.add('POST', '/:tenant/oauth2/v2.0/token', async (req, { tenant = '' }) => {
    if (tenant !== ctx.issuer.tenantId) return unknownTenant(tenant);
    const parsed = clientCredentialsBody.safeParse(withBasicAuth(req.body, req.headers['authorization']));
    if (!parsed.success) return oauthError(400, 'invalid_request', 900144, "The request body must contain the parameters 'grant_type', 'client_id' and 'scope'.");
    const body = parsed.data;
    if (body.grant_type !== 'client_credentials') {
      return oauthError(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type; the local emulator supports client_credentials.');
    }
    const app = ctx.apps.find((a) => a.clientId === body.client_id);
    const requests = tokenRequestLog(ctx);
    const usesAssertion = body.client_assertion !== undefined || body.client_assertion_type !== undefined;
    if (usesAssertion) {
      // Workload identity federation: a signed assertion (the managed identity's token) instead of a secret.
      const refuse = (status: number, error: string, code: number, description: string) => {
        requests.refused++;
        return oauthError(status, error, code, description);
      };
      if (body.client_secret !== undefined) return refuse(400, 'invalid_request', 90014, "The request must contain 'client_secret' or 'client_assertion', not both.");
      if (body.client_assertion_type !== JWT_BEARER_ASSERTION_TYPE) {
        return refuse(400, 'invalid_request', 90014, `The client_assertion_type must be '${JWT_BEARER_ASSERTION_TYPE}'.`);
      }
      if (!body.client_assertion) return refuse(400, 'invalid_request', 90014, "The request body must contain the following parameter: 'client_assertion'.");
      if (!app) {
        return refuse(400, 'unauthorized_client', 700016, `Application with identifier '${body.client_id}' was not found in the directory '${ctx.issuer.tenantId}'.`);
      }
      const checked = await checkFederatedAssertion(ctx, app.clientId, body.client_assertion);
      if (!checked.ok) return refuse(401, 'invalid_client', checked.code, checked.description);
      requests.clientAssertion++;
    } else if (!app || app.clientSecret !== body.client_secret) {
      requests.refused++;
      return oauthError(
        401,
        'invalid_client',
        7000215,
        'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
      );
    }
    if (!usesAssertion) requests.clientSecret++;
    const scopes = body.scope.split(' ').filter(Boolean);
    if (scopes.length === 1 && scopes[0] === `${BOT_FRAMEWORK_AUDIENCE}/.default`) {
      // A Bot Framework token: what the bot presents to the Bot Connector (no Graph roles).
      const access_token = await signToken(
        ctx.issuer,
        {
          aud: BOT_FRAMEWORK_AUDIENCE,
          sub: servicePrincipalId(app.clientId),
          oid: servicePrincipalId(app.clientId),
          appid: app.clientId,
          azp: app.clientId,
          idtyp: 'app',
          ver: '2.0',
        },
        TOKEN_LIFETIME_SECONDS,
      );
      return json(200, { token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS, ext_expires_in: TOKEN_LIFETIME_SECONDS, access_token });
    }
    if (scopes.length !== 1 || !isGraphDefaultScope(scopes[0] as string)) {
      return oauthError(
        400,
        'invalid_scope',
        1002012,
        `The provided value for scope ${body.scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      );
    }
    const access_token = await signToken(
      ctx.issuer,
      {
        aud: GRAPH_AUDIENCE,
        sub: servicePrincipalId(app.clientId),
        oid: servicePrincipalId(app.clientId),
        appid: app.clientId,
        azp: app.clientId,
        app_displayname: app.displayName,
        idtyp: 'app',
        roles: [...app.roles],
        ver: '2.0',
      },
      TOKEN_LIFETIME_SECONDS,
    );
    return json(200, { token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS, ext_expires_in: TOKEN_LIFETIME_SECONDS, access_token });
  });

  registerManagedIdentityRoutes(router, ctx);

  router.add('POST', '/_dev/token', async (req) => {
    const parsed = devTokenBody.safeParse(req.body);
    if (!parsed.success) {
      return json(400, { error: 'invalid_request', field: parsed.error.issues[0]?.path.join('.') ?? '', message: 'Send JSON { userId, audience, scopes?, expiresInSeconds? }.' });
    }
    const { userId, audience, scopes, expiresInSeconds = TOKEN_LIFETIME_SECONDS } = parsed.data;
    const user = ctx.state.users.get(userId);
    if (!user) return json(400, { error: 'unknown_user', field: 'userId', message: `No user with id ${userId} in the emulator's directory; use one of the demo school's users.` });
    const scp = (scopes ?? (isGraphAudience(audience) ? ['User.Read'] : ['access_as_user'])).join(' ');
    const clientId = ctx.apps[0]?.clientId ?? '';
    const access_token = await signToken(
      ctx.issuer,
      {
        aud: audience,
        oid: user.id,
        sub: pairwiseSubject(user.id, clientId),
        name: user.displayName,
        preferred_username: user.userPrincipalName,
        scp,
        // Entra puts the user's app role assignments for the API in `roles` (only when there are any).
        ...(user.appRoles?.length && !isGraphAudience(audience) ? { roles: [...user.appRoles] } : {}),
        azp: clientId,
        appid: clientId,
        ver: '2.0',
      },
      expiresInSeconds,
    );
    return json(200, { access_token, token_type: 'Bearer', expires_in: expiresInSeconds });
  });
}

export function isGraphAudience(aud: string): boolean {
  return aud === GRAPH_AUDIENCE || aud === `${GRAPH_AUDIENCE}/` || aud === '00000003-0000-0000-c000-000000000000';
}

function isGraphDefaultScope(scope: string): boolean {
  return scope === `${GRAPH_AUDIENCE}/.default` || scope === '00000003-0000-0000-c000-000000000000/.default';
}

/** client_secret_basic: credentials in the Authorization header instead of the form. */
function withBasicAuth(body: unknown, authorization: string | undefined): unknown {
  if (!authorization?.startsWith('Basic ') || typeof body !== 'object' || body === null) return body;
  const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return body;
  return { ...body, client_id: decodeURIComponent(decoded.slice(0, colon)), client_secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

const uuidFrom = (seed: string) => {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const servicePrincipalId = (clientId: string) => uuidFrom(`sp:${clientId}`);
/** Entra's `sub` is pairwise per app; stable here for the same (user, app). */
const pairwiseSubject = (userId: string, clientId: string) => createHash('sha256').update(`${userId}:${clientId}`).digest('base64url').slice(0, 43);
