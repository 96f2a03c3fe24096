// A tiny History API router: the current path (and query, for a record's ?version=N) in React state, `navigate` pushes a new entry, the
// back and forward buttons (popstate) are followed. `navigations` counts moves made by the person
// (not the first page load), so a screen moves focus to its heading only when they navigated to it.

import { useCallback, useEffect, useMemo, useState } from 'react';
import { matchRoute, type Route } from './routes.js';

/** Where the browser is: the pathname and any query ('/records/x?version=2'). */
const here = () => window.location.pathname + window.location.search;

export interface Router {
  /** The pathname and query. */
  readonly path: string;
  readonly route: Route;
  readonly navigations: number;
  navigate(path: string): void;
}

export function useRouter(): Router {
  const [state, setState] = useState(() => ({ path: here(), navigations: 0 }));

  useEffect(() => {
    const onPop = () => setState((s) => ({ path: here(), navigations: s.navigations + 1 }));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate = useCallback((path: string) => {
    if (path !== here()) window.history.pushState(null, '', path);
    window.scrollTo?.(0, 0);
    setState((s) => ({ path, navigations: s.navigations + 1 }));
  }, []);

  const route = useMemo(() => {
    const at = state.path.indexOf('?');
    return at < 0 ? matchRoute(state.path) : matchRoute(state.path.slice(0, at), state.path.slice(at));
  }, [state.path]);
  return { path: state.path, route, navigations: state.navigations, navigate };
}
