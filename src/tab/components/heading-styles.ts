import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

/** Section headings that receive focus programmatically: visible outline for keyboard focus only. */
export const useHeadingStyles = makeStyles({
  heading: {
    ...typographyStyles.subtitle1,
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
  section: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
  },
  text: {
    ...typographyStyles.body1,
    margin: 0,
  },
});
