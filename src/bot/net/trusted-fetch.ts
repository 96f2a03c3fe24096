import { fetch as undiciFetch } from 'undici';
import { createDispatcher } from '../graph/tls-dispatcher.js';

export type FetchLike = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<Response>;

/**
 * fetch for calls to the identity authority (JWKS, dev sign-in). With a CA certificate (the local
 * emulator's) only that certificate is trusted; without one, the system's trust store, as in production.
 */
export function createTrustedFetch(caCertPem: string | undefined): FetchLike {
  const dispatcher = createDispatcher(caCertPem);
  if (!dispatcher) return (url, init) => fetch(url, init);
  return async (url, init) => (await undiciFetch(url, { ...init, dispatcher })) as unknown as Response;
}
