import { describe, expect, it } from 'vitest';
import { ApiError } from './api/api-error.js';
import { SignInError } from './auth/sign-in-error.js';
import { userMessageFor } from './user-message.js';

describe('userMessageFor', () => {
  it("shows the API's plain words", () => {
    expect(userMessageFor(new ApiError('unauthorised', 'Your sign-in has expired.', 401))).toBe('Your sign-in has expired.');
  });

  it('turns sign-in failures into what to do next, hiding the technical detail', () => {
    const message = userMessageFor(new SignInError('cancelled', 'BrowserAuthError: user_cancelled'));
    expect(message).toMatch(/Try again/);
    expect(message).not.toMatch(/BrowserAuthError/);
  });

  it('never shows the text of an unexpected error', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'x')");
    expect(userMessageFor(error)).toBe('Something went wrong. Try again.');
    expect(userMessageFor(error, 'The app could not start. Try again.')).toBe('The app could not start. Try again.');
  });
});
