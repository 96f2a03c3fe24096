// One error type for everything that can go wrong talking to the server, carrying a message that is
// safe to show: plain words, never a stack trace, never a raw response body.

export type ApiErrorKind =
  /** The request never got an HTTP answer (server down, network gone, aborted). */
  | 'network'
  /** 401: no token, or the token was refused. */
  | 'unauthorised'
  /** 403 */
  | 'forbidden'
  /** 404 */
  | 'not-found'
  /** Other 4xx. */
  | 'rejected'
  /** 5xx. */
  | 'server'
  /** A 2xx whose body did not match the contract. */
  | 'invalid-response';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    /** Plain words for the user. */
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

const MAX_SERVER_MESSAGE = 300;

/**
 * The words to show for a failed HTTP answer. The server's own `message` is used when it sent one
 * (the API promises plain words); otherwise a sentence that says what to do.
 */
export function apiErrorFromStatus(status: number, serverMessage: string | undefined): ApiError {
  const kind: ApiErrorKind =
    status === 401
      ? 'unauthorised'
      : status === 403
        ? 'forbidden'
        : status === 404
          ? 'not-found'
          : status >= 500
            ? 'server'
            : 'rejected';
  const usable = serverMessage?.trim();
  if (usable && usable.length <= MAX_SERVER_MESSAGE && !looksLikeStackTrace(usable)) {
    return new ApiError(kind, usable, status);
  }
  return new ApiError(kind, fallbackMessage(kind), status);
}

export function fallbackMessage(kind: ApiErrorKind): string {
  switch (kind) {
    case 'network':
      return 'The app could not reach its server. Check your connection, then try again.';
    case 'unauthorised':
      return 'Your sign-in was not accepted. Sign in again.';
    case 'forbidden':
      return 'You do not have access to this. Ask your safeguarding lead if you think you should.';
    case 'not-found':
      return 'The app could not find what it asked the server for.';
    case 'rejected':
      return 'The server could not accept that request.';
    case 'server':
      return 'The server had a problem. Try again in a moment.';
    case 'invalid-response':
      return 'The server sent a reply the app did not understand. Try again, and tell your administrator if it keeps happening.';
  }
}

function looksLikeStackTrace(text: string): boolean {
  return /\n\s+at\s/.test(text) || /\bat\s+\S+\s+\(\S+:\d+:\d+\)/.test(text);
}

/** Plain words for any thrown value; non-ApiErrors become a generic sentence (their text may be technical). */
export function describeError(error: unknown, fallback = 'Something went wrong. Try again.'): string {
  return error instanceof ApiError ? error.message : fallback;
}
