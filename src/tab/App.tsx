import { FluentProvider, makeStyles, tokens } from '@fluentui/react-components';
import type { ApiClient } from './api/client.js';
import { Frame } from './components/Frame.js';
import { Loading } from './components/Loading.js';
import { NotHosted } from './components/NotHosted.js';
import { RetryPanel } from './components/RetryPanel.js';
import { SignInPicker } from './components/SignInPicker.js';
import { useFluentTheme } from './components/use-fluent-theme.js';
import { Shell } from './shell/Shell.js';
import { useSignIn } from './use-sign-in.js';

const useStyles = makeStyles({
  // On a page inside the provider, not on the provider: Fluent gives portals (a dropdown's list, a
  // dialog) the provider's classes, and a 100vh portal layer over the page would take its clicks.
  page: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
  },
});

export function App({ api }: { readonly api: ApiClient }) {
  const styles = useStyles();
  const state = useSignIn(api);
  const { view } = state;
  const theme = useFluentTheme(state.theme, state.hosted);

  return (
    <FluentProvider theme={theme}>
      <div className={styles.page}>
        {view.kind === 'signed-in' ? (
          <Shell
            api={api}
            me={view.me}
            accessTokens={state.accessTokens}
            signInError={state.error}
            onSwitchUser={view.demo ? state.switchUser : undefined}
            focusAccount={state.userActed}
          />
        ) : (
          <Frame error={state.error}>
            {view.kind === 'loading' ? <Loading label={view.label} /> : null}
            {view.kind === 'not-hosted' ? <NotHosted /> : null}
            {view.kind === 'picker' ? <SignInPicker users={view.users} busy={state.busy} onSignIn={state.signInAs} focusOnMount={state.userActed} /> : null}
            {view.kind === 'retry' ? <RetryPanel heading={view.heading} onRetry={state.retry} focusOnMount={state.userActed} /> : null}
          </Frame>
        )}
      </div>
    </FluentProvider>
  );
}
