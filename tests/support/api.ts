import type { RunningStack } from './start-stack.js';

/** Signs a demo user in through the emulator's dev sign-in and returns a bearer token for /api. */
export async function tokenFor(stack: RunningStack, userId: string): Promise<string> {
  const res = await fetch(`${stack.serverUrl}/api/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
  if (!res.ok) throw new Error(`dev sign-in for ${userId} failed: HTTP ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export interface ApiReply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the server's API as someone (or nobody, with token undefined). */
export async function callApi<T = unknown>(stack: RunningStack, token: string | undefined, method: string, path: string, body?: unknown): Promise<ApiReply<T>> {
  const res = await fetch(`${stack.serverUrl}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}
