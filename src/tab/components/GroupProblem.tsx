import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useId, type ReactElement } from 'react';

const useStyles = makeStyles({
  // As Fluent Field's validation message in its error state (caption, red, just under what it is about).
  message: { ...typographyStyles.caption1, display: 'block', margin: 0, marginTop: tokens.spacingVerticalXXS, color: tokens.colorPaletteRedForeground1 },
});

/**
 * A problem about a group of inputs (a fieldset, a role=group or a region) rather than one input, as
 * Fluent Field does for one: `groupProps` go on the group (aria-describedby naming the message, so it is
 * read with the group's name), `message` is the message, styled as Field's. The screens announce problems
 * in their alert region, so by default the message is not an alert of its own (`announced: false` in
 * fieldProblem); pass `announced: true` where nothing else announces it.
 */
export function useGroupProblem(
  text: string | null | undefined,
  options: { announced?: boolean } = {},
): { readonly groupProps: { readonly 'aria-describedby'?: string }; readonly message: ReactElement | null } {
  const id = useId();
  const styles = useStyles();
  if (!text) return { groupProps: {}, message: null };
  return {
    groupProps: { 'aria-describedby': id },
    message: (
      <p id={id} className={styles.message} role={options.announced === true ? 'alert' : undefined}>
        {text}
      </p>
    ),
  };
}
