// What the Session screen does after the server refuses a postponement or a cancellation, so it never
// goes on showing data the refusal says is out of date.
import { ApiError } from '../../api/api-error.js';

export type AfterRefusal =
  /** Someone else moved or cancelled the session meanwhile (409): show it as it is now. */
  | 'reload-session'
  /** The chosen time is no longer offered (400 against `start`): fetch the times again. */
  | 'reload-times'
  /** Anything else: the message is enough. */
  | 'show';

export function afterRefusal(error: unknown): AfterRefusal {
  if (!(error instanceof ApiError)) return 'show';
  if (error.status === 409) return 'reload-session';
  if (error.status === 400 && error.issues.some((issue) => issue.field === 'start')) return 'reload-times';
  return 'show';
}
