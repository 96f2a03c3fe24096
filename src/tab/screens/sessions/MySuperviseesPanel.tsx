import { Badge } from '@fluentui/react-components';
import { useId } from 'react';
import { listMySuperviseesStatus } from '../../api/operations/compliance.js';
import { LoadProgress } from '../../components/LoadProgress.js';
import { useShell } from '../../shell/contexts.js';
import { DataTable } from '../../shell/DataTable.js';
import { useScreenStyles } from '../../shell/Screen.js';
import { sessionDate, STATUS_COLOR, STATUS_TEXT, statusDetail } from '../compliance/compliance-text.js';
import { useOptionalLoad } from '../records/use-optional-load.js';

/**
 * "My supervisees", for a supervisor: where each of the people they supervise stands (last and next
 * session, status in words and colour, with the first thing due). Hidden for someone who supervises no one.
 */
export function MySuperviseesPanel() {
  const { api } = useShell();
  const styles = useScreenStyles();
  const headingId = useId();
  const { loaded, reload } = useOptionalLoad((signal) => listMySuperviseesStatus(api, signal), 'Your supervisees could not be loaded. Try again.');
  if (loaded.state === 'hidden' || (loaded.state === 'ready' && loaded.value.length === 0)) return null;

  return (
    <section className={styles.stack} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.h3}>
        My supervisees
      </h3>
      <LoadProgress state={loaded.state} label="Loading your supervisees" onRetry={reload} />
      {loaded.state === 'ready' ? (
        <DataTable label="Where my supervisees stand" minWidth="40rem">
          <thead>
            <tr>
              <th scope="col">Supervisee</th>
              <th scope="col">Last session</th>
              <th scope="col">Next session</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {loaded.value.map((row) => (
              <tr key={`${row.arrangementId}:${row.superviseeId}`}>
                <th scope="row">{row.superviseeName}</th>
                <td>{sessionDate(row.lastSession, 'None yet')}</td>
                <td>{sessionDate(row.nextSession, 'None booked')}</td>
                <td>
                  <Badge appearance="tint" shape="rounded" color={STATUS_COLOR[row.status]}>
                    {STATUS_TEXT[row.status]}
                  </Badge>{' '}
                  {statusDetail(row)}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
    </section>
  );
}
