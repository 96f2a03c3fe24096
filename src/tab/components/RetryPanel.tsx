import { Button } from '@fluentui/react-components';
import { useHeadingStyles } from './heading-styles.js';
import { useFocusOnMount } from './use-focus-on-mount.js';

/** Shown when starting or signing in failed; the reason is in the error region above. */
export function RetryPanel({ heading, onRetry, focusOnMount }: { readonly heading: string; readonly onRetry: () => void; readonly focusOnMount: boolean }) {
  const styles = useHeadingStyles();
  const headingRef = useFocusOnMount<HTMLHeadingElement>(focusOnMount);
  return (
    <section className={styles.section} aria-labelledby="retry-heading">
      <h2 id="retry-heading" ref={headingRef} tabIndex={-1} className={styles.heading}>
        {heading}
      </h2>
      <div>
        <Button appearance="primary" onClick={onRetry}>
          Try again
        </Button>
      </div>
    </section>
  );
}
