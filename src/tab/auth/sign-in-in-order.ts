// Runs the hosted sign-in methods in order (NAA, then Teams SSO) until one returns a token.
// The methods are passed in, so the fallback rules are unit-tested without a host.

import type { HostedSignInMethod } from './sign-in-path.js';
import { SignInError, type SignInFailure } from './sign-in-error.js';

export type AcquireToken = () => Promise<string>;

export interface SignInResult {
  readonly accessToken: string;
  readonly method: HostedSignInMethod;
}

/**
 * Falls through to the next method when one is unavailable or fails; stops at once when the user
 * cancels (opening another window after they closed one would be unwelcome). Throws the most
 * telling SignInError when no method succeeds.
 */
export async function signInInOrder(
  methods: readonly HostedSignInMethod[],
  acquire: Readonly<Record<HostedSignInMethod, AcquireToken>>,
  onFailure: (method: HostedSignInMethod, error: SignInError) => void = () => {},
): Promise<SignInResult> {
  let worst: SignInError | undefined;
  for (const method of methods) {
    try {
      return { accessToken: await acquire[method](), method };
    } catch (thrown) {
      const error = thrown instanceof SignInError ? thrown : new SignInError('failed', String(thrown));
      onFailure(method, error);
      if (error.failure === 'cancelled') throw error;
      if (!worst || rank(error.failure) > rank(worst.failure)) worst = error;
    }
  }
  throw worst ?? new SignInError('unavailable', 'No sign-in method is available in this host.');
}

/** A real failure says more than "unavailable" when deciding what to tell the user. */
function rank(failure: SignInFailure): number {
  return failure === 'unavailable' ? 0 : 1;
}
