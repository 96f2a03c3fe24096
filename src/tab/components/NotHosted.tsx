import { useHeadingStyles } from './heading-styles.js';

/** A plain browser against a production server: the app only signs people in inside Microsoft 365. */
export function NotHosted() {
  const styles = useHeadingStyles();
  return (
    <section className={styles.section} aria-labelledby="not-hosted-heading">
      <h2 id="not-hosted-heading" className={styles.heading}>
        Open this app in Microsoft Teams or Outlook
      </h2>
      <p className={styles.text}>
        Safeguarding supervision runs inside Microsoft Teams, Outlook and the Microsoft 365 app, where it signs you in with your school account. Open it from the Apps menu there.
      </p>
    </section>
  );
}
