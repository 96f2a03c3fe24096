import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/bot/config.js';

const production = {
  NODE_ENV: 'production',
  TENANT_ID: 'tid',
  CLIENT_ID: 'cid',
  // Production is secretless: the managed identity (and the endpoint App Service sets for it).
  MANAGED_IDENTITY_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
  IDENTITY_ENDPOINT: 'http://127.0.0.1:41741/msi/token',
  IDENTITY_HEADER: 'header',
  AUTH_AUDIENCE: 'cid',
  AUTH_APPLICATION_ID_URI: 'api://app.example/cid',
  SHAREPOINT_SITE_ID: 'contoso.example,1,2',
};

describe('loadConfig', () => {
  it('derives Entra v2.0 issuer and JWKS from the authority host and tenant', () => {
    const c = loadConfig(production);
    expect(c.mode).toBe('production');
    expect(c.auth.issuer).toBe('https://login.microsoftonline.com/tid/v2.0');
    expect(c.auth.jwksUri).toBe('https://login.microsoftonline.com/tid/discovery/v2.0/keys');
    expect(c.graph.baseUrl).toBe('https://graph.microsoft.com/');
    expect(c.bot.allowUnauthenticated).toBe(false);
  });

  it.each([
    ['DEV_SIGN_IN_URL', { DEV_SIGN_IN_URL: 'https://127.0.0.1:1/_dev/token' }],
    ['ALLOW_UNAUTHENTICATED_BOT', { ALLOW_UNAUTHENTICATED_BOT: 'true' }],
    ['DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS', { DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS: 'true' }],
  ])('refuses %s in production', (name, extra) => {
    expect(() => loadConfig({ ...production, ...extra })).toThrowError(new RegExp(name));
  });

  it('reports every problem at once', () => {
    try {
      loadConfig({ NODE_ENV: 'production' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems.join(' ')).toMatch(/TENANT_ID, CLIENT_ID, AUTH_AUDIENCE, AUTH_APPLICATION_ID_URI, SHAREPOINT_SITE_ID/);
      expect((err as ConfigError).problems.join(' ')).toMatch(/MANAGED_IDENTITY_CLIENT_ID/);
    }
  });

  it('rejects a non-https Graph base URL with the field named', () => {
    expect(() => loadConfig({ ...production, GRAPH_BASE_URL: 'http://graph.example' })).toThrowError(/GRAPH_BASE_URL/);
  });

  it('rejects a port that is not a number', () => {
    expect(() => loadConfig({ ...production, PORT: 'eighty' })).toThrowError(/PORT/);
  });
});

describe('local-only switches', () => {
  const local = { TENANT_ID: 't', CLIENT_ID: 'c' };

  it('refuses an unauthenticated bot on a non-loopback host even without NODE_ENV=production', () => {
    expect(() => loadConfig({ ...local, HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED_BOT: 'true' })).toThrowError(/HOST must be 127\.0\.0\.1/);
  });

  it('refuses dev sign-in against anything but a loopback emulator', () => {
    expect(() => loadConfig({ ...local, DEV_SIGN_IN_URL: 'https://login.example/_dev/token' })).toThrowError(/loopback/);
    expect(() => loadConfig({ ...local, DEV_SIGN_IN_URL: 'https://127.0.0.1:9/_dev/token' })).toThrowError(/AUTH_AUTHORITY_HOST/);
    expect(loadConfig({ ...local, DEV_SIGN_IN_URL: 'https://127.0.0.1:9/_dev/token', AUTH_AUTHORITY_HOST: 'https://127.0.0.1:9' }).devSignInUrl).toBeDefined();
  });
});

describe('production settings that look right but are not', () => {
  it('an Application ID URI must be api://', () => {
    expect(() => loadConfig({ ...production, AUTH_APPLICATION_ID_URI: 'https://app.example' })).toThrowError(/api:\/\//);
  });

  it("an older deployment's Key Vault reference to a client secret is refused: production is secretless", () => {
    expect(() => loadConfig({ ...production, CLIENT_SECRET: '@Microsoft.KeyVault(VaultName=kv;SecretName=s)' })).toThrowError(/CLIENT_SECRET must not be set in production/);
  });

  it('the safeguarding mailbox must be an email address', () => {
    expect(() => loadConfig({ ...production, SAFEGUARDING_MAILBOX: 'safeguarding' })).toThrowError(/SAFEGUARDING_MAILBOX/);
    expect(loadConfig({ ...production, SAFEGUARDING_MAILBOX: 'safeguarding@oakfield.example' }).safeguardingMailbox).toBe('safeguarding@oakfield.example');
  });
});
