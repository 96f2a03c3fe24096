import { describe, expect, it } from 'vitest';
import { SignInError } from './sign-in-error.js';
import { signInInOrder, type AcquireToken } from './sign-in-in-order.js';

const ok =
  (token: string): AcquireToken =>
  () =>
    Promise.resolve(token);
const fail =
  (failure: SignInError['failure']): AcquireToken =>
  () =>
    Promise.reject(new SignInError(failure, failure));

describe('signInInOrder', () => {
  it('uses NAA when it works, without touching Teams SSO', async () => {
    let ssoCalled = false;
    const result = await signInInOrder(['naa', 'teams-sso'], {
      naa: ok('naa-token'),
      'teams-sso': () => {
        ssoCalled = true;
        return Promise.resolve('sso-token');
      },
    });
    expect(result).toEqual({ accessToken: 'naa-token', method: 'naa' });
    expect(ssoCalled).toBe(false);
  });

  it('falls back to Teams SSO when NAA is unavailable or fails', async () => {
    for (const failure of ['unavailable', 'failed'] as const) {
      const failures: string[] = [];
      const result = await signInInOrder(['naa', 'teams-sso'], { naa: fail(failure), 'teams-sso': ok('sso-token') }, (method, error) =>
        failures.push(`${method}:${error.failure}`),
      );
      expect(result.method).toBe('teams-sso');
      expect(failures).toEqual([`naa:${failure}`]);
    }
  });

  it('stops when the user cancels', async () => {
    await expect(signInInOrder(['naa', 'teams-sso'], { naa: fail('cancelled'), 'teams-sso': ok('sso-token') })).rejects.toMatchObject({ failure: 'cancelled' });
  });

  it('reports a real failure over "unavailable" when nothing works', async () => {
    await expect(signInInOrder(['naa', 'teams-sso'], { naa: fail('failed'), 'teams-sso': fail('unavailable') })).rejects.toMatchObject({ failure: 'failed' });
  });

  it('wraps unexpected throws as failures', async () => {
    await expect(signInInOrder(['teams-sso'], { naa: ok('x'), 'teams-sso': () => Promise.reject(new Error('boom')) })).rejects.toMatchObject({
      name: 'SignInError',
      failure: 'failed',
    });
  });
});
