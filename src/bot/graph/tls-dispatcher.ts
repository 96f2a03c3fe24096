import { Agent } from 'undici';

/**
 * With a CA PEM, an undici dispatcher that trusts only that certificate (the local emulator's);
 * without one, undefined, so Node's default trust store applies (production).
 */
export function createDispatcher(caCertPem: string | undefined): Agent | undefined {
  return caCertPem ? new Agent({ connect: { ca: caCertPem }, keepAliveTimeout: 10_000 }) : undefined;
}

/** `RequestInit` as Node's fetch accepts it: with undici's `dispatcher`. */
export type FetchInitWithDispatcher = RequestInit & { dispatcher?: Agent };
