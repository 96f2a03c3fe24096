import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { Agent } from 'undici';
import type { FetchInitWithDispatcher } from './tls-dispatcher.js';

/** Token requests that take longer than this fail rather than hang the caller. */
export const TOKEN_REQUEST_TIMEOUT_MS = 10_000;

/** MSAL's HTTP client over fetch, so token requests use the same TLS trust as Graph calls. */
export function createMsalNetworkClient(dispatcher: Agent | undefined, defaultTimeoutMs = TOKEN_REQUEST_TIMEOUT_MS): INetworkModule {
  const send = async <T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions, timeoutMs?: number): Promise<NetworkResponse<T>> => {
    const init: FetchInitWithDispatcher = {
      method,
      headers: options?.headers ?? {},
      ...(options?.body !== undefined ? { body: options.body } : {}),
      ...(dispatcher ? { dispatcher } : {}),
      signal: AbortSignal.timeout(timeoutMs ?? defaultTimeoutMs),
    };
    const response = await fetch(url, init);
    const text = await response.text();
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    // MSAL parses the body itself from an object. Entra answers JSON; anything else (a proxy's
    // HTML page) is reported by status and type only, since a body may carry secrets or PII.
    let body: T;
    try {
      body = (text ? JSON.parse(text) : {}) as T;
    } catch {
      throw new Error(`Token endpoint ${new URL(url).origin} answered HTTP ${response.status} with ${response.headers.get('content-type') ?? 'no content type'}, not JSON.`);
    }
    return { headers, body, status: response.status };
  };
  return {
    sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}
