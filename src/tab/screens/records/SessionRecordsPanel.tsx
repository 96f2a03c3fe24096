import { Badge, Button, Field, Input } from '@fluentui/react-components';
import { useId, useState, type FormEvent } from 'react';
import { confirmDecisionRecord, listSessionRecords, startRecord, type Decision, type RecordKind } from '../../api/operations/records.js';
import type { SessionView } from '../../api/operations/sessions.js';
import { LoadProgress } from '../../components/LoadProgress.js';
import { fieldProblem } from '../../forms/field-props.js';
import { recordPath } from '../../router/routes.js';
import { AppLink } from '../../shell/AppLink.js';
import { useShell } from '../../shell/contexts.js';
import { DataTable } from '../../shell/DataTable.js';
import { useScreenStyles } from '../../shell/Screen.js';
import { formatDateTime } from '../../time/london.js';
import { userMessageFor } from '../../user-message.js';
import { DecisionForm } from './DecisionForm.js';
import { formatDue, RECORD_STATE_COLOR, RECORD_STATE_TEXT, START_TEXT } from './record-text.js';
import { useOptionalLoad } from './use-optional-load.js';

/**
 * The session's records and decisions about children: open a record, start one (the supervisor),
 * record a decision and confirm it is on the child's case record. Hidden for people who may see the
 * session but not its records (the admin, say: the server answers 403).
 */
export function SessionRecordsPanel({ view }: { readonly view: SessionView }) {
  const { api, notices, router, roles, me } = useShell();
  const styles = useScreenStyles();
  const headingId = useId();
  const decisionsId = useId();
  const sessionId = view.session.id;
  const [starting, setStarting] = useState<RecordKind | null>(null);
  const [deciding, setDeciding] = useState(false);
  const { loaded, reload } = useOptionalLoad((signal) => listSessionRecords(api, sessionId, signal), "The session's records could not be loaded. Try again.");
  const mayConfirm = view.arrangement.supervisor.id === me.id || roles.includes('Safeguarding.Lead');

  if (loaded.state === 'hidden') return null;

  const start = async (kind: RecordKind) => {
    if (starting) return;
    setStarting(kind);
    notices.showError(null);
    try {
      const started = await startRecord(api, sessionId, kind);
      router.navigate(recordPath(started.record.recordId));
    } catch (error) {
      notices.showError(userMessageFor(error, 'The record could not be started. Try again.'));
      setStarting(null);
    }
  };

  return (
    <section className={styles.panel} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.h3}>
        Records
      </h3>
      <LoadProgress state={loaded.state} label="Loading the records" onRetry={reload} />
      {loaded.state === 'ready' ? (
        <>
          {loaded.value.records.length === 0 ? (
            <p className={styles.text}>No records yet.</p>
          ) : (
            <ul className={styles.plainList} aria-label="Records of this session">
              {loaded.value.records.map((r) => (
                <li key={r.recordId} className={styles.row}>
                  <AppLink to={recordPath(r.recordId)}>{r.title}</AppLink>
                  <span>version {r.version}</span>
                  <Badge appearance="tint" shape="rounded" color={RECORD_STATE_COLOR[r.state]}>
                    {RECORD_STATE_TEXT[r.state]}
                  </Badge>
                </li>
              ))}
            </ul>
          )}
          {loaded.value.canStart.length > 0 ? (
            <div className={styles.row}>
              {loaded.value.canStart.map((kind) => (
                <Button
                  key={kind}
                  appearance={kind === 'individual' || kind === 'group' ? 'primary' : 'secondary'}
                  disabledFocusable={starting !== null}
                  onClick={() => void start(kind)}
                >
                  {starting === kind ? 'Starting…' : START_TEXT[kind]}
                </Button>
              ))}
            </div>
          ) : null}

          <h4 id={decisionsId} className={styles.h4}>
            Decisions about children
          </h4>
          <p className={styles.muted}>
            Each decision is entered on the child&apos;s own record in the case system within 24 hours, then confirmed here with that entry&apos;s reference.
          </p>
          {loaded.value.decisions.length === 0 ? (
            <p className={styles.text}>No decisions recorded in this session.</p>
          ) : (
            <DecisionTable decisions={loaded.value.decisions} mayConfirm={mayConfirm} onConfirmed={reload} />
          )}
          {loaded.value.canRecordDecision ? (
            deciding ? (
              <DecisionForm
                sessionId={sessionId}
                onRecorded={(d) => {
                  setDeciding(false);
                  notices.showStatus(
                    `Decision about ${d.childReference} recorded. Enter it on the child's record in ${d.caseSystem} by ${formatDue(d.dueBy)}, then confirm it here.`,
                  );
                  reload();
                }}
                onClose={() => setDeciding(false)}
              />
            ) : (
              <div>
                <Button onClick={() => setDeciding(true)}>Record a decision about a child</Button>
              </div>
            )
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function DecisionTable({ decisions, mayConfirm, onConfirmed }: { readonly decisions: readonly Decision[]; readonly mayConfirm: boolean; readonly onConfirmed: () => void }) {
  return (
    <DataTable label="Decisions about children" minWidth="40rem">
      <thead>
        <tr>
          <th scope="col">Child</th>
          <th scope="col">Case system</th>
          <th scope="col">Due by</th>
          <th scope="col">On the child&apos;s record</th>
        </tr>
      </thead>
      <tbody>
        {decisions.map((d) => (
          <tr key={d.id}>
            <th scope="row">{d.childReference}</th>
            <td>{d.caseSystem === 'other' ? 'Other' : d.caseSystem}</td>
            <td>{formatDue(d.dueBy)}</td>
            <td>
              {d.enteredOnCaseSystem ? (
                `Confirmed: reference ${d.enteredOnCaseSystem.reference}, ${formatDateTime(d.enteredOnCaseSystem.at)}`
              ) : (
                <>
                  Not yet confirmed
                  {mayConfirm ? <ConfirmDecision decision={d} onConfirmed={onConfirmed} /> : null}
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

function ConfirmDecision({ decision, onConfirmed }: { readonly decision: Decision; readonly onConfirmed: () => void }) {
  const { api, notices } = useShell();
  const styles = useScreenStyles();
  const [reference, setReference] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!reference.trim()) {
      setProblem("Give the case system's reference for the entry.");
      notices.showError(`Give the case system's reference for ${decision.childReference}, then confirm.`);
      return;
    }
    setBusy(true);
    notices.showError(null);
    try {
      await confirmDecisionRecord(api, decision.id, reference.trim());
      notices.showStatus(`Confirmed: the decision about ${decision.childReference} is on the child's record.`);
      onConfirmed();
    } catch (error) {
      setProblem(userMessageFor(error, 'Not confirmed.'));
      notices.showError(userMessageFor(error, 'The decision could not be confirmed. Try again.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.rowEnd} noValidate onSubmit={(event) => void submit(event)} aria-label={`Confirm the decision about ${decision.childReference}`}>
      <Field label={`Reference of the entry for ${decision.childReference}`} {...fieldProblem(problem, { announced: false })}>
        <Input
          value={reference}
          maxLength={100}
          onChange={(_, data) => {
            setReference(data.value);
            setProblem(null);
          }}
        />
      </Field>
      <Button type="submit" disabledFocusable={busy}>
        {busy ? 'Confirming…' : `Confirm ${decision.childReference}`}
      </Button>
    </form>
  );
}
