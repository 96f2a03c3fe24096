import { useId } from 'react';
import { listSessions } from '../../api/operations/sessions.js';
import { LoadProgress } from '../../components/LoadProgress.js';
import { useShell } from '../../shell/contexts.js';
import { Screen, useScreenStyles } from '../../shell/Screen.js';
import { useLoad } from '../../shell/use-load.js';
import { MySuperviseesPanel } from './MySuperviseesPanel.js';
import { SessionList } from './SessionList.js';
import { splitByTime } from './session-text.js';

/** Everyone's own sessions: as supervisee, and as supervisor of others. Upcoming first, then (for a supervisor) where their supervisees stand, then past. */
export default function MySupervisionScreen() {
  const { api } = useShell();
  const styles = useScreenStyles();
  const upcomingId = useId();
  const pastId = useId();
  const { loaded, reload } = useLoad((signal) => listSessions(api, 'mine', signal), 'Your sessions could not be loaded. Try again.');

  return (
    <Screen title="My supervision" intro="Your supervision sessions, as a supervisee and as a supervisor. Open one to see it or to postpone it.">
      <LoadProgress state={loaded.state} label="Loading your sessions" onRetry={reload} />
      {loaded.state === 'ready'
        ? (() => {
            const { upcoming, past } = splitByTime(loaded.value, Date.now());
            return (
              <>
                <section className={styles.stack} aria-labelledby={upcomingId}>
                  <h3 id={upcomingId} className={styles.h3}>
                    Upcoming ({upcoming.length})
                  </h3>
                  <SessionList label="Upcoming sessions" sessions={upcoming} empty="No sessions are booked for you yet. The safeguarding admin books them for the year." />
                </section>
                <MySuperviseesPanel />
                <section className={styles.stack} aria-labelledby={pastId}>
                  <h3 id={pastId} className={styles.h3}>
                    Past ({past.length})
                  </h3>
                  <SessionList label="Past sessions" sessions={past} empty="No past sessions." />
                </section>
              </>
            );
          })()
        : null}
    </Screen>
  );
}
