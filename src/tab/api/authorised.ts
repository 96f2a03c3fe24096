// The API as the signed-in person: the client plus the in-memory token. Screens get it from the
// shell (ApiContext in shell/contexts.ts) and never see the token themselves.

import type * as z from 'zod/mini';
import { ApiError } from './api-error.js';
import type { ApiClient, DownloadedFile } from './client.js';

export interface Api {
  get<S extends z.ZodMiniType>(path: string, schema: S, signal?: AbortSignal): Promise<z.infer<S>>;
  send<S extends z.ZodMiniType>(method: 'POST' | 'PUT' | 'PATCH', path: string, body: unknown, schema: S, signal?: AbortSignal): Promise<z.infer<S>>;
  /** A file (CSV, PDF) from a GET, as a Blob with its Content-Disposition: a plain link cannot send the token. */
  download(path: string, signal?: AbortSignal): Promise<DownloadedFile>;
}

export function authorisedApi(client: ApiClient, getAccessToken: () => string | null): Api {
  const token = () => {
    const value = getAccessToken();
    if (!value) throw new ApiError('unauthorised', 'You are not signed in. Sign in again.', 401);
    return value;
  };
  return {
    get: (path, schema, signal) => client.call(token(), 'GET', path, schema, undefined, signal),
    send: (method, path, body, schema, signal) => client.call(token(), method, path, schema, body, signal),
    download: (path, signal) => client.download(token(), path, signal),
  };
}
