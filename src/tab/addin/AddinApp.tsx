import { Button, FluentProvider, makeStyles, tokens, webLightTheme } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { authorisedApi } from '../api/authorised.js';
import type { ApiClient } from '../api/client.js';
import { Frame } from '../components/Frame.js';
import { useHeadingStyles } from '../components/heading-styles.js';
import { Loading } from '../components/Loading.js';
import { RetryPanel } from '../components/RetryPanel.js';
import { SignInPicker } from '../components/SignInPicker.js';
import { matchRoute } from '../router/routes.js';
import { ShellContext, type ShellContextValue } from '../shell/contexts.js';
import { MailPane } from './MailPane.js';
import { MeetingPane } from './MeetingPane.js';
import type { OfficeApi } from './office.js';
import { readOpenedItem, type OpenedItem } from './outlook-item.js';
import { useAddinSignIn } from './use-addin-sign-in.js';

const useStyles = makeStyles({
  page: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
  account: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground2, margin: 0 },
});

/**
 * The Outlook add-in's task pane: signs in as the tab does, then shows the meeting pane (a supervision
 * meeting) or the mail pane (an email), from the item Outlook opened it on.
 */
export function AddinApp({ api, office }: { readonly api: ApiClient; readonly office: OfficeApi | undefined | null }) {
  const styles = useStyles();
  const heading = useHeadingStyles();
  const signIn = useAddinSignIn(api, office);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const { view } = signIn;
  // null while Outlook is asked for the item's id (the organiser's meeting gives it only asynchronously).
  const [item, setItem] = useState<OpenedItem | null>(null);
  useEffect(() => {
    if (!office) {
      setItem(office === null ? null : { kind: 'none' });
      return;
    }
    let current = true;
    readOpenedItem(office).then(
      (opened) => current && setItem(opened),
      () => current && setItem({ kind: 'none' }),
    );
    return () => {
      current = false;
    };
  }, [office]);
  useEffect(() => setError(signIn.error), [signIn.error]);

  const shell = useMemo<ShellContextValue | null>(() => {
    if (view.kind !== 'signed-in') return null;
    return {
      api: authorisedApi(api, signIn.accessTokens),
      notices: { showError: setError, showStatus: setStatus },
      // The pane has no screens to go to: a link opens the tab itself.
      router: { path: '/', route: matchRoute('/'), navigations: 0, navigate: (path: string) => window.open(path, '_blank', 'noopener') },
      roles: view.me.roles ?? [],
      me: { id: view.me.id, displayName: view.me.displayName },
    };
  }, [api, signIn.accessTokens, view]);

  return (
    <FluentProvider theme={webLightTheme}>
      <div className={styles.page}>
        <Frame error={error} status={status} headerContent={view.kind === 'signed-in' ? <p className={styles.account}>Signed in as {view.me.displayName}</p> : undefined}>
          {view.kind === 'loading' || office === null ? <Loading label={view.kind === 'loading' ? view.label : 'Loading'} /> : null}
          {view.kind === 'not-in-outlook' ? (
            <section className={heading.section} aria-labelledby="not-in-outlook-heading">
              <h2 id="not-in-outlook-heading" className={heading.heading}>
                Open this in Outlook
              </h2>
              <p className={heading.text}>
                This pane is part of the Safeguarding Supervision add-in for Outlook. Open a supervision meeting or an email in Outlook and choose its button.
              </p>
            </section>
          ) : null}
          {view.kind === 'picker' ? <SignInPicker users={view.users} busy={signIn.busy} onSignIn={signIn.signInAs} focusOnMount={signIn.userActed} /> : null}
          {view.kind === 'retry' ? <RetryPanel heading="The add-in could not start" onRetry={signIn.retry} focusOnMount={signIn.userActed} /> : null}
          {shell ? (
            <ShellContext.Provider value={shell}>
              {item === null ? <Loading label="Reading the item open in Outlook" /> : null}
              {item?.kind === 'meeting' ? <MeetingPane meeting={item} /> : null}
              {item?.kind === 'mail' ? <MailPane subject={item.subject} readBodyText={item.readBodyText} /> : null}
              {item?.kind === 'none' ? (
                <section className={heading.section} aria-labelledby="no-item-heading">
                  <h2 id="no-item-heading" className={heading.heading}>
                    Nothing open
                  </h2>
                  <p className={heading.text}>Open a supervision meeting or an email in Outlook, then choose the add-in&apos;s button again.</p>
                  <div>
                    <Button as="a" href="/" target="_blank">
                      Open the Supervision tab
                    </Button>
                  </div>
                </section>
              ) : null}
            </ShellContext.Provider>
          ) : null}
        </Frame>
      </div>
    </FluentProvider>
  );
}
