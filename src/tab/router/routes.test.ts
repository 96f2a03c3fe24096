import { describe, expect, it } from 'vitest';
import { canOpen, matchRoute, navItemsFor, pathFor, screenTitle, type Route } from './routes.js';

describe('matchRoute', () => {
  it.each([
    ['/', { screen: 'my-supervision' }],
    ['/everyone', { screen: 'everyone' }],
    ['/compliance', { screen: 'compliance' }],
    ['/compliance/', { screen: 'compliance' }],
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

  it('reads a record id and an optional version (a signature card links here)', () => {
    const id = '44389e86-8cb0-48e9-baa4-ab30966c6aa5.2026-27-autumn2.individual';
    expect(matchRoute(`/records/${id}`)).toEqual({ screen: 'record', recordId: id });
    expect(matchRoute(`/records/${id}/`, '?version=2')).toEqual({ screen: 'record', recordId: id, version: 2 });
    expect(matchRoute(`/records/${id}`, '?version=0')).toEqual({ screen: 'record', recordId: id });
    expect(matchRoute(`/records/${id}`, '?version=two')).toEqual({ screen: 'record', recordId: id });
    expect(matchRoute(`/records/${id}`, '?other=1&version=3')).toEqual({ screen: 'record', recordId: id, version: 3 });
    // The query means nothing to other screens.
    expect(matchRoute('/book', '?version=2')).toEqual({ screen: 'book' });
  });

  it('round-trips a record route, with and without a version', () => {
    for (const route of [
      { screen: 'record', recordId: 'a b.contract' },
      { screen: 'record', recordId: 'x.individual', version: 4 },
    ] as const) {
      const path = pathFor(route);
      const [pathname, search] = path.split('?');
      expect(matchRoute(pathname ?? '', search ? `?${search}` : '')).toEqual(route);
    }
    expect(pathFor({ screen: 'record', recordId: 'a b', version: 2 })).toBe('/records/a%20b?version=2');
  });

  it.each([
    '/records',
    '/records/',
    '/records/a/b',
    '/records/a%2Fb',
    '/sessions',
    '/sessions/',
    '/sessions/a/b',
    '/sessions/%E0%A4%A',
    '/sessions/a%2Fb',
    '/nope',
    '/book/extra',
    '/compliance/x',
    '/index.html',
  ])('refuses %s', (path) => {
    expect(matchRoute(path)).toEqual({ screen: 'not-found', path });
  });

  it('gives every fixed screen a path that matches back', () => {
    for (const screen of ['my-supervision', 'everyone', 'compliance', 'school-year', 'arrangements', 'book'] as const) {
      expect(matchRoute(pathFor({ screen }))).toEqual({ screen });
    }
  });
});

describe('navItemsFor', () => {
  const labels = (roles: string[]) => navItemsFor(roles).map((i) => i.label);

  it('shows the admin and leads everything', () => {
    const all = ['School year', 'Arrangements', 'Book the year', 'My supervision', "Everyone's sessions", 'Compliance'];
    expect(labels(['Safeguarding.Admin'])).toEqual(all);
    expect(labels(['Safeguarding.Lead'])).toEqual(all);
  });

  it('shows oversight the sessions and compliance only', () => {
    expect(labels(['Safeguarding.Oversight'])).toEqual(['My supervision', "Everyone's sessions", 'Compliance']);
  });

  it('lets the admin, leads and oversight open Compliance, and no one else', () => {
    expect(canOpen('compliance', ['Safeguarding.Admin'])).toBe(true);
    expect(canOpen('compliance', ['Safeguarding.Lead'])).toBe(true);
    expect(canOpen('compliance', ['Safeguarding.Oversight'])).toBe(true);
    expect(canOpen('compliance', [])).toBe(false);
    expect(canOpen('compliance', ['Safeguarding.Auditor'])).toBe(false);
  });

  it('shows everyone else their own supervision', () => {
    expect(labels([])).toEqual(['My supervision']);
    expect(labels(['Safeguarding.Auditor'])).toEqual(['My supervision']);
    expect(labels(['Something.Else'])).toEqual(['My supervision']);
  });

  it('lets anyone open a session or a record (the server decides whose)', () => {
    expect(canOpen('session', [])).toBe(true);
    expect(canOpen('record', [])).toBe(true);
    expect(canOpen('record', ['Safeguarding.Auditor'])).toBe(true);
    expect(canOpen('book', ['Safeguarding.Oversight'])).toBe(false);
  });

  it('names screens for the document title', () => {
    expect(screenTitle({ screen: 'book' })).toBe('Book the year');
    expect(screenTitle({ screen: 'compliance' })).toBe('Compliance');
    expect(screenTitle({ screen: 'session', sessionId: 'x' })).toBe('Session');
    expect(screenTitle({ screen: 'record', recordId: 'x' })).toBe('Record');
    expect(screenTitle({ screen: 'not-found', path: '/x' })).toBe('Page not found');
  });
});
