import { Button, Field, ProgressBar } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { getBookingJob, type BookingJob, type BookingRequest } from '../../api/operations/booking.js';
import { AppLink } from '../../shell/AppLink.js';
import { useShell } from '../../shell/contexts.js';
import { DataTable } from '../../shell/DataTable.js';
import { useScreenStyles } from '../../shell/Screen.js';
import { userMessageFor } from '../../user-message.js';
import { progressOf, retryRequest } from './booking-steps.js';
import { StepHeading } from './StepHeading.js';

/** How often the job is read while it runs. */
export const POLL_MS = 700;
/** Failed reads in a row before the screen says so (a blip in the network is not worth a message). */
const MAX_READ_FAILURES = 3;

/** The booking job: a progress bar while it runs ("N of M booked"), then the summary and "Retry the failed ones". */
export function BookingProgress({
  job: first,
  request,
  starting,
  onRetry,
  onStartOver,
}: {
  readonly job: BookingJob;
  readonly request: BookingRequest;
  readonly starting: boolean;
  readonly onRetry: (request: BookingRequest) => void;
  readonly onStartOver: () => void;
}) {
  const { api, notices } = useShell();
  const styles = useScreenStyles();
  const [job, setJob] = useState(first);
  const [lost, setLost] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const running = job.state === 'running';

  useEffect(() => {
    if (!running) return;
    const controller = new AbortController();
    let failures = 0;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const next = await getBookingJob(api, first.id, controller.signal);
        if (controller.signal.aborted) return;
        failures = 0;
        setJob(next);
        if (next.state === 'running') timer = setTimeout(() => void poll(), POLL_MS);
      } catch (error) {
        if (controller.signal.aborted) return;
        failures += 1;
        if (failures >= MAX_READ_FAILURES) {
          setLost(true);
          notices.showError(userMessageFor(error, 'The app lost track of the booking. It carries on in the background; check again in a moment.'));
          return;
        }
        timer = setTimeout(() => void poll(), POLL_MS);
      }
    };
    timer = setTimeout(() => void poll(), POLL_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [api, notices, first.id, running, attempt]);

  useEffect(() => {
    if (job.state === 'done') {
      notices.showStatus(`Booking finished: ${job.booked} booked, ${job.alreadyBooked} already booked, ${job.failed.length} failed.`);
    } else if (job.state === 'failed') {
      notices.showError(job.error ?? 'Booking stopped before it finished. Nothing booked was lost; retry to book the rest.');
    }
  }, [job.state]); // announce once when the job ends

  const progress = progressOf(job);
  const retry = retryRequest(request, job);

  if (running) {
    return (
      <div className={styles.stack}>
        <StepHeading focus>Booking in Outlook</StepHeading>
        <Field label="Booking progress" hint={progress.text} validationState="none">
          <ProgressBar value={progress.value} max={progress.max} thickness="large" />
        </Field>
        <p className={styles.muted}>You can leave this screen: booking carries on in the background.</p>
        {lost ? (
          <div>
            <Button
              onClick={() => {
                setLost(false);
                notices.showError(null);
                setAttempt((n) => n + 1);
              }}
            >
              Check again
            </Button>
          </div>
        ) : null}
      </div>
    );
  }

  return (
    <div className={styles.stack}>
      <StepHeading focus>{job.state === 'done' ? 'Booking finished' : 'Booking stopped'}</StepHeading>
      <dl className={styles.facts} aria-label="Booking summary">
        <dt>Booked</dt>
        <dd>{job.booked}</dd>
        <dt>Already booked</dt>
        <dd>{job.alreadyBooked}</dd>
        <dt>Failed</dt>
        <dd>{job.failed.length}</dd>
      </dl>
      {job.failed.length > 0 ? (
        <DataTable label="Sessions that could not be booked" caption="Sessions that could not be booked">
          <thead>
            <tr>
              <th scope="col">Half term</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {job.failed.map((f) => (
              <tr key={f.sessionId}>
                <th scope="row">{f.windowLabel}</th>
                <td>{f.reason}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
      <div className={styles.row}>
        {retry ? (
          <Button appearance="primary" disabledFocusable={starting} onClick={() => onRetry(retry)}>
            Retry the failed ones
          </Button>
        ) : null}
        {job.state === 'failed' && !retry ? (
          <Button appearance="primary" disabledFocusable={starting} onClick={() => onRetry(request)}>
            Try booking again
          </Button>
        ) : null}
        <Button onClick={onStartOver}>Book more</Button>
        <AppLink to="/everyone">See everyone&apos;s sessions</AppLink>
      </div>
    </div>
  );
}
