import { MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  // An empty region takes no space; a message gets the gap below it.
  bar: { marginBottom: tokens.spacingVerticalL },
});

/**
 * Always rendered, so assistive technology is already watching it when an error arrives
 * (`role="alert"` is an assertive live region). Shows plain words only.
 */
export function ErrorRegion({ message }: { readonly message: string | null }) {
  const styles = useStyles();
  return (
    <div role="alert" aria-atomic="true">
      {message ? (
        <MessageBar intent="error" layout="multiline" className={styles.bar}>
          <MessageBarBody>{message}</MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}
