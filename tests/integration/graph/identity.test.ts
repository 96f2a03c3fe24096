import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DSL_ID, LOCAL_CLIENT_ID } from '../../../tools/m365-emulator/src/index.js';
import { startEmulatorFixture, type EmulatorFixture } from './emulator-fixture.js';

describe('emulator identity (Entra-shaped)', () => {
  let f: EmulatorFixture;
  beforeEach(async () => {
    f = await startEmulatorFixture();
  });
  afterEach(async () => {
    await f.stop();
  });

  const metadata = async () => {
    const res = await f.fetch(`/${f.emulator.tenantId}/v2.0/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    return (await res.json()) as { issuer: string; jwks_uri: string; token_endpoint: string; authorization_endpoint: string };
  };
  const verifier = async () => {
    const meta = await metadata();
    const jwks = (await (await f.fetch(meta.jwks_uri)).json()) as JSONWebKeySet;
    return { meta, keys: createLocalJWKSet(jwks) };
  };

  it('publishes OpenID metadata and JWKS on Entra v2.0 paths', async () => {
    const meta = await metadata();
    const authority = `${f.emulator.authorityHost}/${f.emulator.tenantId}`;
    expect(meta.issuer).toBe(`${authority}/v2.0`);
    expect(meta.token_endpoint).toBe(`${authority}/oauth2/v2.0/token`);
    expect(meta.jwks_uri).toBe(`${authority}/discovery/v2.0/keys`);
    expect(meta.authorization_endpoint).toBe(`${authority}/oauth2/v2.0/authorize`);
    const jwks = (await (await f.fetch(meta.jwks_uri)).json()) as { keys: { kid: string; kty: string; alg: string }[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
  });

  it('issues app-only Graph tokens for the local client and rejects a wrong secret', async () => {
    const { meta, keys } = await verifier();
    const token = await f.appToken();
    const { payload } = await jwtVerify(token, keys, { issuer: meta.issuer, audience: 'https://graph.microsoft.com' });
    expect(payload).toMatchObject({ appid: LOCAL_CLIENT_ID, azp: LOCAL_CLIENT_ID, idtyp: 'app', tid: f.emulator.tenantId });
    expect(payload['roles']).toContain('Sites.Selected');

    const bad = await f.fetch(meta.token_endpoint, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: LOCAL_CLIENT_ID, client_secret: 'wrong', scope: 'https://graph.microsoft.com/.default' }),
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('mints dev user tokens with v2.0 claims, including already-expired ones', async () => {
    const { meta, keys } = await verifier();
    const token = await f.devToken(DSL_ID, 'api://safeguarding-local', { scopes: ['access_as_user'] });
    const { payload } = await jwtVerify(token, keys, { issuer: meta.issuer, audience: 'api://safeguarding-local' });
    expect(payload).toMatchObject({
      oid: DSL_ID,
      tid: f.emulator.tenantId,
      scp: 'access_as_user',
      ver: '2.0',
      name: 'Daniel Okafor',
      preferred_username: 'daniel.okafor@oakfield.example',
    });

    const expired = await f.devToken(DSL_ID, 'api://safeguarding-local', { expiresInSeconds: -60 });
    expect(decodeJwt(expired).exp).toBeLessThan(Date.now() / 1000);
    await expect(jwtVerify(expired, keys, { issuer: meta.issuer })).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' });
  });

  it('refuses a dev token for an unknown user with a reason', async () => {
    const res = await f.fetch('/_dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'nobody', audience: 'x' }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'unknown_user', field: 'userId' });
  });

  it('keeps its certificate, signing key and directory across restarts', async () => {
    const before = await verifier();
    const cert = f.emulator.caCertPem;
    const token = await f.appToken();
    await f.restart();
    expect(f.emulator.caCertPem).toBe(cert);
    const after = await verifier();
    await expect(jwtVerify(token, after.keys, { issuer: before.meta.issuer })).resolves.toBeTruthy();
  });
});
