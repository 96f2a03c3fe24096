import { makeStyles, shorthands, tokens, typographyStyles } from '@fluentui/react-components';
import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';
import { useShell } from './contexts.js';

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
    minWidth: 0,
  },
  heading: {
    ...typographyStyles.title3,
    margin: 0,
    ':focus': { outlineStyle: 'none' },
    ':focus-visible': {
      outlineWidth: tokens.strokeWidthThick,
      outlineStyle: 'solid',
      outlineColor: tokens.colorStrokeFocus2,
      outlineOffset: tokens.spacingHorizontalXXS,
      borderRadius: tokens.borderRadiusSmall,
    },
  },
  intro: { ...typographyStyles.body1, margin: 0, color: tokens.colorNeutralForeground2 },
});

/**
 * A screen: a section named by its h2. The heading takes focus when the person navigated here (so
 * keyboard and screen-reader users land on the new screen), not on the first page load.
 */
export function Screen({
  title,
  intro,
  headingRef,
  children,
}: {
  readonly title: string;
  readonly intro?: ReactNode;
  /** For screens that move focus back to their heading (after a panel closes, say). */
  readonly headingRef?: RefObject<HTMLHeadingElement | null>;
  readonly children: ReactNode;
}) {
  const styles = useStyles();
  const { router } = useShell();
  const id = useId();
  const ownRef = useRef<HTMLHeadingElement>(null);
  const heading = headingRef ?? ownRef;
  const navigated = router.navigations > 0;
  useEffect(() => {
    if (navigated) heading.current?.focus();
  }, [navigated]);
  return (
    <section className={styles.section} aria-labelledby={id}>
      <h2 id={id} ref={heading} tabIndex={-1} className={styles.heading}>
        {title}
      </h2>
      {intro ? <p className={styles.intro}>{intro}</p> : null}
      {children}
    </section>
  );
}

/** Styles shared by screens: sub-headings, lists of facts, button rows. */
export const useScreenStyles = makeStyles({
  h3: {
    ...typographyStyles.subtitle1,
    margin: 0,
    ':focus': { outlineStyle: 'none' },
    ':focus-visible': {
      outlineWidth: tokens.strokeWidthThick,
      outlineStyle: 'solid',
      outlineColor: tokens.colorStrokeFocus2,
      borderRadius: tokens.borderRadiusSmall,
    },
  },
  h4: { ...typographyStyles.subtitle2, margin: 0 },
  text: { ...typographyStyles.body1, margin: 0 },
  muted: { ...typographyStyles.body1, margin: 0, color: tokens.colorNeutralForeground2 },
  small: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2 },
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, minWidth: 0 },
  stackLoose: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXL, minWidth: 0 },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS },
  rowEnd: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS },
  panel: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    ...shorthands.border(tokens.strokeWidthThin, 'solid', tokens.colorNeutralStroke2),
    minWidth: 0,
  },
  /** A table that scrolls sideways on a narrow screen instead of squeezing its columns. */
  scroll: { overflowX: 'auto', maxWidth: '100%' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  plainList: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    '@media (max-width: 479px)': { gridTemplateColumns: '1fr', rowGap: 0 },
    '& dt': { ...typographyStyles.body1Strong },
    '& dd': {
      ...typographyStyles.body1,
      margin: 0,
      '@media (max-width: 479px)': { marginBottom: tokens.spacingVerticalS },
    },
  },
});
