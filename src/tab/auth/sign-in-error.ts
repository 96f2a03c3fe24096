// Failures while getting a token inside Teams / Outlook, sorted into what the tab should do next.
// Pure: the classifiers look only at error codes and messages, never show them to the user.

export type SignInFailure =
  /** This method cannot work here (host does not broker NAA, SDK missing): try the next method. */
  | 'unavailable'
  /** The user closed the sign-in or consent window: stop, and offer "Try again". */
  | 'cancelled'
  /** Anything else: try the next method, and if none is left offer "Try again". */
  | 'failed';

export class SignInError extends Error {
  override readonly name = 'SignInError';
  constructor(
    readonly failure: SignInFailure,
    /** Technical detail for the console only; the UI uses {@link signInFailureMessage}. */
    readonly detail: string,
  ) {
    super(detail);
  }
}

export function signInFailureMessage(failure: SignInFailure): string {
  switch (failure) {
    case 'cancelled':
      return 'Sign-in was cancelled. Select "Try again" to sign in.';
    case 'unavailable':
      return 'This version of Teams or Outlook cannot sign you in to the app. Update it, or try the Teams app on another device.';
    case 'failed':
      return 'The app could not sign you in. Select "Try again". If it keeps happening, ask your IT administrator to check the app is approved for your school.';
  }
}

/**
 * MSAL errors carry `errorCode`. The user closing the window is `user_cancelled` (BrowserAuthError,
 * popup closed) or `user_canceled` (ClientAuthError, the NAA host reporting USER_CANCEL).
 */
export function classifyMsalError(error: unknown): SignInFailure {
  const code = errorCodeOf(error);
  if (code === 'user_cancelled' || code === 'user_canceled') return 'cancelled';
  if (code === 'nested_app_auth_bridge_disabled' || code === 'unsupported_method') return 'unavailable';
  return 'failed';
}

/** TeamsJS `authentication.getAuthToken` rejects with an Error whose message is a short code. */
export function classifyTeamsSsoError(error: unknown): SignInFailure {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  if (/CancelledByUser/i.test(message)) return 'cancelled';
  if (/not supported|NotSupported|errorCode\W+100\b/i.test(message)) return 'unavailable';
  return 'failed';
}

function errorCodeOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'errorCode' in error) {
    const code = (error as { errorCode: unknown }).errorCode;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

export function detailOf(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
