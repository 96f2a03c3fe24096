import { AppLink } from './AppLink.js';
import { Screen, useScreenStyles } from './Screen.js';

function HomeLink() {
  return <AppLink to="/">Go to My supervision</AppLink>;
}

export function NotFound() {
  const styles = useScreenStyles();
  return (
    <Screen title="Page not found">
      <p className={styles.text}>There is nothing at this address. It may be an old link.</p>
      <p className={styles.text}>
        <HomeLink />
      </p>
    </Screen>
  );
}

export function NoAccess() {
  const styles = useScreenStyles();
  return (
    <Screen title="Not available to you">
      <p className={styles.text}>This part of the app is for the safeguarding team. Ask your safeguarding lead if you think you should have it.</p>
      <p className={styles.text}>
        <HomeLink />
      </p>
    </Screen>
  );
}
