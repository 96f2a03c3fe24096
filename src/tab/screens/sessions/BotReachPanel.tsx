import { Button } from '@fluentui/react-components';
import { useId, useState } from 'react';
import { listUnreachablePeople, runReminders } from '../../api/operations/reminders.js';
import { useShell } from '../../shell/contexts.js';
import { useScreenStyles } from '../../shell/Screen.js';
import { useLoad } from '../../shell/use-load.js';
import { userMessageFor } from '../../user-message.js';

/** For the admin and DSLs: who the bot cannot reach yet, and running the reminder job now. */
export function BotReachPanel() {
  const { api, notices } = useShell();
  const styles = useScreenStyles();
  const headingId = useId();
  const [running, setRunning] = useState(false);
  const { loaded, reload } = useLoad((signal) => listUnreachablePeople(api, signal), 'Who the bot can reach could not be loaded. Try again.');

  const run = async () => {
    setRunning(true);
    try {
      const r = await runReminders(api);
      notices.showStatus(
        r.due === 0
          ? 'No reminders are due now.'
          : `Reminders: ${r.sent} sent, ${r.alreadySent} sent before, ${r.unreachable.length} not reachable${r.failed ? `, ${r.failed} failed (tried again later)` : ''}.`,
      );
      reload();
    } catch (error) {
      notices.showError(userMessageFor(error, 'The reminders could not be run. Try again.'));
    } finally {
      setRunning(false);
    }
  };

  return (
    <section className={styles.panel} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.h3}>
        Reminders and the bot
      </h3>
      <p className={styles.muted}>Each participant gets a reminder card before their session, once. The job runs on its own; run it now to send what is due.</p>
      {loaded.state === 'ready' ? (
        loaded.value.length === 0 ? (
          <p className={styles.text}>Everyone in an arrangement can get cards from the bot.</p>
        ) : (
          <>
            <p className={styles.text}>The bot cannot reach these people yet, so they get no reminders: install the app for them (Teams setup policy).</p>
            <ul className={styles.list} aria-label="People the bot cannot reach">
              {loaded.value.map((p) => (
                <li key={p.id}>{p.displayName}</li>
              ))}
            </ul>
          </>
        )
      ) : null}
      <div className={styles.row}>
        <Button onClick={() => void run()} disabled={running}>
          {running ? 'Sending reminders…' : 'Send due reminders now'}
        </Button>
      </div>
    </section>
  );
}
