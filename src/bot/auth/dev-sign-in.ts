import { z } from 'zod';
import type { FetchLike } from '../net/trusted-fetch.js';

export type DevSignInResult = { ok: true; accessToken: string; expiresOn: string } | { ok: false; status: 400 | 502; error: string; message: string };

export type DevSignIn = (userId: string) => Promise<DevSignInResult>;

const tokenResponse = z.object({ access_token: z.string(), expires_in: z.number() });

/** Asks the local emulator's dev sign-in endpoint for a user access token for this API. */
export function createEmulatorSignIn(opts: { url: string; audience: string; fetch: FetchLike; now: () => Date }): DevSignIn {
  return async (userId) => {
    let res: Response;
    try {
      res = await opts.fetch(opts.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId, audience: opts.audience, scopes: ['access_as_user'] }),
      });
    } catch {
      return { ok: false, status: 502, error: 'emulator_unavailable', message: 'The local Microsoft 365 emulator did not answer. Is it running?' };
    }
    if (res.status === 400 || res.status === 404) {
      return { ok: false, status: 400, error: 'unknown_user', message: 'No demo user has that id. Pick someone from the list.' };
    }
    const parsed = tokenResponse.safeParse(res.ok ? await res.json() : undefined);
    if (!parsed.success) {
      return { ok: false, status: 502, error: 'emulator_error', message: `The local emulator refused the sign-in (HTTP ${res.status}).` };
    }
    const expiresOn = new Date(opts.now().getTime() + parsed.data.expires_in * 1000).toISOString();
    return { ok: true, accessToken: parsed.data.access_token, expiresOn };
  };
}
