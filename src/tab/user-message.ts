// Plain words for anything that went wrong, for the tab's error region. Never a stack trace:
// only ApiError and SignInError carry text meant for people; anything else gets a sentence.

import { ApiError } from './api/api-error.js';
import { SignInError, signInFailureMessage } from './auth/sign-in-error.js';

export function userMessageFor(error: unknown, fallback = 'Something went wrong. Try again.'): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof SignInError) return signInFailureMessage(error.failure);
  return fallback;
}
