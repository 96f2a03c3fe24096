// Typed client for the server's /api, used by the tab. Each call validates the reply against the
// contract in ./schemas.ts and throws ApiError (plain words) on any failure. Tokens are passed in
// per call and never stored here.

import type * as z from 'zod/mini';
import { ApiError, apiErrorFromStatus, fallbackMessage } from './api-error.js';
import { apiErrorBodySchema, devSignInSchema, devUsersSchema, meSchema, tabConfigSchema, type DevSignIn, type DevUser, type Me, type TabConfig } from './schemas.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** Origin (and optional path prefix) of the server; '' means same origin, as when the server serves the tab. */
  readonly baseUrl?: string;
  readonly fetch?: FetchLike;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH';

export interface ApiClient {
  getConfig(signal?: AbortSignal): Promise<TabConfig>;
  /** Local mode only: the emulator's fictional demo users. */
  getDevUsers(signal?: AbortSignal): Promise<readonly DevUser[]>;
  /** Local mode only: a token for one demo user. */
  devSignIn(userId: string, signal?: AbortSignal): Promise<DevSignIn>;
  getMe(accessToken: string, signal?: AbortSignal): Promise<Me>;
  /**
   * Any /api operation as the signed-in person: sends `body` as JSON, validates the reply with
   * `schema`. The screens' operations (./operations/*.ts) are built on this, so their schemas load
   * with the screens, not with the first page.
   */
  call<S extends z.ZodMiniType>(accessToken: string, method: HttpMethod, path: string, schema: S, body?: unknown, signal?: AbortSignal): Promise<z.infer<S>>;
  /**
   * A file from the server (an export such as the evidence pack) as the signed-in person: GET with the
   * bearer token, the body as a Blob. A failure throws ApiError with the server's plain words, as `call` does.
   */
  download(accessToken: string, path: string, signal?: AbortSignal): Promise<DownloadedFile>;
}

/** A file the server sent: its bytes, its type and its Content-Disposition header (which names the file). */
export interface DownloadedFile {
  readonly blob: Blob;
  readonly contentType: string;
  readonly contentDisposition: string | null;
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));

  async function request<S extends z.ZodMiniType>(path: string, schema: S, init: RequestInit): Promise<z.infer<S>> {
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        ...init,
        headers: { Accept: 'application/json', ...init.headers },
        cache: 'no-store',
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError('network', fallbackMessage('network'));
    }

    const body = await readJson(response);
    if (!response.ok) {
      const parsed = apiErrorBodySchema.safeParse(body);
      throw apiErrorFromStatus(
        response.status,
        parsed.success ? parsed.data.message : undefined,
        parsed.success ? { field: parsed.data.field, issues: parsed.data.issues, code: parsed.data.error } : {},
      );
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new ApiError('invalid-response', fallbackMessage('invalid-response'), response.status);
    }
    return parsed.data;
  }

  return {
    getConfig: (signal) => request('/api/config', tabConfigSchema, { method: 'GET', signal: signal ?? null }),
    getDevUsers: async (signal) => (await request('/api/dev/users', devUsersSchema, { method: 'GET', signal: signal ?? null })).users,
    devSignIn: (userId, signal) =>
      request('/api/dev/sign-in', devSignInSchema, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ userId }),
        signal: signal ?? null,
      }),
    getMe: (accessToken, signal) =>
      request('/api/me', meSchema, {
        method: 'GET',
        headers: { Authorization: `Bearer ${accessToken}` },
        signal: signal ?? null,
      }),
    call: (accessToken, method, path, schema, body, signal) =>
      request(path, schema, {
        method,
        headers: {
          Authorization: `Bearer ${accessToken}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: signal ?? null,
      }),
    download: async (accessToken, path, signal) => {
      let response: Response;
      try {
        response = await doFetch(`${baseUrl}${path}`, { method: 'GET', headers: { Authorization: `Bearer ${accessToken}` }, cache: 'no-store', signal: signal ?? null });
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') throw error;
        throw new ApiError('network', fallbackMessage('network'));
      }
      if (!response.ok) {
        const parsed = apiErrorBodySchema.safeParse(await readJson(response));
        throw apiErrorFromStatus(
          response.status,
          parsed.success ? parsed.data.message : undefined,
          parsed.success ? { field: parsed.data.field, issues: parsed.data.issues, code: parsed.data.error } : {},
        );
      }
      return { blob: await response.blob(), contentType: response.headers.get('Content-Type') ?? '', contentDisposition: response.headers.get('Content-Disposition') };
    },
  };
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}
