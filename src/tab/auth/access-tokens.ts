// The signed-in person's access token, held in memory only (the app handles child-protection
// information: never localStorage or sessionStorage), and renewed before it expires by calling again
// the acquisition that got it (MSAL's silent NAA call and Teams' getAuthToken cache and refresh; the
// demo user signs in again), so a long session never ends with every call refused.

import { jwtExpiry } from './jwt-expiry.js';

/** Renew a token this close to its expiry, so a slow request does not arrive with a dead one. */
export const RENEW_WITHIN_MS = 5 * 60_000;

export interface AccessTokens {
  /** The token for the next call, renewed first when it is about to expire; null when nobody is signed in. */
  current(): Promise<string | null>;
  /** A new token, after the server refused the last one; null when nobody is signed in. Rejects when it could not be had. */
  renew(): Promise<string | null>;
}

export interface TokenStore extends AccessTokens {
  /** Signed in: the token, and how to get another like it. */
  set(token: string, acquire: () => Promise<string>): void;
  clear(): void;
}

export function createTokenStore(now: () => number = Date.now): TokenStore {
  let token: string | null = null;
  let acquire: (() => Promise<string>) | null = null;
  let renewing: Promise<string | null> | null = null;

  const renew = (): Promise<string | null> => {
    if (!acquire) return Promise.resolve(null);
    if (renewing) return renewing; // one renewal however many calls are waiting
    const from = acquire;
    const pending = from().then((next) => {
      if (acquire === from) token = next; // nobody signed out or switched meanwhile
      return next;
    });
    renewing = pending;
    const done = () => {
      if (renewing === pending) renewing = null;
    };
    pending.then(done, done);
    return pending;
  };

  return {
    async current() {
      if (token === null) return null;
      const held = token;
      const expires = jwtExpiry(held);
      if (expires === undefined || expires - now() > RENEW_WITHIN_MS) return held;
      try {
        return await renew();
      } catch (error) {
        // Not renewed yet, but the old token still works for a few minutes: use it and renew next time.
        if (expires > now()) return held;
        throw error;
      }
    },
    renew,
    set(next, how) {
      token = next;
      acquire = how;
      renewing = null;
    },
    clear() {
      token = null;
      acquire = null;
      renewing = null;
    },
  };
}
