// The tab's screens and their paths. The server serves index.html for every path outside /api, so a
// path here is a real address: a meeting invitation links to /sessions/{sessionId}, a person can
// bookmark /book, and the browser's back button works (History API, see use-router.ts).

export type ScreenId = 'my-supervision' | 'everyone' | 'compliance' | 'school-year' | 'arrangements' | 'book' | 'session' | 'record';

/** Screens at a fixed path (no id in it). */
type FixedScreen = Exclude<ScreenId, 'session' | 'record'>;

export type Route =
  | { readonly screen: FixedScreen }
  | { readonly screen: 'session'; readonly sessionId: string }
  /** A record (a signature card links here); `version` when an older version is asked for (?version=N). */
  | { readonly screen: 'record'; readonly recordId: string; readonly version?: number }
  | { readonly screen: 'not-found'; readonly path: string };

/** The fixed paths; '/' is My supervision, which everyone has. */
const FIXED: Record<FixedScreen, string> = {
  'my-supervision': '/',
  everyone: '/everyone',
  compliance: '/compliance',
  'school-year': '/school-year',
  arrangements: '/arrangements',
  book: '/book',
};

const SESSION = /^\/sessions\/([^/]+)$/;
const RECORD = /^\/records\/([^/]+)$/;
const VERSION = /^[1-9]\d{0,4}$/;

/**
 * The route for a pathname and its query ('?version=2', or ''). Unknown paths and malformed ids are
 * 'not-found'; the query matters only to a record, and a version that is not a whole number is ignored.
 */
export function matchRoute(pathname: string, search = ''): Route {
  // One trailing slash is forgiven ('/book/' is '/book'); '//' and the like are not normalised further.
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  for (const [screen, fixed] of Object.entries(FIXED) as [FixedScreen, string][]) {
    if (path === fixed) return { screen };
  }
  const session = SESSION.exec(path);
  if (session?.[1]) {
    const sessionId = safeDecode(session[1]);
    if (sessionId && sessionId.trim() && !sessionId.includes('/')) return { screen: 'session', sessionId };
  }
  const record = RECORD.exec(path);
  if (record?.[1]) {
    const recordId = safeDecode(record[1]);
    if (recordId && recordId.trim() && !recordId.includes('/')) {
      const version = new URLSearchParams(search).get('version');
      return version && VERSION.test(version) ? { screen: 'record', recordId, version: Number(version) } : { screen: 'record', recordId };
    }
  }
  return { screen: 'not-found', path: pathname };
}

/** The path of a route, the inverse of matchRoute. */
export function pathFor(route: Route): string {
  if (route.screen === 'session') return sessionPath(route.sessionId);
  if (route.screen === 'record') return recordPath(route.recordId, route.version);
  if (route.screen === 'not-found') return route.path;
  return FIXED[route.screen];
}

/** '/records/{recordId}', with '?version=N' for one version. */
export function recordPath(recordId: string, version?: number): string {
  return `/records/${encodeURIComponent(recordId)}${version === undefined ? '' : `?version=${version}`}`;
}

/** '/sessions/{sessionId}'. */
export function sessionPath(sessionId: string): string {
  return `/sessions/${encodeURIComponent(sessionId)}`;
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
  readonly screen: FixedScreen;
  readonly label: string;
  readonly path: string;
}

const ALL_ITEMS: readonly NavItem[] = [
  { screen: 'school-year', label: 'School year', path: FIXED['school-year'] },
  { screen: 'arrangements', label: 'Arrangements', path: FIXED.arrangements },
  { screen: 'book', label: 'Book the year', path: FIXED.book },
  { screen: 'my-supervision', label: 'My supervision', path: FIXED['my-supervision'] },
  { screen: 'everyone', label: "Everyone's sessions", path: FIXED.everyone },
  { screen: 'compliance', label: 'Compliance', path: FIXED.compliance },
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
    case 'compliance':
      return roles.some((r) => SEES_EVERYONE.includes(r));
    case 'my-supervision':
    case 'session':
    case 'record':
      return true;
  }
}

/** The navigation for someone's roles: admin and leads see everything, oversight the sessions and compliance, others their own. */
export function navItemsFor(roles: readonly string[]): NavItem[] {
  return ALL_ITEMS.filter((item) => canOpen(item.screen, roles));
}

/** The screen's name, for the document title and the navigation. */
export function screenTitle(route: Route): string {
  if (route.screen === 'session') return 'Session';
  if (route.screen === 'record') return 'Record';
  if (route.screen === 'not-found') return 'Page not found';
  return ALL_ITEMS.find((i) => i.screen === route.screen)?.label ?? 'Safeguarding supervision';
}
