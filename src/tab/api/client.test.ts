import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { createApiClient, type FetchLike } from './client.js';

interface Call {
  url: string;
  init: RequestInit | undefined;
}

function fakeFetch(respond: (url: string) => Response): { fetch: FetchLike; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    fetch: async (url, init) => {
      calls.push({ url, init });
      return respond(url);
    },
  };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('createApiClient', () => {
  it('reads and validates the config', async () => {
    const { fetch, calls } = fakeFetch(() =>
      json(200, {
        mode: 'local',
        tenantId: 't',
        clientId: 'c',
        apiScope: 'api://localhost/c/access_as_user',
        authorityHost: 'https://127.0.0.1:5443',
      }),
    );
    const config = await createApiClient({ baseUrl: 'http://127.0.0.1:1/', fetch }).getConfig();
    expect(config.mode).toBe('local');
    expect(calls[0]?.url).toBe('http://127.0.0.1:1/api/config');
  });

  it('sends the bearer token to /api/me and accepts null optional fields', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { id: 'u1', displayName: 'Daniel Okafor', jobTitle: 'Designated Safeguarding Lead', mail: null }));
    const me = await createApiClient({ fetch }).getMe('tok');
    expect(me.displayName).toBe('Daniel Okafor');
    expect(new Headers(calls[0]?.init?.headers).get('Authorization')).toBe('Bearer tok');
  });

  it('posts the chosen user to the dev sign-in', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { accessToken: 'jwt', expiresOn: '2030-01-01T00:00:00Z' }));
    await createApiClient({ fetch }).devSignIn('u1');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(calls[0]?.init?.body).toBe(JSON.stringify({ userId: 'u1' }));
  });

  it("turns a 401 into an ApiError with the server's message", async () => {
    const { fetch } = fakeFetch(() => json(401, { error: 'invalid_token', message: 'Your sign-in has expired.' }));
    const error = await createApiClient({ fetch })
      .getMe('old')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'unauthorised', status: 401, message: 'Your sign-in has expired.' });
  });

  it('rejects a reply that breaks the contract', async () => {
    const { fetch } = fakeFetch(() => json(200, { users: [{ id: '', displayName: 'X' }] }));
    await expect(createApiClient({ fetch }).getDevUsers()).rejects.toMatchObject({ kind: 'invalid-response' });
  });

  it('copes with a non-JSON error page', async () => {
    const { fetch } = fakeFetch(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(createApiClient({ fetch }).getConfig()).rejects.toMatchObject({
      kind: 'server',
      message: 'The server had a problem. Try again in a moment.',
    });
  });

  it('reports an unreachable server in plain words', async () => {
    const fetch: FetchLike = () => Promise.reject(new TypeError('fetch failed'));
    await expect(createApiClient({ fetch }).getConfig()).rejects.toMatchObject({
      kind: 'network',
      message: expect.stringMatching(/could not reach its server/) as unknown,
    });
  });
});

describe('call', () => {
  it('sends JSON with the bearer token and validates the reply', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { ok: 'yes' }));
    const z = await import('zod/mini');
    const reply = await createApiClient({ fetch }).call('tok', 'PATCH', '/api/arrangements/a1', z.object({ ok: z.string() }), { durationMinutes: 90 });
    expect(reply).toEqual({ ok: 'yes' });
    expect(calls[0]?.init?.method).toBe('PATCH');
    expect(calls[0]?.init?.body).toBe('{"durationMinutes":90}');
    const headers = new Headers(calls[0]?.init?.headers);
    expect(headers.get('Authorization')).toBe('Bearer tok');
    expect(headers.get('Content-Type')).toBe('application/json');
  });

  it("carries the server's field issues on a 400", async () => {
    const { fetch } = fakeFetch(() =>
      json(400, {
        error: 'invalid_request',
        message: 'Hannah Whitcombe: A head of year may not supervise a deputy DSL.',
        field: 'supervisees[0].role',
        issues: [{ field: 'supervisees[0].role', message: 'Hannah Whitcombe: A head of year may not supervise a deputy DSL.' }],
      }),
    );
    const z = await import('zod/mini');
    const error = await createApiClient({ fetch })
      .call('tok', 'POST', '/api/arrangements', z.object({}), {})
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'rejected', status: 400, field: 'supervisees[0].role', code: 'invalid_request' });
    expect((error as ApiError).issues).toHaveLength(1);
  });
});
