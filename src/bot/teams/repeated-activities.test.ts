import { describe, expect, it } from 'vitest';
import { createRepeatedActivities } from './repeated-activities.js';

describe('repeated activities', () => {
  it('an id is new once, then a repeat; an activity without an id is never a repeat', () => {
    const repeats = createRepeatedActivities();
    expect(repeats.isRepeat('a1')).toBe(false);
    expect(repeats.isRepeat('a1')).toBe(true);
    expect(repeats.isRepeat('a2')).toBe(false);
    expect(repeats.isRepeat(undefined)).toBe(false);
    expect(repeats.isRepeat(undefined)).toBe(false);
  });

  it('remembers the last ids it saw, forgetting the oldest first', () => {
    const repeats = createRepeatedActivities(2);
    for (const id of ['a1', 'a2', 'a3']) repeats.isRepeat(id);
    expect(repeats.isRepeat('a3')).toBe(true);
    expect(repeats.isRepeat('a1')).toBe(false);
  });
});
