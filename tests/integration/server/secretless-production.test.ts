import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DSL_ID, LOCAL_CLIENT_ID, startEmulator, type RunningEmulator } from '../../../tools/m365-emulator/src/index.js';
import { startFromEnv, type StartedApp } from '../../../src/bot/compose.js';
import { ConfigError, loadConfig } from '../../../src/bot/config.js';
import { createLogger } from '../../../src/bot/logger.js';
import { createTrustedFetch, type FetchLike } from '../../../src/bot/net/trusted-fetch.js';
import { createTeamsApp } from '../../../src/bot/teams/create-teams-app.js';
import { productionEnv } from '../../support/production-env.js';
import type { UseCases } from '../../../src/bot/use-cases.js';

/**
 * The production credential path, end to end against the emulator: NODE_ENV=production, no
 * CLIENT_SECRET, MANAGED_IDENTITY_CLIENT_ID plus the IDENTITY_ENDPOINT / IDENTITY_HEADER that App
 * Service would set. The server gets the identity's token for api://AzureADTokenExchange and presents
 * it to the token endpoint as its client assertion, for Graph and for the Bot Framework.
 */

let dir: string;
let emulator: RunningEmulator;
let env: Record<string, string>;
let emulatorFetch: FetchLike;
const silent = createLogger('silent');

interface TokenRequests {
  clientSecret: number;
  clientAssertion: number;
  refused: number;
}
const tokenRequests = async (): Promise<TokenRequests> => (await (await emulatorFetch(`${emulator.url}_emulator/identity/token-requests`)).json()) as TokenRequests;
let before: TokenRequests;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'secretless-'));
  emulator = await startEmulator({ dataDir: path.join(dir, 'emulator') });
  const caFile = path.join(dir, 'ca.pem');
  await writeFile(caFile, emulator.caCertPem);
  emulatorFetch = createTrustedFetch(emulator.caCertPem);
  env = productionEnv(emulator, caFile, dir);
}, 60_000);
afterAll(async () => {
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  before = await tokenRequests();
});

describe('production with a managed identity and no client secret', () => {
  it('starts, provisions the record store and answers Graph-backed requests through the federated credential', async () => {
    expect(env['CLIENT_SECRET']).toBeUndefined();
    let app: StartedApp | undefined;
    try {
      app = await startFromEnv(env, silent);
      expect(app.config.mode).toBe('production');
      expect(app.config.clientSecret).toBeUndefined();
      expect(app.store).toBeDefined();
      expect((await fetch(`${app.url}/api/health`)).status).toBe(200);

      // A signed-in member of staff: the server looks them up in Graph with its app-only token.
      const tokenRes = await emulatorFetch(`${emulator.url}_dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: DSL_ID, audience: LOCAL_CLIENT_ID, scopes: ['access_as_user'] }),
      });
      const { access_token } = (await tokenRes.json()) as { access_token: string };
      const me = await fetch(`${app.url}/api/me`, { headers: { authorization: `Bearer ${access_token}` } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ id: DSL_ID, displayName: 'Daniel Okafor' });

      // The emulator's token endpoint saw client assertions and never a secret.
      const after = await tokenRequests();
      expect(after.clientAssertion - before.clientAssertion).toBeGreaterThanOrEqual(1);
      expect(after.clientSecret - before.clientSecret).toBe(0);
      expect(after.refused - before.refused).toBe(0);
    } finally {
      await app?.close();
    }
  });

  it("the bot's Bot Framework token comes from the same federated credential (the Teams SDK's token factory)", async () => {
    const config = loadConfig(env);
    const teams = createTeamsApp(config, express(), silent, {} as unknown as UseCases);
    // The SDK holds a token factory, not a secret.
    expect(teams.credentials).toMatchObject({ clientId: LOCAL_CLIENT_ID, tenantId: emulator.tenantId });
    expect(teams.credentials && 'token' in teams.credentials).toBe(true);
    expect(teams.credentials && 'clientSecret' in teams.credentials).toBe(false);

    const token = await teams.tokenProvider.getAppToken();
    expect(token).not.toBeNull();
    expect(decodeJwt(String(token))).toMatchObject({ aud: 'https://api.botframework.com', appid: LOCAL_CLIENT_ID, idtyp: 'app' });
    // Held: asking again goes to no token endpoint.
    await teams.tokenProvider.getAppToken();
    const after = await tokenRequests();
    expect(after.clientAssertion - before.clientAssertion).toBe(1);
    expect(after.clientSecret - before.clientSecret).toBe(0);
  });

  it('a wrong X-IDENTITY-HEADER stops start-up with a clear message', async () => {
    const started = startFromEnv({ ...env, IDENTITY_HEADER: 'not-the-header-app-service-set' }, silent);
    await expect(started).rejects.toThrow(/managed-identity endpoint .* refused the token request with HTTP 401/);
    await expect(started).rejects.toThrow(/IDENTITY_HEADER/);
    expect((await tokenRequests()).clientAssertion).toBe(before.clientAssertion);
  });

  it('an identity not assigned to the web app stops start-up with the endpoint’s reason', async () => {
    // An identity the web app does not have: the endpoint refuses it.
    await expect(startFromEnv({ ...env, MANAGED_IDENTITY_CLIENT_ID: '99999999-0000-4000-8000-000000000000' }, silent)).rejects.toThrow(
      /HTTP 400.*No user-assigned managed identity/,
    );
  });
});

describe('production refuses a configuration that would need a secret', () => {
  it('no managed identity and no secret: refused, naming MANAGED_IDENTITY_CLIENT_ID', async () => {
    const { MANAGED_IDENTITY_CLIENT_ID: _mi, IDENTITY_ENDPOINT: _endpoint, IDENTITY_HEADER: _header, ...withoutIdentity } = env;
    const started = startFromEnv(withoutIdentity, silent);
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toThrow(/no Microsoft Entra credential: set MANAGED_IDENTITY_CLIENT_ID/);
  });

  it('a client secret instead of the managed identity: refused', async () => {
    const { MANAGED_IDENTITY_CLIENT_ID: _mi, ...withoutIdentity } = env;
    const withSecret = { ...withoutIdentity, CLIENT_SECRET: 'local-dev-secret-not-for-production' };
    const started = startFromEnv(withSecret, silent);
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toThrow(/CLIENT_SECRET must not be set in production/);
  });
});
