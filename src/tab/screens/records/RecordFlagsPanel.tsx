import { Badge } from '@fluentui/react-components';
import { useId } from 'react';
import { listRecordFlags, type RecordFlag } from '../../api/operations/records.js';
import { LoadProgress } from '../../components/LoadProgress.js';
import { recordPath, sessionPath } from '../../router/routes.js';
import { AppLink } from '../../shell/AppLink.js';
import { useShell } from '../../shell/contexts.js';
import { DataTable } from '../../shell/DataTable.js';
import { useScreenStyles } from '../../shell/Screen.js';
import { FLAG_STATUS_COLOR, FLAG_STATUS_TEXT, formatDue } from './record-text.js';
import { useOptionalLoad } from './use-optional-load.js';

function target(flag: RecordFlag): string | null {
  if (flag.recordId) return recordPath(flag.recordId);
  if (flag.sessionId) return sessionPath(flag.sessionId);
  return null;
}

/**
 * "Records to chase" for the DSL and oversight: decisions not confirmed on the child's case record
 * within 24 hours, contracts not signed or due for review. Hidden for anyone the server refuses.
 */
export function RecordFlagsPanel() {
  const { api } = useShell();
  const styles = useScreenStyles();
  const headingId = useId();
  const { loaded, reload } = useOptionalLoad((signal) => listRecordFlags(api, signal), 'The records to chase could not be loaded. Try again.');
  if (loaded.state === 'hidden') return null;

  return (
    <section className={styles.panel} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.h3}>
        Records to chase
      </h3>
      <LoadProgress state={loaded.state} label="Loading the records to chase" onRetry={reload} />
      {loaded.state === 'ready' ? (
        loaded.value.length === 0 ? (
          <p className={styles.text}>Nothing to chase: decisions are confirmed on the children&apos;s records and contracts are signed and in date.</p>
        ) : (
          <DataTable label="Records to chase" minWidth="40rem">
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">Who</th>
                <th scope="col">Due by</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {loaded.value.map((flag) => {
                const to = target(flag);
                return (
                  <tr key={`${flag.rule}:${flag.subjectId}`}>
                    <td>{to ? <AppLink to={to}>{flag.message}</AppLink> : flag.message}</td>
                    <td>{flag.arrangementTitle}</td>
                    <td>{formatDue(flag.dueBy)}</td>
                    <td>
                      <Badge appearance="tint" shape="rounded" color={FLAG_STATUS_COLOR[flag.status]}>
                        {FLAG_STATUS_TEXT[flag.status]}
                      </Badge>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </DataTable>
        )
      ) : null}
    </section>
  );
}
