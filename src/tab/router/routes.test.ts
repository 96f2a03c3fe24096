import { describe, expect, it } from 'vitest';
import { canOpen, matchRoute, navItemsFor, pathFor, screenTitle, type Route } from './routes.js';

describe('matchRoute', () => {
  it.each([
    ['/', { screen: 'my-supervision' }],
    ['/everyone', { screen: 'everyone' }],
    ['/school-year', { screen: 'school-year' }],
    ['/school-year/', { screen: 'school-year' }],
    ['/arrangements', { screen: 'arrangements' }],
    ['/book', { screen: 'book' }],
  ] as const)('%s', (path, route) => {
    expect(matchRoute(path)).toEqual(route);
  });

  it('reads a session id from a meeting invitation link', () => {
    const id = '44389e86-8cb0-48e9-baa4-ab30966c6aa5.2026-27-autumn2';
    expect(matchRoute(`/sessions/${id}`)).toEqual({ screen: 'session', sessionId: id });
    expect(matchRoute(`/sessions/${id}/`)).toEqual({ screen: 'session', sessionId: id });
  });

  it('decodes an encoded id and round-trips through pathFor', () => {
    const route: Route = { screen: 'session', sessionId: 'a b.c' };
    expect(pathFor(route)).toBe('/sessions/a%20b.c');
    expect(matchRoute(pathFor(route))).toEqual(route);
  });

  it.each(['/sessions', '/sessions/', '/sessions/a/b', '/sessions/%E0%A4%A', '/sessions/a%2Fb', '/nope', '/book/extra', '/index.html'])('refuses %s', (path) => {
    expect(matchRoute(path)).toEqual({ screen: 'not-found', path });
  });

  it('gives every fixed screen a path that matches back', () => {
    for (const screen of ['my-supervision', 'everyone', 'school-year', 'arrangements', 'book'] as const) {
      expect(matchRoute(pathFor({ screen }))).toEqual({ screen });
    }
  });
});

describe('navItemsFor', () => {
  const labels = (roles: string[]) => navItemsFor(roles).map((i) => i.label);

  it('shows the admin and leads everything', () => {
    const all = ['School year', 'Arrangements', 'Book the year', 'My supervision', "Everyone's sessions"];
    expect(labels(['Safeguarding.Admin'])).toEqual(all);
    expect(labels(['Safeguarding.Lead'])).toEqual(all);
  });

  it('shows oversight the sessions only', () => {
    expect(labels(['Safeguarding.Oversight'])).toEqual(['My supervision', "Everyone's sessions"]);
  });

  it('shows everyone else their own supervision', () => {
    expect(labels([])).toEqual(['My supervision']);
    expect(labels(['Safeguarding.Auditor'])).toEqual(['My supervision']);
    expect(labels(['Something.Else'])).toEqual(['My supervision']);
  });

  it('lets anyone open a session (the server decides whose)', () => {
    expect(canOpen('session', [])).toBe(true);
    expect(canOpen('book', ['Safeguarding.Oversight'])).toBe(false);
  });

  it('names screens for the document title', () => {
    expect(screenTitle({ screen: 'book' })).toBe('Book the year');
    expect(screenTitle({ screen: 'session', sessionId: 'x' })).toBe('Session');
    expect(screenTitle({ screen: 'not-found', path: '/x' })).toBe('Page not found');
  });
});
