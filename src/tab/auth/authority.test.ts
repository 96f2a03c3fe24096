import { describe, expect, it } from 'vitest';
import { authorityUrl } from './authority.js';

describe('authorityUrl', () => {
  it('joins host and tenant', () => {
    expect(authorityUrl('https://login.microsoftonline.com', 'tid')).toBe('https://login.microsoftonline.com/tid');
  });
  it('drops trailing slashes and adds a missing scheme', () => {
    expect(authorityUrl('https://login.microsoftonline.com//', 'tid')).toBe('https://login.microsoftonline.com/tid');
    expect(authorityUrl('login.microsoftonline.com', 'tid')).toBe('https://login.microsoftonline.com/tid');
  });
});
