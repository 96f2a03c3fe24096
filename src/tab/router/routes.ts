// The tab's screens and their paths. The server serves index.html for every path outside /api, so a
// path here is a real address: a meeting invitation links to /sessions/{sessionId}, a person can
// bookmark /book, and the browser's back button works (History API, see use-router.ts).

export type ScreenId = 'my-supervision' | 'everyone' | 'school-year' | 'arrangements' | 'book' | 'session';

export type Route =
  { readonly screen: Exclude<ScreenId, 'session'> } | { readonly screen: 'session'; readonly sessionId: string } | { readonly screen: 'not-found'; readonly path: string };

/** The fixed paths; '/' is My supervision, which everyone has. */
const FIXED: Record<Exclude<ScreenId, 'session'>, string> = {
  'my-supervision': '/',
  everyone: '/everyone',
  'school-year': '/school-year',
  arrangements: '/arrangements',
  book: '/book',
};

const SESSION = /^\/sessions\/([^/]+)$/;

/** The route for a pathname (no query or hash). Unknown paths and malformed session ids are 'not-found'. */
export function matchRoute(pathname: string): Route {
  // One trailing slash is forgiven ('/book/' is '/book'); '//' and the like are not normalised further.
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  for (const [screen, fixed] of Object.entries(FIXED) as [Exclude<ScreenId, 'session'>, string][]) {
    if (path === fixed) return { screen };
  }
  const session = SESSION.exec(path);
  if (session?.[1]) {
    const sessionId = safeDecode(session[1]);
    if (sessionId && sessionId.trim() && !sessionId.includes('/')) return { screen: 'session', sessionId };
  }
  return { screen: 'not-found', path: pathname };
}

/** The path of a route, the inverse of matchRoute. */
export function pathFor(route: Route): string {
  if (route.screen === 'session') return `/sessions/${encodeURIComponent(route.sessionId)}`;
  if (route.screen === 'not-found') return route.path;
  return FIXED[route.screen];
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** An app role from the token's `roles` claim (src/shared/access/app-roles.ts). */
export type AppRoleName = 'Safeguarding.Admin' | 'Safeguarding.Lead' | 'Safeguarding.Oversight' | 'Safeguarding.Auditor';

export interface NavItem {
  readonly screen: Exclude<ScreenId, 'session'>;
  readonly label: string;
  readonly path: string;
}

const ALL_ITEMS: readonly NavItem[] = [
  { screen: 'school-year', label: 'School year', path: FIXED['school-year'] },
  { screen: 'arrangements', label: 'Arrangements', path: FIXED.arrangements },
  { screen: 'book', label: 'Book the year', path: FIXED.book },
  { screen: 'my-supervision', label: 'My supervision', path: FIXED['my-supervision'] },
  { screen: 'everyone', label: "Everyone's sessions", path: FIXED.everyone },
];

const MANAGES: readonly string[] = ['Safeguarding.Admin', 'Safeguarding.Lead'];
const SEES_EVERYONE: readonly string[] = [...MANAGES, 'Safeguarding.Oversight'];

/** Whether someone with these app roles may open a screen (the server still decides every request). */
export function canOpen(screen: ScreenId, roles: readonly string[]): boolean {
  switch (screen) {
    case 'school-year':
    case 'arrangements':
    case 'book':
      return roles.some((r) => MANAGES.includes(r));
    case 'everyone':
      return roles.some((r) => SEES_EVERYONE.includes(r));
    case 'my-supervision':
    case 'session':
      return true;
  }
}

/** The navigation for someone's roles: admin and leads see everything, oversight the sessions, others their own. */
export function navItemsFor(roles: readonly string[]): NavItem[] {
  return ALL_ITEMS.filter((item) => canOpen(item.screen, roles));
}

/** The screen's name, for the document title and the navigation. */
export function screenTitle(route: Route): string {
  if (route.screen === 'session') return 'Session';
  if (route.screen === 'not-found') return 'Page not found';
  return ALL_ITEMS.find((i) => i.screen === route.screen)?.label ?? 'Safeguarding supervision';
}
