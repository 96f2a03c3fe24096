// Calls as the signed-in person: the token comes from the store (renewed there before it expires); a
// 401 renews it once and sends the request once more; a sign-in that cannot be renewed is reported in
// words that never tell someone with unsaved typing to close the app.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import type { AccessTokens } from '../auth/access-tokens.js';
import { ApiError } from './api-error.js';
import { authorisedApi, SIGN_IN_LAPSED } from './authorised.js';
import { createApiClient, type FetchLike } from './client.js';

const EXPIRED = { error: 'token_expired', message: 'Your sign-in has expired. Copy anything you have typed, then close the app and open it again.' };
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const okSchema = z.object({ ok: z.boolean() });

function setUp(tokens: AccessTokens, accepted: string) {
  const sent: { token: string | null; body: unknown }[] = [];
  const fetch: FetchLike = async (_url, init) => {
    const token = new Headers(init?.headers).get('Authorization')?.replace('Bearer ', '') ?? null;
    sent.push({ token, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    return token === accepted ? json(200, { ok: true }) : json(401, EXPIRED);
  };
  return { api: authorisedApi(createApiClient({ fetch }), tokens), sent };
}

describe('authorisedApi', () => {
  beforeAll(() => vi.spyOn(console, 'warn').mockImplementation(() => {}));

  it('asks the store for the token on every call', async () => {
    const current = vi.fn(async () => 'fresh');
    const { api, sent } = setUp({ current, renew: async () => 'fresh' }, 'fresh');
    await api.get('/api/a', okSchema);
    await api.get('/api/b', okSchema);
    expect(current).toHaveBeenCalledTimes(2);
    expect(sent.map((s) => s.token)).toEqual(['fresh', 'fresh']);
  });

  it('on a 401 renews the token once and sends the same request once more', async () => {
    const renew = vi.fn(async () => 'renewed');
    const { api, sent } = setUp({ current: async () => 'expired', renew }, 'renewed');
    await expect(api.send('PUT', '/api/records/r1/draft', { content: 'typing' }, okSchema)).resolves.toEqual({ ok: true });
    expect(renew).toHaveBeenCalledTimes(1);
    expect(sent).toEqual([
      { token: 'expired', body: { content: 'typing' } },
      { token: 'renewed', body: { content: 'typing' } },
    ]);
  });

  it('gives up after one retry, in words that keep the typing', async () => {
    const renew = vi.fn(async () => 'also-refused');
    const { api, sent } = setUp({ current: async () => 'expired', renew }, 'never');
    const error = await api.get('/api/a', okSchema).catch((e: unknown) => e);
    expect(sent).toHaveLength(2);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'unauthorised', status: 401, message: SIGN_IN_LAPSED });
    expect(SIGN_IN_LAPSED).not.toMatch(/close the app and open it again/i);
    expect(SIGN_IN_LAPSED).toMatch(/copy|try again/i);
  });

  it('reports a renewal that fails the same way, without sending the request again', async () => {
    const { api, sent } = setUp({ current: async () => 'expired', renew: async () => Promise.reject(new Error('interaction_required')) }, 'never');
    await expect(api.download('/api/file')).rejects.toMatchObject({ message: SIGN_IN_LAPSED });
    expect(sent).toHaveLength(1);
    const { api: lapsedBefore, sent: none } = setUp({ current: async () => Promise.reject(new Error('expired')), renew: async () => null }, 'never');
    await expect(lapsedBefore.get('/api/a', okSchema)).rejects.toMatchObject({ message: SIGN_IN_LAPSED });
    expect(none).toHaveLength(0);
  });

  it('does not renew for other refusals', async () => {
    const renew = vi.fn(async () => 'x');
    const fetch: FetchLike = async () => json(403, { error: 'forbidden', message: 'No.' });
    const api = authorisedApi(createApiClient({ fetch }), { current: async () => 't', renew });
    await expect(api.get('/api/a', okSchema)).rejects.toMatchObject({ status: 403 });
    expect(renew).not.toHaveBeenCalled();
  });
});
