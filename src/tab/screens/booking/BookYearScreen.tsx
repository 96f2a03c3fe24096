import { Button, Checkbox, Field, Radio, RadioGroup, Select } from '@fluentui/react-components';
import { useId, useRef, useState } from 'react';
import { listArrangements, type Arrangement } from '../../api/operations/arrangements.js';
import { startBooking, type BookingJob, type BookingPreview, type BookingRequest, type Move } from '../../api/operations/booking.js';
import { getSchoolYear } from '../../api/operations/school-year.js';
import { LoadProgress } from '../../components/LoadProgress.js';
import { useShell } from '../../shell/contexts.js';
import { Screen, useScreenStyles } from '../../shell/Screen.js';
import { useLoad } from '../../shell/use-load.js';
import { londonParts } from '../../time/london.js';
import { userMessageFor } from '../../user-message.js';
import { listText } from '../sessions/session-text.js';
import { acceptedMoves, defaultYear } from './booking-steps.js';
import { BookingProgress } from './BookingProgress.js';
import { PreviewStep } from './PreviewStep.js';
import { StepHeading } from './StepHeading.js';

type Step =
  | { readonly kind: 'choose' }
  | { readonly kind: 'preview' }
  | { readonly kind: 'confirm'; readonly preview: BookingPreview }
  | { readonly kind: 'booking'; readonly request: BookingRequest; readonly job: BookingJob };

export function arrangementName(a: Pick<Arrangement, 'supervisor' | 'supervisees' | 'format'>): string {
  return `${a.supervisor.displayName} with ${listText(a.supervisees.map((s) => s.displayName))}${a.format === 'group' ? ' (group)' : ''}`;
}

/**
 * Book the year, as a wizard: choose the year and the arrangements; check the proposed dates (and
 * move any); confirm; watch the booking job; read the summary and retry what failed.
 */
export default function BookYearScreen() {
  const { api } = useShell();
  const { loaded, reload } = useLoad(async (signal) => {
    const [schoolYear, arrangements] = await Promise.all([getSchoolYear(api, signal), listArrangements(api, signal)]);
    return { years: schoolYear.calendar.years, arrangements: arrangements.filter((a) => a.status === 'active') };
  }, 'The school year and the arrangements could not be loaded. Try again.');

  return (
    <Screen
      title="Book the year"
      intro="Books every session of the school year in Outlook: each person gets a meeting request titled “Safeguarding supervision”, with no case detail."
    >
      <LoadProgress state={loaded.state} label="Loading the school year and arrangements" onRetry={reload} />
      {loaded.state === 'ready' ? <Wizard years={loaded.value.years} arrangements={loaded.value.arrangements} /> : null}
    </Screen>
  );
}

function Wizard({ years, arrangements }: { readonly years: readonly { label: string; halfTerms: readonly { end: string }[] }[]; readonly arrangements: readonly Arrangement[] }) {
  const { api, notices } = useShell();
  const styles = useScreenStyles();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [year, setYear] = useState(() => defaultYear(years, londonParts(Date.now()).date));
  const [scope, setScope] = useState<'all' | 'some'>('all');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [chooseProblem, setChooseProblem] = useState<string | null>(null);
  const [moves, setMoves] = useState<readonly Move[]>([]);
  const [starting, setStarting] = useState(false);
  const acted = useRef(false);
  const listLabel = useId();

  const go = (next: Step) => {
    acted.current = true;
    notices.showStatus(null);
    setStep(next);
  };

  const baseRequest = (): BookingRequest => ({ academicYear: year, ...(scope === 'some' ? { arrangementIds: [...chosen] } : {}) });

  const start = async (request: BookingRequest) => {
    if (starting) return;
    setStarting(true);
    notices.showError(null);
    try {
      const job = await startBooking(api, request);
      go({ kind: 'booking', request, job });
    } catch (error) {
      notices.showError(userMessageFor(error, 'Booking could not start. Try again.'));
    } finally {
      setStarting(false);
    }
  };

  if (step.kind === 'choose') {
    return (
      <form
        className={styles.stack}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (scope === 'some' && chosen.size === 0) {
            setChooseProblem('Choose at least one arrangement, or book them all.');
            return;
          }
          setMoves([]);
          go({ kind: 'preview' });
        }}
      >
        <StepHeading focus={acted.current}>Step 1 of 3: What to book</StepHeading>
        <Field label="Academic year" required>
          <Select value={year} onChange={(_, data) => setYear(data.value)}>
            {years.map((y) => (
              <option key={y.label} value={y.label}>
                {y.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Arrangements">
          <RadioGroup value={scope} onChange={(_, data) => setScope(data.value === 'some' ? 'some' : 'all')}>
            <Radio value="all" label={`All active arrangements (${arrangements.length})`} />
            <Radio value="some" label="Only the ones I choose" />
          </RadioGroup>
        </Field>
        {scope === 'some' ? (
          <fieldset className={styles.panel} aria-describedby={chooseProblem ? `${listLabel}-problem` : undefined}>
            <legend className={styles.h4}>Arrangements to book</legend>
            {arrangements.map((a) => (
              <Checkbox
                key={a.id}
                label={arrangementName(a)}
                checked={chosen.has(a.id)}
                onChange={(_, data) => {
                  setChooseProblem(null);
                  setChosen((current) => {
                    const next = new Set(current);
                    if (data.checked === true) next.add(a.id);
                    else next.delete(a.id);
                    return next;
                  });
                }}
              />
            ))}
            {chooseProblem ? (
              <p id={`${listLabel}-problem`} className={styles.text} role="alert">
                {chooseProblem}
              </p>
            ) : null}
          </fieldset>
        ) : null}
        <div className={styles.row}>
          <Button type="submit" appearance="primary" disabled={arrangements.length === 0 || !year}>
            Preview the dates
          </Button>
        </div>
        {arrangements.length === 0 ? <p className={styles.muted}>There are no active arrangements yet. Make them on the Arrangements screen first.</p> : null}
      </form>
    );
  }

  if (step.kind === 'preview') {
    return (
      <PreviewStep
        request={baseRequest()}
        moves={moves}
        onMovesChange={setMoves}
        onBack={() => go({ kind: 'choose' })}
        onContinue={(preview) => go({ kind: 'confirm', preview })}
      />
    );
  }

  if (step.kind === 'confirm') {
    const { preview } = step;
    const toBook = preview.totals.toBook;
    const request: BookingRequest = { ...baseRequest(), moves: acceptedMoves(moves, preview.refusedMoves) };
    return (
      <div className={styles.stack}>
        <StepHeading focus>Step 3 of 3: Book in Outlook</StepHeading>
        <p className={styles.text}>
          Book {toBook} {toBook === 1 ? 'session' : 'sessions'} for {preview.academicYear}
          {preview.totals.alreadyBooked ? ` (${preview.totals.alreadyBooked} already booked stay as they are)` : ''}? Outlook sends each person a meeting request. The invitation
          says only “Safeguarding supervision”, the time, the place and a link to the app.
        </p>
        <div className={styles.row}>
          <Button appearance="primary" disabledFocusable={starting} onClick={() => void start(request)}>
            {starting ? 'Starting…' : `Book ${toBook} ${toBook === 1 ? 'session' : 'sessions'}`}
          </Button>
          <Button onClick={() => go({ kind: 'preview' })}>Back to the dates</Button>
        </div>
      </div>
    );
  }

  return (
    <BookingProgress
      key={step.job.id}
      job={step.job}
      starting={starting}
      onRetry={(request) => void start(request)}
      request={step.request}
      onStartOver={() => {
        setMoves([]);
        go({ kind: 'choose' });
      }}
    />
  );
}
