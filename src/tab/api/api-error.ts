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

const MAX_SERVER_MESSAGE = 300;

/** A problem with one input, as the server names it ('supervisees[0].role'). */
export interface ApiFieldIssue {
  readonly field: string;
  readonly message: string;
}

export interface ApiErrorDetails {
  /** The input to fix, when the server named one. */
  readonly field?: string | undefined;
  /** Every problem, each against its field (400 replies). */
  readonly issues?: readonly ApiFieldIssue[] | undefined;
  /** The server's stable code, e.g. 'version_conflict'. */
  readonly code?: string | undefined;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly field: string | undefined;
  readonly issues: readonly ApiFieldIssue[];
  readonly code: string | undefined;
  constructor(
    readonly kind: ApiErrorKind,
    /** Plain words for the user. */
    message: string,
    readonly status?: number,
    details: ApiErrorDetails = {},
  ) {
    super(message);
    this.field = details.field;
    this.code = details.code;
    // Each issue's message is the server's plain words too: keep only those that look like words.
    this.issues = (details.issues ?? []).filter((i) => i.message.length <= MAX_SERVER_MESSAGE && !looksLikeStackTrace(i.message));
    if (this.issues.length === 0 && details.field) this.issues = [{ field: details.field, message }];
  }
}

/**
 * The words to show for a failed HTTP answer. The server's own `message` is used when it sent one
 * (the API promises plain words); otherwise a sentence that says what to do.
 */
export function apiErrorFromStatus(status: number, serverMessage: string | undefined, details: ApiErrorDetails = {}): ApiError {
  const kind: ApiErrorKind = status === 401 ? 'unauthorised' : status === 403 ? 'forbidden' : status === 404 ? 'not-found' : status >= 500 ? 'server' : 'rejected';
  const usable = serverMessage?.trim();
  if (usable && usable.length <= MAX_SERVER_MESSAGE && !looksLikeStackTrace(usable)) {
    return new ApiError(kind, usable, status, details);
  }
  return new ApiError(kind, fallbackMessage(kind), status, details);
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
