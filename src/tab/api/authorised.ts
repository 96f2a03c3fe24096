// The API as the signed-in person: the client plus the in-memory token. Screens get it from the
// shell (ApiContext in shell/contexts.ts) and never see the token themselves.

import type * as z from 'zod/mini';
import type { AccessTokens } from '../auth/access-tokens.js';
import { ApiError } from './api-error.js';
import type { ApiClient, DownloadedFile } from './client.js';

/**
 * The sign-in lapsed and could not be renewed. Never "close the app": the screen may hold typing that
 * is not saved yet, and it stays there to try again.
 */
export const SIGN_IN_LAPSED =
  'Your sign-in has expired and the app could not renew it. What you typed is still here: try again in a moment. If it keeps happening, copy your text somewhere safe before you close the app.';

export interface Api {
  get<S extends z.ZodMiniType>(path: string, schema: S, signal?: AbortSignal): Promise<z.infer<S>>;
  send<S extends z.ZodMiniType>(method: 'POST' | 'PUT' | 'PATCH', path: string, body: unknown, schema: S, signal?: AbortSignal): Promise<z.infer<S>>;
  /** A file (CSV, PDF) from a GET, as a Blob with its Content-Disposition: a plain link cannot send the token. */
  download(path: string, signal?: AbortSignal): Promise<DownloadedFile>;
}

const lapsed = (cause: unknown) => {
  console.warn('The sign-in could not be renewed.', cause);
  return new ApiError('unauthorised', SIGN_IN_LAPSED, 401);
};
const refused = (error: unknown): boolean => error instanceof ApiError && error.status === 401;

export function authorisedApi(client: ApiClient, tokens: AccessTokens): Api {
  const token = async () => {
    let value: string | null;
    try {
      value = await tokens.current();
    } catch (error) {
      throw lapsed(error);
    }
    if (!value) throw new ApiError('unauthorised', 'You are not signed in. Sign in again.', 401);
    return value;
  };

  /** Runs the call; when the server refuses the token (it expired, or was revoked), renews it once and tries once more. */
  const asSignedIn = async <T>(run: (token: string) => Promise<T>): Promise<T> => {
    const first = await token();
    try {
      return await run(first);
    } catch (error) {
      if (!refused(error)) throw error;
      let fresh: string | null;
      try {
        fresh = await tokens.renew();
      } catch (renewError) {
        throw lapsed(renewError);
      }
      if (!fresh) throw error;
      try {
        return await run(fresh);
      } catch (again) {
        throw refused(again) ? lapsed(again) : again;
      }
    }
  };

  return {
    get: (path, schema, signal) => asSignedIn((t) => client.call(t, 'GET', path, schema, undefined, signal)),
    send: (method, path, body, schema, signal) => asSignedIn((t) => client.call(t, method, path, schema, body, signal)),
    download: (path, signal) => asSignedIn((t) => client.download(t, path, signal)),
  };
}
