import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, requireEntraCredential } from '../../../src/bot/config.js';

const MI = '11111111-2222-4333-8444-555555555555';
const identity = { MANAGED_IDENTITY_CLIENT_ID: MI, IDENTITY_ENDPOINT: 'http://127.0.0.1:41741/msi/token', IDENTITY_HEADER: 'header-value' };
const production = {
  NODE_ENV: 'production',
  TENANT_ID: 'tid',
  CLIENT_ID: 'cid',
  AUTH_AUDIENCE: 'cid',
  AUTH_APPLICATION_ID_URI: 'api://app.example/cid',
  SHAREPOINT_SITE_ID: 'contoso.example,1,2',
};

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
};

describe('the secretless credential setting', () => {
  it('production starts with a managed identity and no secret', () => {
    const config = loadConfig({ ...production, ...identity });
    expect(config.clientSecret).toBeUndefined();
    expect(config.managedIdentity).toEqual({ clientId: MI, endpoint: 'http://127.0.0.1:41741/msi/token', header: 'header-value' });
    expect(() => requireEntraCredential(config)).not.toThrow();
  });

  it('production without a managed identity is refused, saying what to set and that a secret is not the answer', () => {
    const problems = problemsOf(production);
    expect(problems.join('\n')).toMatch(/no Microsoft Entra credential: set MANAGED_IDENTITY_CLIENT_ID/);
    expect(problems.join('\n')).toMatch(/never signs in with a client secret \(CLIENT_SECRET\)/);
  });

  it('production refuses a client secret, alone or beside the managed identity', () => {
    expect(problemsOf({ ...production, CLIENT_SECRET: 's' }).join('\n')).toMatch(/CLIENT_SECRET must not be set in production/);
    expect(problemsOf({ ...production, ...identity, CLIENT_SECRET: 's' })).toEqual([expect.stringMatching(/CLIENT_SECRET must not be set in production/)]);
    expect(problemsOf({ ...production, ...identity, CLIENT_SECRET: '@Microsoft.KeyVault(VaultName=kv;SecretName=client-secret)' }).join('\n')).toMatch(/Key Vault reference/);
  });

  it('a managed identity without the endpoint App Service sets is refused', () => {
    expect(problemsOf({ ...production, MANAGED_IDENTITY_CLIENT_ID: MI }).join('\n')).toMatch(/IDENTITY_ENDPOINT and IDENTITY_HEADER are not/);
    expect(problemsOf({ ...production, ...identity, IDENTITY_HEADER: '' }).join('\n')).toMatch(/IDENTITY_ENDPOINT and IDENTITY_HEADER are not/);
  });

  it('the identity must be a client id and the endpoint a URL', () => {
    expect(problemsOf({ ...production, ...identity, MANAGED_IDENTITY_CLIENT_ID: 'id-safesup' }).join('\n')).toMatch(/MANAGED_IDENTITY_CLIENT_ID: must be the client id/);
    expect(problemsOf({ ...production, ...identity, IDENTITY_ENDPOINT: 'localhost:41741' }).join('\n')).toMatch(/IDENTITY_ENDPOINT/);
  });

  it('locally: a secret or a managed identity, not both; starting needs one of them', () => {
    const local = { TENANT_ID: 't', CLIENT_ID: 'c' };
    expect(loadConfig({ ...local, CLIENT_SECRET: 's' }).managedIdentity).toBeUndefined();
    expect(loadConfig({ ...local, ...identity }).managedIdentity?.clientId).toBe(MI);
    expect(problemsOf({ ...local, ...identity, CLIENT_SECRET: 's' })).toEqual(['set CLIENT_SECRET or MANAGED_IDENTITY_CLIENT_ID, not both']);
    expect(() => requireEntraCredential(loadConfig(local))).toThrowError(ConfigError);
    expect(() => requireEntraCredential(loadConfig(local))).toThrowError(/MANAGED_IDENTITY_CLIENT_ID .* or, with the local emulator, CLIENT_SECRET/);
  });
});
