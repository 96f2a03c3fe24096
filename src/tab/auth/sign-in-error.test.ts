import { describe, expect, it } from 'vitest';
import { classifyMsalError, classifyTeamsSsoError, signInFailureMessage } from './sign-in-error.js';

describe('classifyMsalError', () => {
  it('treats both MSAL spellings of "the user closed the window" as cancelled', () => {
    expect(classifyMsalError({ errorCode: 'user_cancelled' })).toBe('cancelled'); // BrowserAuthError: popup closed
    expect(classifyMsalError({ errorCode: 'user_canceled' })).toBe('cancelled'); // ClientAuthError: NAA host USER_CANCEL
  });
  it('treats a disabled NAA bridge as unavailable', () => {
    expect(classifyMsalError({ errorCode: 'nested_app_auth_bridge_disabled' })).toBe('unavailable');
  });
  it('treats anything else as a failure', () => {
    expect(classifyMsalError({ errorCode: 'interaction_required' })).toBe('failed');
    expect(classifyMsalError(new Error('x'))).toBe('failed');
    expect(classifyMsalError(undefined)).toBe('failed');
  });
});

describe('classifyTeamsSsoError', () => {
  it('recognises the user cancelling', () => {
    expect(classifyTeamsSsoError(new Error('CancelledByUser'))).toBe('cancelled');
  });
  it('recognises a host without the capability', () => {
    expect(classifyTeamsSsoError(new Error('Error code: 100, message: API not supported in the current platform.'))).toBe('unavailable');
  });
  it('treats other errors as failures', () => {
    expect(classifyTeamsSsoError(new Error('resourceRequiresConsent'))).toBe('failed');
    expect(classifyTeamsSsoError('FailedToOpenWindow')).toBe('failed');
  });
});

describe('signInFailureMessage', () => {
  it('says what to do, in plain words', () => {
    expect(signInFailureMessage('cancelled')).toMatch(/Try again/);
    expect(signInFailureMessage('failed')).not.toMatch(/error|exception|stack/i);
  });
});
