// The token store renews a token close to its expiry by calling the sign-in that got it again, once
// however many calls ask at the same time, and keeps using a token that still works if renewal fails.
import { describe, expect, it, vi } from 'vitest';
import { createTokenStore, RENEW_WITHIN_MS } from './access-tokens.js';
import { jwtExpiry } from './jwt-expiry.js';

const NOW = Date.UTC(2026, 10, 5, 14, 0, 0);
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (expiresAt: number, sub = 'u1') => `${b64url({ alg: 'RS256' })}.${b64url({ sub, exp: Math.floor(expiresAt / 1000) })}.sig`;

describe('jwtExpiry', () => {
  it('reads exp as milliseconds, and undefined for anything it cannot read', () => {
    expect(jwtExpiry(jwt(NOW + 3_600_000))).toBe(NOW + 3_600_000);
    expect(jwtExpiry('not-a-jwt')).toBeUndefined();
    expect(jwtExpiry(`a.${b64url({ sub: 'u1' })}.c`)).toBeUndefined();
    expect(jwtExpiry('a.%%%.c')).toBeUndefined();
  });
});

describe('createTokenStore', () => {
  it('holds nothing until signed in', async () => {
    const store = createTokenStore(() => NOW);
    expect(await store.current()).toBeNull();
    expect(await store.renew()).toBeNull();
  });

  it('returns the token as it is while it has more than five minutes left', async () => {
    const store = createTokenStore(() => NOW);
    const acquire = vi.fn(async () => jwt(NOW + 7_200_000, 'new'));
    const token = jwt(NOW + RENEW_WITHIN_MS + 1000);
    store.set(token, acquire);
    expect(await store.current()).toBe(token);
    expect(acquire).not.toHaveBeenCalled();
  });

  it('renews within five minutes of expiry, and after an hour, with one call for many callers', async () => {
    let now = NOW;
    const store = createTokenStore(() => now);
    const renewed = jwt(NOW + 2 * 3_600_000, 'new');
    const acquire = vi.fn(async () => renewed);
    store.set(jwt(NOW + 3_600_000), acquire);
    now = NOW + 3_600_000 + 60_000; // an hour later: expired
    const [a, b] = await Promise.all([store.current(), store.current()]);
    expect([a, b]).toEqual([renewed, renewed]);
    expect(acquire).toHaveBeenCalledTimes(1);
    expect(await store.current()).toBe(renewed);
    expect(acquire).toHaveBeenCalledTimes(1);
  });

  it('keeps the old token while it still works if renewal fails, and fails once it has expired', async () => {
    let now = NOW + 3_600_000 - 60_000; // a minute left
    const store = createTokenStore(() => now);
    const old = jwt(NOW + 3_600_000);
    store.set(old, async () => Promise.reject(new Error('silent sign-in failed')));
    expect(await store.current()).toBe(old);
    now = NOW + 3_600_000 + 1000;
    await expect(store.current()).rejects.toThrow('silent sign-in failed');
  });

  it('forgets the token on sign-out, even when a renewal was under way', async () => {
    const store = createTokenStore(() => NOW);
    let finish!: (token: string) => void;
    store.set(jwt(NOW - 1000), () => new Promise<string>((resolve) => (finish = resolve)));
    const renewing = store.renew();
    store.clear();
    finish(jwt(NOW + 3_600_000));
    await renewing;
    expect(await store.current()).toBeNull();
  });
});
