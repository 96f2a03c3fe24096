import { MessageBar, MessageBarBody, makeStyles } from '@fluentui/react-components';

const useStyles = makeStyles({
  region: { display: 'contents' },
});

/**
 * Always rendered, so assistive technology is already watching it when an error arrives
 * (`role="alert"` is an assertive live region). Shows plain words only.
 */
export function ErrorRegion({ message }: { readonly message: string | null }) {
  const styles = useStyles();
  return (
    <div role="alert" aria-atomic="true" className={styles.region} data-testid="error-region">
      {message ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{message}</MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}
