// A tiny History API router: the current path in React state, `navigate` pushes a new entry, the
// back and forward buttons (popstate) are followed. `navigations` counts moves made by the person
// (not the first page load), so a screen moves focus to its heading only when they navigated to it.

import { useCallback, useEffect, useMemo, useState } from 'react';
import { matchRoute, type Route } from './routes.js';

export interface Router {
  readonly path: string;
  readonly route: Route;
  readonly navigations: number;
  navigate(path: string): void;
}

export function useRouter(): Router {
  const [state, setState] = useState(() => ({ path: window.location.pathname, navigations: 0 }));

  useEffect(() => {
    const onPop = () => setState((s) => ({ path: window.location.pathname, navigations: s.navigations + 1 }));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate = useCallback((path: string) => {
    if (path !== window.location.pathname) window.history.pushState(null, '', path);
    window.scrollTo?.(0, 0);
    setState((s) => ({ path, navigations: s.navigations + 1 }));
  }, []);

  const route = useMemo(() => matchRoute(state.path), [state.path]);
  return { path: state.path, route, navigations: state.navigations, navigate };
}
