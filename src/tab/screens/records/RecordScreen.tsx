import { Badge, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useId, useRef } from 'react';
import { getRecord, type RecordView } from '../../api/operations/records.js';
import { LoadProgress } from '../../components/LoadProgress.js';
import { recordPath, sessionPath } from '../../router/routes.js';
import { AppLink } from '../../shell/AppLink.js';
import { useShell } from '../../shell/contexts.js';
import { Screen, useScreenStyles } from '../../shell/Screen.js';
import { useLoad } from '../../shell/use-load.js';
import { formatDateTime, formatTimeRange } from '../../time/london.js';
import { listText } from '../sessions/session-text.js';
import { Fingerprint } from './Fingerprint.js';
import { ReadOnlyRecord } from './ReadOnlyRecord.js';
import { RecordEditor } from './RecordEditor.js';
import { olderVersionNote, RECORD_STATE_COLOR, RECORD_STATE_TEXT, ALTERED_MESSAGE } from './record-text.js';
import { SignPanel } from './SignPanel.js';

/**
 * One version of a record (a signature card links here): where it stands, its fingerprint and who
 * signed it; the supervisor writes it, the people asked sign it or ask for a change; older versions
 * stay readable as they were.
 */
export default function RecordScreen({ recordId, version }: { readonly recordId: string; readonly version?: number | undefined }) {
  const { api } = useShell();
  const heading = useRef<HTMLHeadingElement>(null);
  const { loaded, reload, set } = useLoad((signal) => getRecord(api, recordId, version, signal), 'The record could not be loaded. Try again.');
  const title = loaded.state === 'ready' ? loaded.value.title : 'Record';

  return (
    <Screen title={title} headingRef={heading}>
      <LoadProgress state={loaded.state} label="Loading the record" onRetry={reload} />
      {loaded.state === 'ready' ? <RecordBody view={loaded.value} onView={set} onReload={reload} /> : null}
    </Screen>
  );
}

function RecordBody({ view, onView, onReload }: { readonly view: RecordView; readonly onView: (view: RecordView) => void; readonly onReload: () => void }) {
  const styles = useScreenStyles();
  const requestsId = useId();
  const versionsId = useId();
  const { record, session, arrangement } = view;
  const older = record.version < view.latestVersion;
  const altered = view.integrity === 'altered';
  const editing = view.canEdit && !older && !altered;

  return (
    <>
      {altered ? (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Do not rely on this record</MessageBarTitle> {ALTERED_MESSAGE}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {older ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            {olderVersionNote(record.version, view.latestVersion)} <AppLink to={recordPath(record.recordId)}>Open the latest version</AppLink>
          </MessageBarBody>
        </MessageBar>
      ) : null}

      <dl className={styles.facts}>
        {session ? (
          <>
            <dt>Session</dt>
            <dd>
              {formatTimeRange(session.start, session.end)} (UK time), {session.windowLabel}
            </dd>
          </>
        ) : null}
        <dt>Supervisor</dt>
        <dd>{arrangement.supervisor.displayName}</dd>
        <dt>{arrangement.supervisees.length > 1 ? 'Supervisees' : 'Supervisee'}</dt>
        <dd>{listText(arrangement.supervisees.map((s) => s.displayName))}</dd>
        <dt>Version</dt>
        <dd>
          Version {record.version}
          {older ? ` (the latest is version ${view.latestVersion})` : ''}
        </dd>
        <dt>State</dt>
        <dd>
          <Badge appearance="tint" shape="rounded" color={RECORD_STATE_COLOR[record.state]}>
            {RECORD_STATE_TEXT[record.state]}
          </Badge>
          {record.lockedAt ? ` on ${formatDateTime(record.lockedAt)}` : record.sentAt && record.state === 'awaiting-signatures' ? ` since ${formatDateTime(record.sentAt)}` : ''}
        </dd>
        <dt>Fingerprint</dt>
        <dd>
          <Fingerprint value={view.fingerprint} />
        </dd>
        {record.signatures.length > 0 ? (
          <>
            <dt>Signed by</dt>
            <dd>
              <ul className={styles.plainList} aria-label="Signatures">
                {record.signatures.map((s) => (
                  <li key={s.userId}>
                    {s.displayName}, {formatDateTime(s.at)}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {record.state === 'awaiting-signatures' ? (
          <>
            <dt>Waiting for</dt>
            <dd>{view.awaiting.length > 0 ? listText(view.awaiting.map((s) => s.displayName)) : 'Nobody'}</dd>
          </>
        ) : null}
      </dl>

      {record.changeRequests.length > 0 ? (
        <section className={styles.stack} aria-labelledby={requestsId}>
          <h3 id={requestsId} className={styles.h3}>
            Changes asked for
          </h3>
          <ul className={styles.list}>
            {record.changeRequests.map((c) => (
              <li key={c.at + c.userId}>
                {c.displayName}, {formatDateTime(c.at)} (version {c.version}): “{c.comment}”
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {view.canSign && !older ? <SignPanel view={view} onView={onView} /> : null}

      {editing ? <RecordEditor view={view} onView={onView} onReload={onReload} /> : <ReadOnlyRecord view={view} />}

      <section className={styles.stack} aria-labelledby={versionsId}>
        <h3 id={versionsId} className={styles.h3}>
          Versions
        </h3>
        <ol className={styles.plainList}>
          {[...view.versions].reverse().map((v) => (
            <li key={v.version}>
              {v.version === record.version ? (
                <span aria-current="page">Version {v.version} (shown)</span>
              ) : (
                <AppLink to={recordPath(record.recordId, v.version)}>Version {v.version}</AppLink>
              )}
              : {RECORD_STATE_TEXT[v.state]}, {formatDateTime(v.lockedAt ?? v.updatedAt)}
              {v.integrity === 'altered' ? ' (changed outside the app)' : ''}
            </li>
          ))}
        </ol>
      </section>

      {session ? (
        <p className={styles.text}>
          <AppLink to={sessionPath(session.id)}>Back to the session</AppLink>
        </p>
      ) : null}
    </>
  );
}
