import { describe, expect, it } from 'vitest';
import { mightBeHosted } from './might-be-hosted.js';

const topLevel = () => {
  const win: { self: unknown; parent: unknown; opener: unknown; nativeInterface?: unknown } = {
    self: null,
    parent: null,
    opener: null,
  };
  win.self = win;
  win.parent = win;
  return win;
};

describe('mightBeHosted', () => {
  it('is false for a plain top-level browser tab', () => {
    expect(mightBeHosted(topLevel())).toBe(false);
  });

  it('is true inside an iframe (Teams web and desktop, Outlook, the Microsoft 365 app)', () => {
    expect(mightBeHosted({ ...topLevel(), parent: {} })).toBe(true);
  });

  it('is true for a window opened by another (a host pop-out)', () => {
    const win = topLevel();
    win.opener = {};
    expect(mightBeHosted(win)).toBe(true);
  });

  it('is true in a frameless mobile web view with a native bridge', () => {
    const win = topLevel();
    win.nativeInterface = {};
    expect(mightBeHosted(win)).toBe(true);
  });
});
