import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrustedFetch, type FetchLike } from '../../../src/bot/net/trusted-fetch.js';
import { SignJWT, generateKeyPair } from 'jose';
import { startStack, type RunningStack } from '../../support/start-stack.js';
import { DSL_ID } from '../../../tools/m365-emulator/src/index.js';
import { ensureTabBuilt } from '../../../scripts/build-tab.js';

let stack: RunningStack;

async function devToken(body: Record<string, unknown>): Promise<string> {
  const res = await emulatorFetch(`${stack.emulator.url}_dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

const me = (token?: string) => fetch(`${stack.serverUrl}/api/me`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

let emulatorFetch: FetchLike;

beforeAll(async () => {
  await ensureTabBuilt();
  stack = await startStack();
  emulatorFetch = createTrustedFetch(stack.emulator.caCertPem);
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('GET /api/health', () => {
  it('answers 200', async () => {
    const res = await fetch(`${stack.serverUrl}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('keeps an idle connection open longer than the front end does (4 minutes), so it never closes one the front end reuses', async () => {
    const res = await fetch(`${stack.serverUrl}/api/health`);
    await res.arrayBuffer();
    const timeout = Number(/timeout=(\d+)/.exec(res.headers.get('keep-alive') ?? '')?.[1]);
    expect(timeout).toBeGreaterThan(240);
  });
});

describe('GET /api/me', () => {
  const audience = () => stack.app.config.auth.audience;

  it('returns the signed-in user from the directory for a valid dev token', async () => {
    const token = await devToken({ userId: DSL_ID, audience: audience(), scopes: ['access_as_user'] });
    const res = await me(token);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: DSL_ID, displayName: 'Daniel Okafor', jobTitle: 'Designated Safeguarding Lead' });
  });

  it('401 with a JSON reason when there is no token', async () => {
    const res = await me();
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'missing_token' });
  });

  it('401 for an expired token', async () => {
    const token = await devToken({ userId: DSL_ID, audience: audience(), scopes: ['access_as_user'], expiresInSeconds: -600 });
    const res = await me(token);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'token_expired' });
  });

  it('401 for a token issued to another audience', async () => {
    const token = await devToken({ userId: DSL_ID, audience: 'api://some-other-app', scopes: ['access_as_user'] });
    const res = await me(token);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'wrong_audience' });
  });

  it('401 for a token signed by another key under the real key id', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    // Reuse the emulator's published key id, so the signature check itself must reject it.
    const jwks = (await (await emulatorFetch(stack.app.config.auth.jwksUri)).json()) as { keys: Array<{ kid: string }> };
    const kid = jwks.keys[0]?.kid as string;
    const token = await new SignJWT({ oid: DSL_ID, tid: stack.emulator.tenantId, scp: 'access_as_user', ver: '2.0' })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(stack.app.config.auth.issuer)
      .setAudience(audience())
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
    const res = await me(token);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'bad_signature' });
  });

  it('401 when the token lacks the API scope', async () => {
    const token = await devToken({ userId: DSL_ID, audience: audience(), scopes: [] });
    const res = await me(token);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'missing_scope' });
  });
});

describe('bad input', () => {
  it('malformed JSON gets a 400 with a reason, not a stack trace', async () => {
    const res = await fetch(`${stack.serverUrl}/api/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"userId":' });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ error: 'invalid_json' });
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts/);
  });

  it('a sign-in for a non-GUID user id names the field', async () => {
    const res = await fetch(`${stack.serverUrl}/api/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"userId":"nobody"}' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request', field: 'userId' });
  });

  it('an address that does not decode is a 400 that says so (not a complaint about JSON)', async () => {
    const res = await fetch(`${stack.serverUrl}/api/sessions/%E0%A4%A`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_address', message: 'The address is not valid: part of it is wrongly encoded.' });
  });

  it('an unknown API route is a JSON 404', async () => {
    const res = await fetch(`${stack.serverUrl}/api/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });
});

describe('dev sign-in (local emulator only)', () => {
  it('lists the demo school and mints a token /api/me accepts', async () => {
    const users = (await (await fetch(`${stack.serverUrl}/api/dev/users`)).json()) as { users: Array<{ id: string; displayName: string }> };
    expect(users.users.map((u) => u.displayName)).toContain('Daniel Okafor');
    const signIn = await fetch(`${stack.serverUrl}/api/dev/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: DSL_ID }),
    });
    expect(signIn.status).toBe(200);
    const { accessToken } = (await signIn.json()) as { accessToken: string };
    const res = await me(accessToken);
    expect(res.status).toBe(200);
    expect((await res.json()).displayName).toBe('Daniel Okafor');
  });
});

describe('serving the tab', () => {
  it('serves index.html for app routes without caching it, and JSON 404s under /api', async () => {
    const page = await fetch(`${stack.serverUrl}/some/tab/route`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('<div id="root"');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'self' https://teams.microsoft.com");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("object-src 'none'");
  });

  it("lets only the Outlook add-in's pages load Office.js from Microsoft's CDN", async () => {
    const pane = await fetch(`${stack.serverUrl}/addin/pane.html`);
    expect(pane.headers.get('content-security-policy') ?? '').toContain("script-src 'self' https://appsforoffice.microsoft.com;");
    const tab = await fetch(`${stack.serverUrl}/`);
    expect(tab.headers.get('content-security-policy') ?? '').not.toContain('appsforoffice');
  });

  it('serves the privacy notice and terms of use the app manifest links to', async () => {
    const privacy = await fetch(`${stack.serverUrl}/privacy`);
    expect(privacy.status).toBe(200);
    expect(await privacy.text()).toContain('data controller');
    const terms = await fetch(`${stack.serverUrl}/terms`);
    expect(await terms.text()).toContain('Terms of use');
  });

  it('a missing asset is a JSON 404, not the app page', async () => {
    const res = await fetch(`${stack.serverUrl}/assets/does-not-exist.js`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });
});
