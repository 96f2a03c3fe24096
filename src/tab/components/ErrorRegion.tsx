import { AnnounceProvider, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  // An empty region takes no space; a message gets the gap below it.
  bar: { marginBottom: tokens.spacingVerticalL },
});

// MessageBar announces itself when it appears; the alert region below already does, so its own
// announcement is switched off to avoid the message being read out twice.
const silent = { announce: () => undefined };

/**
 * Always rendered, so assistive technology is already watching it when an error arrives
 * (`role="alert"` is an assertive live region). Shows plain words only.
 */
export function ErrorRegion({ message }: { readonly message: string | null }) {
  const styles = useStyles();
  return (
    <div role="alert" aria-atomic="true">
      {message ? (
        <AnnounceProvider value={silent}>
          <MessageBar intent="error" layout="multiline" className={styles.bar}>
            <MessageBarBody>
              <MessageBarTitle>Something went wrong.</MessageBarTitle> {message}
            </MessageBarBody>
          </MessageBar>
        </AnnounceProvider>
      ) : null}
    </div>
  );
}
