// Local mode only: sign in as one of the emulator's fictional demo users. The server mints a token
// from the emulator's local issuer and validates it with the same code it uses for Entra tokens.

import type { ApiClient } from '../api/client.js';

export async function signInAsDemoUser(api: ApiClient, userId: string, signal?: AbortSignal): Promise<string> {
  const { accessToken } = await api.devSignIn(userId, signal);
  return accessToken;
}
