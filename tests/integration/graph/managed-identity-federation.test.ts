import { createLocalJWKSet, generateKeyPair, jwtVerify, SignJWT, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CLIENT_ID, LOCAL_MANAGED_IDENTITY, TOKEN_EXCHANGE_AUDIENCE } from '../../../tools/m365-emulator/src/index.js';
import { createGraphClient } from '../../../src/bot/graph/graph-client.js';
import { createGraphDirectory } from '../../../src/bot/graph/directory.js';
import { createManagedIdentityAssertion } from '../../../src/bot/auth/managed-identity.js';
import { createTrustedFetch } from '../../../src/bot/net/trusted-fetch.js';
import { startEmulatorFixture, type EmulatorFixture } from './emulator-fixture.js';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

describe('emulator: App Service managed-identity endpoint and federated client assertions', () => {
  let f: EmulatorFixture;
  beforeAll(async () => {
    f = await startEmulatorFixture();
  });
  afterAll(async () => {
    await f.stop();
  });

  const mi = () => f.emulator.managedIdentity;
  /** header: null sends none. */
  const identityRequest = (query: Record<string, string>, header: string | null = mi().header) =>
    f.fetch(`${mi().endpoint}?${new URLSearchParams(query)}`, { headers: header === null ? {} : { 'X-IDENTITY-HEADER': header } });
  const exchangeQuery = () => ({ 'api-version': '2019-08-01', resource: TOKEN_EXCHANGE_AUDIENCE, client_id: mi().clientId });
  const identityToken = async (): Promise<string> => {
    const res = await identityRequest(exchangeQuery());
    expect(res.status).toBe(200);
    return ((await res.json()) as { access_token: string }).access_token;
  };
  const minted = async (body: Record<string, unknown>): Promise<string> => {
    const res = await f.fetch('/_emulator/managed-identity/assertion', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { assertion: string }).assertion;
  };
  const tokenWithAssertion = (assertion: string, extra: Record<string, string> = {}) =>
    f.fetch(`/${f.emulator.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: LOCAL_CLIENT_ID,
        client_assertion_type: JWT_BEARER,
        client_assertion: assertion,
        scope: 'https://graph.microsoft.com/.default',
        ...extra,
      }),
    });
  const refusal = async (res: Response) => {
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: string; error_codes: number[]; error_description: string };
    expect(body.error).toBe('invalid_client');
    return body;
  };

  it('issues the identity a token for api://AzureADTokenExchange, in App Service’s 2019-08-01 shape, signed by the emulator', async () => {
    const res = await identityRequest(exchangeQuery());
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['access_token', 'client_id', 'expires_on', 'resource', 'token_type']);
    expect(body).toMatchObject({ resource: TOKEN_EXCHANGE_AUDIENCE, token_type: 'Bearer', client_id: LOCAL_MANAGED_IDENTITY.clientId });
    expect(Number(body['expires_on'])).toBeGreaterThan(Date.now() / 1000);
    const meta = (await (await f.fetch(`/${f.emulator.tenantId}/v2.0/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
    const jwks = (await (await f.fetch(meta.jwks_uri)).json()) as JSONWebKeySet;
    const { payload } = await jwtVerify(body['access_token'] as string, createLocalJWKSet(jwks), { issuer: meta.issuer, audience: TOKEN_EXCHANGE_AUDIENCE });
    expect(payload).toMatchObject({ sub: LOCAL_MANAGED_IDENTITY.principalId, oid: LOCAL_MANAGED_IDENTITY.principalId, appid: LOCAL_MANAGED_IDENTITY.clientId });
  });

  it('refuses a missing (400) or wrong (401) X-IDENTITY-HEADER, a wrong api-version and an identity the app does not have', async () => {
    expect((await identityRequest(exchangeQuery(), null)).status).toBe(400);
    const wrong = await identityRequest(exchangeQuery(), 'guessed');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ statusCode: 401, message: expect.stringMatching(/X-IDENTITY-HEADER/) });
    expect((await identityRequest({ ...exchangeQuery(), 'api-version': '2017-09-01' })).status).toBe(400);
    expect((await identityRequest({ ...exchangeQuery(), client_id: '99999999-0000-4000-8000-000000000000' })).status).toBe(400);
    const { client_id: _c, ...systemAssigned } = exchangeQuery();
    expect((await identityRequest(systemAssigned)).status).toBe(400);
  });

  it('accepts the identity token as the local app’s client assertion and issues a Graph token for the app', async () => {
    const res = await tokenWithAssertion(await identityToken());
    expect(res.status).toBe(200);
    const { access_token } = (await res.json()) as { access_token: string };
    const { payload } = await jwtVerify(access_token, createLocalJWKSet((await (await f.fetch(`/${f.emulator.tenantId}/discovery/v2.0/keys`)).json()) as JSONWebKeySet));
    expect(payload).toMatchObject({ aud: 'https://graph.microsoft.com', appid: LOCAL_CLIENT_ID, idtyp: 'app' });
    expect(payload['roles']).toContain('Sites.Selected');
  });

  it('refuses an expired assertion (AADSTS700024)', async () => {
    const body = await refusal(await tokenWithAssertion(await minted({ expiresInSeconds: -120 })));
    expect(body.error_codes).toEqual([700024]);
    expect(body.error_description).toMatch(/^AADSTS700024: Client assertion is not within its valid time range/);
  });

  it('refuses an assertion whose subject, audience or issuer no federated credential names (AADSTS700213, 700212, 700211)', async () => {
    expect((await refusal(await tokenWithAssertion(await minted({ subject: '00000000-0000-4000-8000-00000000dead' })))).error_codes).toEqual([700213]);
    expect((await refusal(await tokenWithAssertion(await minted({ audience: 'api://something-else' })))).error_codes).toEqual([700212]);
    const { privateKey } = await generateKeyPair('RS256');
    const foreign = await new SignJWT({ sub: LOCAL_MANAGED_IDENTITY.principalId })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer('https://issuer.example/v2.0')
      .setAudience(TOKEN_EXCHANGE_AUDIENCE)
      .setExpirationTime('10m')
      .sign(privateKey);
    expect((await refusal(await tokenWithAssertion(foreign))).error_codes).toEqual([700211]);
  });

  it('refuses an unsigned or forged assertion that names the right issuer, subject and audience (AADSTS700027)', async () => {
    const genuine = await identityToken();
    const [header, payload] = genuine.split('.') as [string, string, string];
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    expect((await refusal(await tokenWithAssertion(unsigned))).error_codes).toEqual([700027]);
    const { privateKey } = await generateKeyPair('RS256');
    const forged = `${header}.${payload}.${(await new SignJWT({}).setProtectedHeader({ alg: 'RS256' }).sign(privateKey)).split('.')[2]}`;
    expect((await refusal(await tokenWithAssertion(forged))).error_codes).toEqual([700027]);
    expect((await refusal(await tokenWithAssertion('not-a-jwt'))).error_codes).toEqual([50027]);
  });

  it('refuses a wrong assertion type, or an assertion and a secret together', async () => {
    const assertion = await identityToken();
    expect((await tokenWithAssertion(assertion, { client_assertion_type: 'urn:example:other' })).status).toBe(400);
    expect((await tokenWithAssertion(assertion, { client_secret: 'local-dev-secret-not-for-production' })).status).toBe(400);
  });

  it('issues Bot Framework tokens to the federated app as well', async () => {
    const res = await tokenWithAssertion(await identityToken(), { scope: 'https://api.botframework.com/.default' });
    expect(res.status).toBe(200);
    const { access_token } = (await res.json()) as { access_token: string };
    const { payload } = await jwtVerify(access_token, createLocalJWKSet((await (await f.fetch(`/${f.emulator.tenantId}/discovery/v2.0/keys`)).json()) as JSONWebKeySet));
    expect(payload).toMatchObject({ aud: 'https://api.botframework.com', appid: LOCAL_CLIENT_ID });
  });

  it('the production Graph client reads the directory with the federated credential and no secret', async () => {
    const assertion = createManagedIdentityAssertion(
      { clientId: mi().clientId, endpoint: mi().endpoint, header: mi().header },
      { fetch: createTrustedFetch(f.emulator.caCertPem) },
    );
    const { clientSecret: _secret, ...withoutSecret } = f.connection;
    const directory = createGraphDirectory(createGraphClient({ ...withoutSecret, clientAssertion: () => assertion.getAssertion() }));
    expect((await directory.listUsers()).length).toBeGreaterThan(0);
    const log = (await (await f.fetch('/_emulator/identity/token-requests')).json()) as { clientSecret: number; clientAssertion: number };
    expect(log.clientAssertion).toBeGreaterThanOrEqual(1);
  });
});
