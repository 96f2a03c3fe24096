import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  scroll: {
    overflowX: 'auto',
    maxWidth: '100%',
    ':focus-visible': {
      outlineWidth: tokens.strokeWidthThick,
      outlineStyle: 'solid',
      outlineColor: tokens.colorStrokeFocus2,
    },
  },
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    ...typographyStyles.body1,
    '& caption': { ...typographyStyles.body1Strong, textAlign: 'start', paddingBottom: tokens.spacingVerticalS },
    '& th': {
      ...typographyStyles.body1Strong,
      textAlign: 'start',
      verticalAlign: 'bottom',
      paddingTop: tokens.spacingVerticalS,
      paddingBottom: tokens.spacingVerticalS,
      paddingLeft: tokens.spacingHorizontalS,
      paddingRight: tokens.spacingHorizontalS,
      borderBottomWidth: tokens.strokeWidthThick,
      borderBottomStyle: 'solid',
      borderBottomColor: tokens.colorNeutralStroke1,
    },
    '& td': {
      textAlign: 'start',
      verticalAlign: 'top',
      paddingTop: tokens.spacingVerticalS,
      paddingBottom: tokens.spacingVerticalS,
      paddingLeft: tokens.spacingHorizontalS,
      paddingRight: tokens.spacingHorizontalS,
      borderBottomWidth: tokens.strokeWidthThin,
      borderBottomStyle: 'solid',
      borderBottomColor: tokens.colorNeutralStroke2,
    },
    '& tbody th': { ...typographyStyles.body1Strong, verticalAlign: 'top', borderBottomWidth: tokens.strokeWidthThin, borderBottomColor: tokens.colorNeutralStroke2 },
  },
});

/**
 * A native table (screen readers announce rows, columns and headers) inside a region that scrolls
 * sideways on a narrow screen; the region takes keyboard focus so it can be scrolled without a mouse.
 */
export function DataTable({
  label,
  caption,
  minWidth,
  children,
}: {
  readonly label: string;
  readonly caption?: ReactNode;
  readonly minWidth?: string;
  readonly children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <div className={styles.scroll} role="region" aria-label={label} tabIndex={0}>
      <table className={styles.table} style={minWidth ? { minWidth } : undefined}>
        {caption ? <caption>{caption}</caption> : null}
        {children}
      </table>
    </div>
  );
}
