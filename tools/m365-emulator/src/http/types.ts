/** A transport-neutral request, so `$batch` can dispatch inner requests through the same routes. */
export interface EmuRequest {
  method: string;
  /** Path without query, percent-decoded per segment by the router. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body, a form body as a record, or undefined. */
  body: unknown;
  /** Set by the Graph auth gate. */
  principal?: Principal;
  /** True when dispatched from inside a `$batch`. */
  inBatch?: boolean;
}

export interface Principal {
  kind: 'app' | 'user';
  appId: string;
  /** Entra object id of the signed-in user (delegated tokens only). */
  userId?: string;
  roles: readonly string[];
  scopes: readonly string[];
}

export interface EmuResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type Handler = (req: EmuRequest, params: Record<string, string>) => EmuResponse | Promise<EmuResponse>;

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): EmuResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body,
});

/** Graph's error envelope: https://learn.microsoft.com/graph/errors */
export const graphError = (status: number, code: string, message: string, headers: Record<string, string> = {}): EmuResponse =>
  json(status, { error: { code, message, innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': crypto.randomUUID() } } }, headers);
