import { Agent, fetch as undiciFetch } from 'undici';

export type FetchLike = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<Response>;

/**
 * fetch for calls to the identity authority. With a CA certificate (the local emulator's), only that
 * certificate is trusted; without one, the system's trust store is used, as in production.
 */
export function createTrustedFetch(caCertPem: string | undefined): FetchLike {
  if (!caCertPem) return (url, init) => fetch(url, init);
  const dispatcher = new Agent({ connect: { ca: caCertPem } });
  return async (url, init) => (await undiciFetch(url, { ...init, dispatcher })) as unknown as Response;
}
