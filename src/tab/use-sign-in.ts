// The tab's sign-in flow as a React hook: detect the host, read the server's config, choose the
// sign-in path, and sign in. The access token lives only in memory (auth/access-tokens.ts), never in
// localStorage or sessionStorage, and is renewed by calling again the sign-in that got it.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from './api/client.js';
import type { DevUser, Me } from './api/schemas.js';
import { detectHost } from './auth/detect-host.js';
import { signInAsDemoUser } from './auth/dev-sign-in.js';
import { createTokenStore, type AccessTokens } from './auth/access-tokens.js';
import { acquireTokenWithNaa } from './auth/naa-sign-in.js';
import { SignInError } from './auth/sign-in-error.js';
import { signInInOrder } from './auth/sign-in-in-order.js';
import { chooseSignInPath } from './auth/sign-in-path.js';
import { acquireTokenWithTeamsSso } from './auth/teams-sso-sign-in.js';
import { themeNameFromHost, type ThemeName } from './auth/theme-name.js';
import { userMessageFor } from './user-message.js';

const COULD_NOT_START = 'The app could not finish starting';
const NOT_SIGNED_IN = 'You are not signed in';

export type View =
  | { readonly kind: 'loading'; readonly label: string }
  | { readonly kind: 'not-hosted' }
  | { readonly kind: 'picker'; readonly users: readonly DevUser[] }
  | { readonly kind: 'signed-in'; readonly me: Me; readonly demo: boolean }
  | { readonly kind: 'retry'; readonly heading: string };

export interface SignInState {
  readonly view: View;
  /** Plain words for the error region, or null. */
  readonly error: string | null;
  readonly theme: ThemeName;
  /** Running inside Teams / Outlook / the Microsoft 365 app. */
  readonly hosted: boolean;
  /** A demo sign-in is in flight. */
  readonly busy: boolean;
  /** True once the user has acted, so views may move focus to their heading. */
  readonly userActed: boolean;
  /** The signed-in user's access token for /api calls, renewed before it expires. Held in memory only. */
  readonly accessTokens: AccessTokens;
  signInAs(userId: string): void;
  switchUser(): void;
  retry(): void;
}

export function useSignIn(api: ApiClient): SignInState {
  const [view, setView] = useState<View>({ kind: 'loading', label: 'Loading' });
  const [error, setError] = useState<string | null>(null);
  const [theme, setTheme] = useState<ThemeName>('light');
  const [hosted, setHosted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [userActed, setUserActed] = useState(false);
  const [accessTokens] = useState(createTokenStore);
  const demoUsers = useRef<readonly DevUser[]>([]);

  const start = useCallback(
    async (signal: AbortSignal) => {
      setError(null);
      setView({ kind: 'loading', label: 'Loading' });
      try {
        const host = await detectHost();
        const config = await api.getConfig(signal);
        if (signal.aborted) return;
        if ('teams' in host) {
          setHosted(true);
          setTheme(host.theme);
          host.teams.app.registerOnThemeChangeHandler((name) => setTheme(themeNameFromHost(name)));
        }

        const path = chooseSignInPath(host.info, config.mode);
        switch (path.kind) {
          case 'not-hosted':
            setView({ kind: 'not-hosted' });
            return;
          case 'dev-picker': {
            const users = await api.getDevUsers(signal);
            if (signal.aborted) return;
            if (users.length === 0) {
              setError('The Microsoft 365 emulator has no demo users. Restart it so it loads its demo school.');
              setView({ kind: 'retry', heading: COULD_NOT_START });
              return;
            }
            demoUsers.current = users;
            setView({ kind: 'picker', users });
            return;
          }
          case 'hosted': {
            if (!('teams' in host)) return; // chooseSignInPath only says 'hosted' for a host
            setView({ kind: 'loading', label: 'Signing you in' });
            const acquire = { naa: () => acquireTokenWithNaa(config), 'teams-sso': () => acquireTokenWithTeamsSso(host.teams) };
            const { accessToken: token, method } = await signInInOrder(path.methods, acquire, (method, failure) =>
              console.warn(`Sign-in with ${method} did not work (${failure.failure}).`, failure.detail),
            );
            const me = await api.getMe(token, signal);
            if (signal.aborted) return;
            // Renewal asks the method that worked again: MSAL and Teams return a cached token until it nears expiry.
            accessTokens.set(token, acquire[method]);
            setView({ kind: 'signed-in', me, demo: false });
            return;
          }
        }
      } catch (thrown) {
        if (signal.aborted) return;
        setError(userMessageFor(thrown, 'The app could not start. Try again.'));
        setView({ kind: 'retry', heading: thrown instanceof SignInError ? NOT_SIGNED_IN : COULD_NOT_START });
      }
    },
    [api, accessTokens],
  );

  useEffect(() => {
    const controller = new AbortController();
    void start(controller.signal);
    return () => controller.abort();
  }, [start]);

  const signInAs = useCallback(
    (userId: string) => {
      setUserActed(true);
      setBusy(true);
      setError(null);
      void (async () => {
        try {
          const token = await signInAsDemoUser(api, userId);
          const me = await api.getMe(token);
          accessTokens.set(token, () => signInAsDemoUser(api, userId));
          setView({ kind: 'signed-in', me, demo: true });
        } catch (thrown) {
          setError(userMessageFor(thrown, 'Sign-in did not work. Try again.'));
        } finally {
          setBusy(false);
        }
      })();
    },
    [api, accessTokens],
  );

  const switchUser = useCallback(() => {
    setUserActed(true);
    accessTokens.clear();
    setError(null);
    setView({ kind: 'picker', users: demoUsers.current });
  }, [accessTokens]);

  const retry = useCallback(() => {
    setUserActed(true);
    void start(new AbortController().signal);
  }, [start]);

  return { view, error, theme, hosted, busy, userActed, accessTokens, signInAs, switchUser, retry };
}
