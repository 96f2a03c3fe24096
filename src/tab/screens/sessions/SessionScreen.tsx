import { Badge, Button } from '@fluentui/react-components';
import { useId, useRef, useState } from 'react';
import { getSession, type SessionView } from '../../api/operations/sessions.js';
import { Loading } from '../../components/Loading.js';
import { AppLink } from '../../shell/AppLink.js';
import { useShell } from '../../shell/contexts.js';
import { Screen, useScreenStyles } from '../../shell/Screen.js';
import { useLoad } from '../../shell/use-load.js';
import { formatDateTime, formatTimeRange } from '../../time/london.js';
import { userMessageFor } from '../../user-message.js';
import { SessionRecordsPanel } from '../records/SessionRecordsPanel.js';
import { CancelSessionDialog } from './CancelSessionDialog.js';
import { PostponePanel } from './PostponePanel.js';
import { durationText, listText, MY_PART_TEXT, reasonText, sessionStatus } from './session-text.js';

/** One session (a meeting invitation links here): when, who, its state and history; postpone or cancel when allowed. */
export default function SessionScreen({ sessionId }: { readonly sessionId: string }) {
  const { api, notices } = useShell();
  const styles = useScreenStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  const historyId = useId();
  const [postponing, setPostponing] = useState(false);
  const { loaded, reload, set } = useLoad((signal) => getSession(api, sessionId, signal), 'The session could not be loaded. Try again.');

  const changed = (view: SessionView, message: string) => {
    set(view);
    setPostponing(false);
    notices.showStatus(message);
    heading.current?.focus();
  };
  /** A postponement or cancellation was refused because someone else changed the session: show it as it is now. */
  const stale = (message: string) => {
    setPostponing(false);
    notices.showError(message);
    heading.current?.focus();
    getSession(api, sessionId).then(set, (error: unknown) => notices.showError(userMessageFor(error, 'The session could not be loaded. Try again.')));
  };

  return (
    <Screen title="Supervision session" headingRef={heading}>
      {loaded.state === 'loading' ? <Loading label="Loading the session" /> : null}
      {loaded.state === 'error' ? (
        <div className={styles.row}>
          <Button onClick={reload}>Try again</Button>
          <AppLink to="/">Back to My supervision</AppLink>
        </div>
      ) : null}
      {loaded.state === 'ready'
        ? (() => {
            const view = loaded.value;
            const { session, arrangement } = view;
            const bookable = session.status === 'booked';
            return (
              <>
                <dl className={styles.facts}>
                  <dt>When</dt>
                  <dd>{formatTimeRange(session.start, session.end)} (UK time)</dd>
                  <dt>Half term</dt>
                  <dd>
                    {session.windowLabel} {session.academicYear}
                  </dd>
                  <dt>Supervisor</dt>
                  <dd>{arrangement.supervisor.displayName}</dd>
                  <dt>{arrangement.supervisees.length > 1 ? 'Supervisees' : 'Supervisee'}</dt>
                  <dd>{listText(arrangement.supervisees.map((s) => s.displayName))}</dd>
                  <dt>Format</dt>
                  <dd>
                    {arrangement.format === 'group' ? 'Group' : 'Individual'} supervision, {durationText(arrangement.durationMinutes)}
                  </dd>
                  <dt>Your part</dt>
                  <dd>{MY_PART_TEXT[view.myPart]}</dd>
                  <dt>Status</dt>
                  <dd className={styles.row}>
                    {sessionStatus(view).map((b) => (
                      <Badge key={b.label} appearance="tint" color={b.color} shape="rounded">
                        {b.label}
                      </Badge>
                    ))}
                  </dd>
                  {session.cancellation ? (
                    <>
                      <dt>Cancelled</dt>
                      <dd>
                        {formatDateTime(session.cancellation.at)}: {session.cancellation.reason}
                      </dd>
                    </>
                  ) : null}
                </dl>

                {session.postponements.length > 0 ? (
                  <section className={styles.stack} aria-labelledby={historyId}>
                    <h3 id={historyId} className={styles.h3}>
                      Postponed
                    </h3>
                    <ol className={styles.list}>
                      {session.postponements.map((p) => (
                        <li key={p.at + p.fromStart}>
                          From {formatTimeRange(p.fromStart, p.fromEnd)} to {formatTimeRange(p.toStart, p.toEnd)}: {reasonText(p.reason).toLowerCase()}
                          {p.note ? ` (“${p.note}”)` : ''}
                        </li>
                      ))}
                    </ol>
                  </section>
                ) : null}

                {bookable && (view.canPostpone || view.canCancel) && !postponing ? (
                  <div className={styles.row}>
                    {view.canPostpone ? (
                      <Button appearance="primary" onClick={() => setPostponing(true)}>
                        Postpone
                      </Button>
                    ) : null}
                    {view.canCancel ? (
                      <CancelSessionDialog
                        sessionId={session.id}
                        onCancelled={(next) => changed(next, 'The session is cancelled. Everyone gets a cancellation in Outlook.')}
                        onStale={stale}
                      />
                    ) : null}
                  </div>
                ) : null}

                {postponing ? (
                  <PostponePanel
                    view={view}
                    onPostponed={(next) =>
                      changed(next, `The session is moved to ${formatTimeRange(next.session.start, next.session.end)}. Everyone gets an updated meeting request.`)
                    }
                    onStale={stale}
                    onClose={() => {
                      setPostponing(false);
                      heading.current?.focus();
                    }}
                  />
                ) : null}

                <SessionRecordsPanel view={view} />

                <p className={styles.text}>
                  <AppLink to="/">Back to My supervision</AppLink>
                </p>
              </>
            );
          })()
        : null}
    </Screen>
  );
}
