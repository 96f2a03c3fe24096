import {
  FluentProvider,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import type { ApiClient } from './api/client.js';
import { ErrorRegion } from './components/ErrorRegion.js';
import { Loading } from './components/Loading.js';
import { NotHosted } from './components/NotHosted.js';
import { RetryPanel } from './components/RetryPanel.js';
import { SignedIn } from './components/SignedIn.js';
import { SignInPicker } from './components/SignInPicker.js';
import { useFluentTheme } from './components/use-fluent-theme.js';
import { useSignIn } from './use-sign-in.js';

const useStyles = makeStyles({
  provider: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  main: {
    boxSizing: 'border-box',
    maxWidth: '42rem',
    marginLeft: 'auto',
    marginRight: 'auto',
    paddingTop: tokens.spacingVerticalXXL,
    paddingBottom: tokens.spacingVerticalXXL,
    paddingLeft: tokens.spacingHorizontalL,
    paddingRight: tokens.spacingHorizontalL,
  },
  title: {
    ...typographyStyles.title2,
    marginTop: 0,
    marginBottom: tokens.spacingVerticalL,
  },
  card: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
    padding: tokens.spacingHorizontalXL,
  },
});

export function App({ api }: { readonly api: ApiClient }) {
  const styles = useStyles();
  const state = useSignIn(api);
  const { view } = state;
  const theme = useFluentTheme(state.theme, state.hosted);

  return (
    <FluentProvider theme={theme} className={styles.provider}>
      <main className={styles.main} aria-labelledby="app-title">
        <h1 id="app-title" className={styles.title}>
          Safeguarding supervision
        </h1>
        <ErrorRegion message={state.error} />
        <div className={styles.card}>
          {view.kind === 'loading' ? <Loading label={view.label} /> : null}
          {view.kind === 'not-hosted' ? <NotHosted /> : null}
          {view.kind === 'picker' ? (
            <SignInPicker
              users={view.users}
              busy={state.busy}
              onSignIn={state.signInAs}
              focusOnMount={state.userActed}
            />
          ) : null}
          {view.kind === 'signed-in' ? (
            <SignedIn
              me={view.me}
              onSwitchUser={view.demo ? state.switchUser : undefined}
              focusOnMount={state.userActed}
            />
          ) : null}
          {view.kind === 'retry' ? (
            <RetryPanel heading={view.heading} onRetry={state.retry} focusOnMount={state.userActed} />
          ) : null}
        </div>
      </main>
    </FluentProvider>
  );
}
