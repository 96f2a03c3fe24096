import { describe, expect, it } from 'vitest';
import { themeNameFromHost } from './theme-name.js';

describe('themeNameFromHost', () => {
  it('maps the Teams theme names', () => {
    expect(themeNameFromHost('default')).toBe('light');
    expect(themeNameFromHost('dark')).toBe('dark');
    expect(themeNameFromHost('contrast')).toBe('contrast');
  });
  it('falls back to light for unknown or missing names', () => {
    expect(themeNameFromHost(undefined)).toBe('light');
    expect(themeNameFromHost('sepia')).toBe('light');
  });
});
