import { describe, expect, it } from 'vitest';
import { createManagedIdentityAssertion, ManagedIdentityError, type ManagedIdentitySettings } from '../../../src/bot/auth/managed-identity.js';
import type { FetchLike } from '../../../src/bot/net/trusted-fetch.js';

const settings: ManagedIdentitySettings = {
  clientId: '11111111-2222-4333-8444-555555555555',
  endpoint: 'http://127.0.0.1:41741/msi/token',
  header: 'the-identity-header-value',
};

interface Call {
  url: URL;
  headers: Record<string, string>;
}

/** A stand-in for App Service's identity endpoint: answers each call with the next response. */
function fakeEndpoint(...responses: (() => Response)[]) {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url: new URL(url), headers: init?.headers ?? {} });
    const next = responses[Math.min(calls.length, responses.length) - 1];
    if (!next) throw new Error('no response');
    return next();
  };
  return { fetch, calls };
}

const tokenAt = (token: string, expiresOnSeconds: number) => () =>
  new Response(
    JSON.stringify({ access_token: token, expires_on: String(expiresOnSeconds), resource: 'api://AzureADTokenExchange', token_type: 'Bearer', client_id: settings.clientId }),
    {
      status: 200,
      headers: { 'content-type': 'application/json' },
    },
  );

describe('managed identity federated assertion (App Service identity endpoint)', () => {
  it('asks the endpoint for api://AzureADTokenExchange as the user-assigned identity, with X-IDENTITY-HEADER', async () => {
    const endpoint = fakeEndpoint(tokenAt('assertion-1', 2_000_000_000));
    const source = createManagedIdentityAssertion(settings, { fetch: endpoint.fetch, now: () => 1_000_000_000_000 });
    await expect(source.getAssertion()).resolves.toBe('assertion-1');
    const [call] = endpoint.calls;
    expect(call?.url.origin + call!.url.pathname).toBe('http://127.0.0.1:41741/msi/token');
    expect(Object.fromEntries(call!.url.searchParams)).toEqual({ 'api-version': '2019-08-01', resource: 'api://AzureADTokenExchange', client_id: settings.clientId });
    expect(call?.headers['X-IDENTITY-HEADER']).toBe(settings.header);
  });

  it('holds the assertion until five minutes before it expires, then asks again (once for concurrent callers)', async () => {
    let nowMs = 1_000_000_000_000;
    const expiresOn = nowMs / 1000 + 3600;
    const endpoint = fakeEndpoint(tokenAt('first', expiresOn), tokenAt('second', expiresOn + 3600));
    const source = createManagedIdentityAssertion(settings, { fetch: endpoint.fetch, now: () => nowMs });
    expect(await Promise.all([source.getAssertion(), source.getAssertion(), source.getAssertion()])).toEqual(['first', 'first', 'first']);
    nowMs += 54 * 60_000;
    expect(await source.getAssertion()).toBe('first');
    expect(endpoint.calls).toHaveLength(1);
    nowMs += 2 * 60_000;
    expect(await source.getAssertion()).toBe('second');
    expect(endpoint.calls).toHaveLength(2);
  });

  it('a refused request names the status, the reason and what to check, never the header value', async () => {
    const endpoint = fakeEndpoint(() => new Response(JSON.stringify({ statusCode: 401, message: 'The X-IDENTITY-HEADER header does not match.' }), { status: 401 }));
    const source = createManagedIdentityAssertion(settings, { fetch: endpoint.fetch });
    const error = await source.getAssertion().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ManagedIdentityError);
    const message = (error as Error).message;
    expect(message).toMatch(/HTTP 401/);
    expect(message).toMatch(/X-IDENTITY-HEADER header does not match/);
    expect(message).toMatch(/IDENTITY_HEADER/);
    expect(message).toMatch(/MANAGED_IDENTITY_CLIENT_ID/);
    expect(message).not.toContain(settings.header);
  });

  it('an unreachable endpoint says which one', async () => {
    const source = createManagedIdentityAssertion(settings, {
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    await expect(source.getAssertion()).rejects.toThrow(/IDENTITY_ENDPOINT http:\/\/127\.0\.0\.1:41741\/msi\/token\) could not be reached: fetch failed/);
  });

  it('an answer without a token is an error, and a failure is not held', async () => {
    const endpoint = fakeEndpoint(() => new Response('<html>proxy</html>', { status: 200 }), tokenAt('after-retry', 2_000_000_000));
    const source = createManagedIdentityAssertion(settings, { fetch: endpoint.fetch, now: () => 1_000_000_000_000 });
    await expect(source.getAssertion()).rejects.toThrow(/without an access_token/);
    await expect(source.getAssertion()).resolves.toBe('after-retry');
  });
});
