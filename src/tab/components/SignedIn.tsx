import { Button } from '@fluentui/react-components';
import type { Me } from '../api/schemas.js';
import { useHeadingStyles } from './heading-styles.js';
import { useFocusOnMount } from './use-focus-on-mount.js';

export function signedInAs(me: Pick<Me, 'displayName' | 'jobTitle'>): string {
  return me.jobTitle ? `Signed in as ${me.displayName}, ${me.jobTitle}` : `Signed in as ${me.displayName}`;
}

export function SignedIn({
  me,
  onSwitchUser,
  focusOnMount,
}: {
  readonly me: Me;
  /** Demo mode only: back to the demo-user picker. */
  readonly onSwitchUser?: (() => void) | undefined;
  readonly focusOnMount: boolean;
}) {
  const styles = useHeadingStyles();
  const heading = useFocusOnMount<HTMLHeadingElement>(focusOnMount);
  return (
    <section className={styles.section} aria-labelledby="signed-in-heading">
      <h2 id="signed-in-heading" ref={heading} tabIndex={-1} className={styles.heading}>
        {signedInAs(me)}
      </h2>
      <p className={styles.text}>Your supervision sessions, records and agreed actions will appear here.</p>
      {onSwitchUser ? (
        <div>
          <Button onClick={onSwitchUser}>Sign in as someone else</Button>
        </div>
      ) : null}
    </section>
  );
}
