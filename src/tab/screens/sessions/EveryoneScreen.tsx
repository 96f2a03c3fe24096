import { listSessions } from '../../api/operations/sessions.js';
import { LoadProgress } from '../../components/LoadProgress.js';
import { useShell } from '../../shell/contexts.js';
import { Screen, useScreenStyles } from '../../shell/Screen.js';
import { useLoad } from '../../shell/use-load.js';
import { AuditorAccessPanel } from '../records/AuditorAccessPanel.js';
import { RecordFlagsPanel } from '../records/RecordFlagsPanel.js';
import { BotReachPanel } from './BotReachPanel.js';
import { SessionList } from './SessionList.js';
import { durationText, groupByArrangement, peopleText } from './session-text.js';

/** Every arrangement's sessions (admin, DSL and deputies, oversight), grouped by arrangement. */
export default function EveryoneScreen() {
  const { api, roles } = useShell();
  const manages = roles.includes('Safeguarding.Admin') || roles.includes('Safeguarding.Lead');
  const styles = useScreenStyles();
  const { loaded, reload } = useLoad((signal) => listSessions(api, 'everyone', signal), "Everyone's sessions could not be loaded. Try again.");

  return (
    <Screen title="Everyone's sessions" intro="Every supervision arrangement in the school and its sessions.">
      {manages ? <BotReachPanel /> : null}
      <RecordFlagsPanel />
      {roles.includes('Safeguarding.Lead') ? <AuditorAccessPanel /> : null}
      <LoadProgress state={loaded.state} label="Loading sessions" onRetry={reload} />
      {loaded.state === 'ready' ? (
        loaded.value.length === 0 ? (
          <p className={styles.text}>No sessions are booked yet. Book the year to send the meeting requests.</p>
        ) : (
          groupByArrangement(loaded.value).map((group) => {
            const title = peopleText(group.arrangement);
            const headingId = `everyone-${group.arrangement.id}`;
            return (
              <section key={group.arrangement.id} className={styles.stack} aria-labelledby={headingId}>
                <h3 id={headingId} className={styles.h3}>
                  {title}
                </h3>
                <p className={styles.muted}>
                  {group.arrangement.format === 'group' ? 'Group' : 'Individual'} supervision, {durationText(group.arrangement.durationMinutes)} · {group.sessions.length}{' '}
                  {group.sessions.length === 1 ? 'session' : 'sessions'}
                </p>
                <SessionList label={`Sessions: ${title}`} sessions={group.sessions} empty="No sessions." showPeople={false} />
              </section>
            );
          })
        )
      ) : null}
    </Screen>
  );
}
