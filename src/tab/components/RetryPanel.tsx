import { Button } from '@fluentui/react-components';
import { useHeadingStyles } from './heading-styles.js';
import { useFocusOnMount } from './use-focus-on-mount.js';

/** Shown when starting or signing in failed; the reason is in the error region above. */
export function RetryPanel({ onRetry, focusOnMount }: { readonly onRetry: () => void; readonly focusOnMount: boolean }) {
  const styles = useHeadingStyles();
  const heading = useFocusOnMount<HTMLHeadingElement>(focusOnMount);
  return (
    <section className={styles.section} aria-labelledby="retry-heading">
      <h2 id="retry-heading" ref={heading} tabIndex={-1} className={styles.heading}>
        The app could not finish starting
      </h2>
      <div>
        <Button appearance="primary" onClick={onRetry}>
          Try again
        </Button>
      </div>
    </section>
  );
}
