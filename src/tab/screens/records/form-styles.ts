import { makeStyles, shorthands, tokens, typographyStyles } from '@fluentui/react-components';

/** The look shared by the record and decision forms: a column of fields, grouped in bordered fieldsets. */
export const useRecordFormStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL },
  fieldset: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    margin: 0,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    ...shorthands.border(tokens.strokeWidthThin, 'solid', tokens.colorNeutralStroke2),
    minWidth: 0,
  },
  legend: { ...typographyStyles.body1Strong, paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS },
  problem: { ...typographyStyles.body1Strong, margin: 0, color: tokens.colorPaletteRedForeground1 },
});
