import { AnnounceProvider, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  bar: { marginBottom: tokens.spacingVerticalL },
});

const silent = { announce: () => undefined };

/**
 * Confirmations ("Saved", "Session moved to …"): a polite live region, always rendered so assistive
 * technology is watching it before anything is said. The text is also shown, so no one depends on hearing it.
 */
export function StatusRegion({ message }: { readonly message: string | null }) {
  const styles = useStyles();
  return (
    <div role="status" aria-atomic="true">
      {message ? (
        <AnnounceProvider value={silent}>
          <MessageBar intent="success" layout="multiline" className={styles.bar}>
            <MessageBarBody>{message}</MessageBarBody>
          </MessageBar>
        </AnnounceProvider>
      ) : null}
    </div>
  );
}
