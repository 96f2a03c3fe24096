// Sign-in for the Outlook add-in's panes, with the tab's pieces: the server's config, Nested App
// Authentication through MSAL inside Outlook (the same API scope and the same role checks on the
// server as the tab), the emulator's demo picker against a local server. The token stays in memory
// and is renewed before it expires (auth/access-tokens.ts).

import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import type { DevUser, Me } from '../api/schemas.js';
import { createTokenStore, type AccessTokens } from '../auth/access-tokens.js';
import { signInAsDemoUser } from '../auth/dev-sign-in.js';
import { acquireTokenWithNaa } from '../auth/naa-sign-in.js';
import { userMessageFor } from '../user-message.js';
import type { OfficeApi } from './office.js';

export type PaneView =
  | { readonly kind: 'loading'; readonly label: string }
  | { readonly kind: 'not-in-outlook' }
  | { readonly kind: 'picker'; readonly users: readonly DevUser[] }
  | { readonly kind: 'signed-in'; readonly me: Me }
  | { readonly kind: 'retry' };

export interface PaneSignIn {
  readonly view: PaneView;
  readonly error: string | null;
  readonly busy: boolean;
  readonly userActed: boolean;
  readonly accessTokens: AccessTokens;
  signInAs(userId: string): void;
  retry(): void;
}

/** `office`: Office.js once ready (undefined outside Outlook); null while it is still loading. */
export function useAddinSignIn(api: ApiClient, office: OfficeApi | undefined | null): PaneSignIn {
  const [view, setView] = useState<PaneView>({ kind: 'loading', label: 'Loading' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [userActed, setUserActed] = useState(false);
  const [accessTokens] = useState(createTokenStore);

  const start = useCallback(
    async (signal: AbortSignal) => {
      if (office === null) return;
      setError(null);
      setView({ kind: 'loading', label: 'Loading' });
      try {
        const config = await api.getConfig(signal);
        if (signal.aborted) return;
        if (config.mode === 'local') {
          const users = await api.getDevUsers(signal);
          if (!signal.aborted) setView({ kind: 'picker', users });
          return;
        }
        if (!office) {
          setView({ kind: 'not-in-outlook' });
          return;
        }
        setView({ kind: 'loading', label: 'Signing you in' });
        const accessToken = await acquireTokenWithNaa(config);
        const me = await api.getMe(accessToken, signal);
        if (signal.aborted) return;
        accessTokens.set(accessToken, () => acquireTokenWithNaa(config));
        setView({ kind: 'signed-in', me });
      } catch (thrown) {
        if (signal.aborted) return;
        setError(userMessageFor(thrown, 'The add-in could not start. Try again.'));
        setView({ kind: 'retry' });
      }
    },
    [api, office, accessTokens],
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
          const accessToken = await signInAsDemoUser(api, userId);
          const me = await api.getMe(accessToken);
          accessTokens.set(accessToken, () => signInAsDemoUser(api, userId));
          setView({ kind: 'signed-in', me });
        } catch (thrown) {
          setError(userMessageFor(thrown, 'Sign-in did not work. Try again.'));
        } finally {
          setBusy(false);
        }
      })();
    },
    [api, accessTokens],
  );

  const retry = useCallback(() => {
    setUserActed(true);
    void start(new AbortController().signal);
  }, [start]);

  return { view, error, busy, userActed, accessTokens, signInAs, retry };
}
