import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { Agent } from 'undici';
import type { FetchInitWithDispatcher } from './tls-dispatcher.js';

/** MSAL's HTTP client over fetch, so token requests use the same TLS trust as Graph calls. */
export function createMsalNetworkClient(dispatcher: Agent | undefined): INetworkModule {
  const send = async <T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions, timeoutMs?: number): Promise<NetworkResponse<T>> => {
    const init: FetchInitWithDispatcher = {
      method,
      headers: options?.headers ?? {},
      ...(options?.body !== undefined ? { body: options.body } : {}),
      ...(dispatcher ? { dispatcher } : {}),
      ...(timeoutMs ? { signal: AbortSignal.timeout(timeoutMs) } : {}),
    };
    const response = await fetch(url, init);
    const text = await response.text();
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    // MSAL parses the body itself from an object; Entra always answers JSON.
    const body = (text ? JSON.parse(text) : {}) as T;
    return { headers, body, status: response.status };
  };
  return {
    sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}
