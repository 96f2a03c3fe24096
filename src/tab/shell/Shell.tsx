import { Button, makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type MouseEvent } from 'react';
import { authorisedApi } from '../api/authorised.js';
import type { AccessTokens } from '../auth/access-tokens.js';
import type { ApiClient } from '../api/client.js';
import type { Me } from '../api/schemas.js';
import { Frame } from '../components/Frame.js';
import { Loading } from '../components/Loading.js';
import { signedInAs } from '../components/signed-in-as.js';
import { useFocusOnMount } from '../components/use-focus-on-mount.js';
import { canOpen, navItemsFor, screenTitle, type Route } from '../router/routes.js';
import { useRouter } from '../router/use-router.js';
import { ShellContext, type Notices, type ShellContextValue } from './contexts.js';
import { ScreenBoundary } from './ScreenBoundary.js';
import { NoAccess, NotFound } from './SimpleScreens.js';

// Each screen is its own chunk, loaded when first opened, so the first page stays small.
const SchoolYearScreen = lazy(() => import('../screens/school-year/SchoolYearScreen.js'));
const ArrangementsScreen = lazy(() => import('../screens/arrangements/ArrangementsScreen.js'));
const BookYearScreen = lazy(() => import('../screens/booking/BookYearScreen.js'));
const MySupervisionScreen = lazy(() => import('../screens/sessions/MySupervisionScreen.js'));
const EveryoneScreen = lazy(() => import('../screens/sessions/EveryoneScreen.js'));
// Compliance brings the chart library (@fluentui/react-charts, d3): only in its own chunk.
const ComplianceScreen = lazy(() => import('../screens/compliance/ComplianceScreen.js'));
const SessionScreen = lazy(() => import('../screens/sessions/SessionScreen.js'));
const RecordScreen = lazy(() => import('../screens/records/RecordScreen.js'));

/** Below this width the navigation folds behind a "Menu" button (Teams' narrow tab, phones). */
const NARROW = '@media (max-width: 639px)';

const useStyles = makeStyles({
  account: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
  },
  accountName: {
    ...typographyStyles.body1,
    color: tokens.colorNeutralForeground2,
    margin: 0,
    ':focus': { outlineStyle: 'none' },
    ':focus-visible': {
      outlineWidth: tokens.strokeWidthThick,
      outlineStyle: 'solid',
      outlineColor: tokens.colorStrokeFocus2,
      borderRadius: tokens.borderRadiusSmall,
    },
  },
  menuButton: {
    display: 'none',
    [NARROW]: { display: 'inline-flex' },
  },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalXS,
    rowGap: tokens.spacingVerticalXS,
    [NARROW]: { flexDirection: 'column', paddingBottom: tokens.spacingVerticalS },
  },
  closed: {
    [NARROW]: { display: 'none' },
  },
  link: {
    ...typographyStyles.body1,
    display: 'block',
    color: tokens.colorNeutralForeground2,
    textDecorationLine: 'none',
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    borderBottomWidth: tokens.strokeWidthThick,
    borderBottomStyle: 'solid',
    borderBottomColor: 'transparent',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover, color: tokens.colorNeutralForeground1 },
    ':focus-visible': {
      outlineWidth: tokens.strokeWidthThick,
      outlineStyle: 'solid',
      outlineColor: tokens.colorStrokeFocus2,
    },
  },
  current: {
    ...typographyStyles.body1Strong,
    color: tokens.colorNeutralForeground1,
    borderBottomColor: tokens.colorCompoundBrandStroke,
    borderBottomLeftRadius: 0,
    borderBottomRightRadius: 0,
    [NARROW]: {
      borderBottomColor: 'transparent',
      borderLeftWidth: tokens.strokeWidthThick,
      borderLeftStyle: 'solid',
      borderLeftColor: tokens.colorCompoundBrandStroke,
      borderRadius: 0,
    },
  },
});

/**
 * The signed-in app: who is signed in, the navigation their roles allow, and the screen for the
 * address (a meeting invitation's /sessions/{id} included). Screens load on demand.
 */
export function Shell({
  api: client,
  me,
  accessTokens,
  signInError,
  onSwitchUser,
  focusAccount,
}: {
  readonly api: ApiClient;
  readonly me: Me;
  readonly accessTokens: AccessTokens;
  /** An error from signing in, shown until a screen says something newer. */
  readonly signInError: string | null;
  /** Demo mode only: back to the demo-user picker. */
  readonly onSwitchUser?: (() => void) | undefined;
  /** Move focus to "Signed in as …" (the person just signed in). */
  readonly focusAccount: boolean;
}) {
  const styles = useStyles();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const accountRef = useFocusOnMount<HTMLHeadingElement>(focusAccount);
  const roles = useMemo(() => me.roles ?? [], [me.roles]);
  const items = useMemo(() => navItemsFor(roles), [roles]);

  const api = useMemo(() => authorisedApi(client, accessTokens), [client, accessTokens]);
  const notices = useMemo<Notices>(
    () => ({
      showError: (message) => {
        setError(message);
        if (message) setStatus(null);
      },
      showStatus: (message) => {
        setStatus(message);
        if (message) setError(null);
      },
    }),
    [],
  );
  const context = useMemo<ShellContextValue>(
    () => ({ api, notices, router, roles, me: { id: me.id, displayName: me.displayName } }),
    [api, notices, router, roles, me.id, me.displayName],
  );

  // A new screen starts with nothing announced and the menu folded.
  useEffect(() => {
    setError(null);
    setStatus(null);
    setMenuOpen(false);
  }, [router.path]);

  useEffect(() => {
    document.title = `${screenTitle(router.route)} – Safeguarding supervision`;
    return () => {
      document.title = 'Safeguarding supervision';
    };
  }, [router.route]);

  const follow = useCallback(
    (event: MouseEvent<HTMLAnchorElement>, path: string) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      router.navigate(path);
    },
    [router],
  );

  const account = (
    <div className={styles.account}>
      <h2 id="signed-in-heading" ref={accountRef} tabIndex={-1} className={styles.accountName}>
        {signedInAs(me)}
      </h2>
      {onSwitchUser ? (
        <Button size="small" appearance="subtle" onClick={onSwitchUser}>
          Sign in as someone else
        </Button>
      ) : null}
    </div>
  );

  // One or two sections fit on the narrowest screen; more fold behind the menu button.
  const folds = items.length > 2;
  const nav = (
    <nav aria-label="Sections">
      <ul id="app-sections" className={mergeClasses(styles.list, folds && !menuOpen && styles.closed)}>
        {items.map((item) => {
          const current = item.screen === router.route.screen;
          return (
            <li key={item.screen}>
              <a
                href={item.path}
                className={mergeClasses(styles.link, current && styles.current)}
                aria-current={current ? 'page' : undefined}
                onClick={(event) => follow(event, item.path)}
              >
                {item.label}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );

  const menuButton = folds ? (
    <Button className={styles.menuButton} aria-expanded={menuOpen} aria-controls="app-sections" onClick={() => setMenuOpen((open) => !open)}>
      Menu
    </Button>
  ) : null;

  return (
    <ShellContext.Provider value={context}>
      <Frame
        wide
        error={error ?? signInError}
        status={status}
        titleAction={menuButton}
        headerContent={
          <>
            {account}
            {nav}
          </>
        }
      >
        <ScreenBoundary key={router.path}>
          <Suspense fallback={<Loading label="Opening" />}>{screenFor(router.route, roles)}</Suspense>
        </ScreenBoundary>
      </Frame>
    </ShellContext.Provider>
  );
}

function screenFor(route: Route, roles: readonly string[]) {
  if (route.screen === 'not-found') return <NotFound />;
  if (!canOpen(route.screen, roles)) return <NoAccess />;
  switch (route.screen) {
    case 'school-year':
      return <SchoolYearScreen />;
    case 'arrangements':
      return <ArrangementsScreen />;
    case 'book':
      return <BookYearScreen />;
    case 'my-supervision':
      return <MySupervisionScreen />;
    case 'everyone':
      return <EveryoneScreen />;
    case 'compliance':
      return <ComplianceScreen />;
    case 'session':
      return <SessionScreen sessionId={route.sessionId} />;
    case 'record':
      return <RecordScreen recordId={route.recordId} version={route.version} />;
  }
}
