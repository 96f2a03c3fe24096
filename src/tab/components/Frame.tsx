import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { ErrorRegion } from './ErrorRegion.js';
import { StatusRegion } from './StatusRegion.js';

const useStyles = makeStyles({
  header: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottomWidth: tokens.strokeWidthThin,
    borderBottomStyle: 'solid',
    borderBottomColor: tokens.colorNeutralStroke2,
  },
  inner: {
    boxSizing: 'border-box',
    maxWidth: '72rem',
    marginLeft: 'auto',
    marginRight: 'auto',
    paddingLeft: tokens.spacingHorizontalL,
    paddingRight: tokens.spacingHorizontalL,
  },
  headerInner: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalM,
    paddingBottom: tokens.spacingVerticalS,
  },
  titleRow: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalM,
    minHeight: '32px',
  },
  title: {
    ...typographyStyles.subtitle1,
    margin: 0,
  },
  main: {
    paddingTop: tokens.spacingVerticalXL,
    paddingBottom: tokens.spacingVerticalXXL,
  },
  narrow: { maxWidth: '42rem' },
  card: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
    padding: tokens.spacingHorizontalXL,
    '@media (max-width: 479px)': {
      paddingLeft: tokens.spacingHorizontalM,
      paddingRight: tokens.spacingHorizontalM,
    },
  },
});

/**
 * The page: a banner with the app's name (the one h1), whatever the state adds to it (the account
 * and the navigation once signed in), and the main region with the alert and status regions above
 * the content. The main region is named by the app's name.
 */
export function Frame({
  error,
  status = null,
  titleAction,
  headerContent,
  wide = false,
  children,
}: {
  readonly error: string | null;
  readonly status?: string | null;
  /** Beside the title (the narrow-screen menu button). */
  readonly titleAction?: ReactNode;
  /** Below the title, inside the banner (account, navigation). */
  readonly headerContent?: ReactNode;
  /** Screens with tables use the full width; sign-in keeps a narrow column. */
  readonly wide?: boolean;
  readonly children: ReactNode;
}) {
  const styles = useStyles();
  const inner = wide ? styles.inner : `${styles.inner} ${styles.narrow}`;
  return (
    <>
      <header className={styles.header}>
        <div className={`${inner} ${styles.headerInner}`}>
          <div className={styles.titleRow}>
            <h1 id="app-title" className={styles.title}>
              Safeguarding supervision
            </h1>
            {titleAction}
          </div>
          {headerContent}
        </div>
      </header>
      <main className={`${inner} ${styles.main}`} aria-labelledby="app-title">
        <ErrorRegion message={error} />
        <StatusRegion message={status} />
        <div className={styles.card}>{children}</div>
      </main>
    </>
  );
}
