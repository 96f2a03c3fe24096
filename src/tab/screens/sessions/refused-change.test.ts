import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error.js';
import { afterRefusal } from './refused-change.js';

describe('after a refused postponement or cancellation', () => {
  it('reloads the session when someone else changed it (409)', () => {
    expect(afterRefusal(new ApiError('rejected', 'The session was changed by someone else.', 409, { code: 'version_conflict' }))).toBe('reload-session');
  });

  it('fetches the times again when the chosen time is no longer offered (400 on start)', () => {
    const error = new ApiError('rejected', 'That time is no longer free.', 400, { field: 'start' });
    expect(afterRefusal(error)).toBe('reload-times');
  });

  it('only shows the message otherwise', () => {
    expect(afterRefusal(new ApiError('rejected', 'Too long.', 400, { field: 'note' }))).toBe('show');
    expect(afterRefusal(new ApiError('server', 'The server had a problem.', 503))).toBe('show');
    expect(afterRefusal(new Error('boom'))).toBe('show');
  });
});
