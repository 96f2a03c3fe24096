import { describe, expect, it } from 'vitest';
import { ApiError, apiErrorFromStatus, describeError } from './api-error.js';

describe('apiErrorFromStatus', () => {
  it("uses the server's plain-words message", () => {
    const error = apiErrorFromStatus(401, 'Your session has expired. Sign in again.');
    expect(error.kind).toBe('unauthorised');
    expect(error.status).toBe(401);
    expect(error.message).toBe('Your session has expired. Sign in again.');
  });

  it.each([
    [403, 'forbidden'],
    [404, 'not-found'],
    [409, 'rejected'],
    [500, 'server'],
    [503, 'server'],
  ] as const)('maps %i to %s', (status, kind) => {
    expect(apiErrorFromStatus(status, undefined).kind).toBe(kind);
  });

  it('never passes on a stack trace', () => {
    const error = apiErrorFromStatus(500, 'TypeError: x is undefined\n    at handler (/srv/app.js:10:5)');
    expect(error.message).toBe('The server had a problem. Try again in a moment.');
    expect(error.message).not.toMatch(/at handler/);
  });

  it('replaces an empty or very long message with a sentence that says what to do', () => {
    expect(apiErrorFromStatus(502, '   ').message).toMatch(/Try again/);
    expect(apiErrorFromStatus(400, 'x'.repeat(1000)).message).toBe('The server could not accept that request.');
  });
});

describe('describeError', () => {
  it('shows ApiError messages and hides anything else', () => {
    expect(describeError(new ApiError('network', 'Offline.'))).toBe('Offline.');
    expect(describeError(new Error('ECONNRESET at socket.js:1:1'))).toBe('Something went wrong. Try again.');
    expect(describeError('boom', 'Sign-in failed.')).toBe('Sign-in failed.');
  });
});

describe('field issues', () => {
  it("keeps the server's issues, each against its field", () => {
    const error = apiErrorFromStatus(400, 'Hannah: not allowed', {
      field: 'supervisees[0].role',
      issues: [{ field: 'supervisees[0].role', message: 'Hannah: not allowed' }],
      code: 'invalid_request',
    });
    expect(error.issues).toEqual([{ field: 'supervisees[0].role', message: 'Hannah: not allowed' }]);
    expect(error.field).toBe('supervisees[0].role');
    expect(error.code).toBe('invalid_request');
  });

  it('uses the message for a named field without issues, and drops technical issue text', () => {
    expect(apiErrorFromStatus(409, 'Reload it.', { field: 'version' }).issues).toEqual([{ field: 'version', message: 'Reload it.' }]);
    const error = apiErrorFromStatus(400, 'Bad', { issues: [{ field: 'a', message: 'Error: x\n    at f (/a.js:1:1)' }] });
    expect(error.issues).toEqual([]);
  });
});
