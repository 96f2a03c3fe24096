import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Radio, RadioGroup, Select, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error.js';
import { listSessionAlternatives, postponeSession, POSTPONEMENT_REASONS, type Alternatives, type PostponementReason, type SessionView } from '../../api/operations/sessions.js';
import { Loading } from '../../components/Loading.js';
import { fieldProblem } from '../../forms/field-props.js';
import { useShell } from '../../shell/contexts.js';
import { useScreenStyles } from '../../shell/Screen.js';
import { formatIsoDate, formatTimeRange } from '../../time/london.js';
import { userMessageFor } from '../../user-message.js';
import { afterRefusal } from './refused-change.js';
import { POSTPONEMENT_REASON_TEXT } from './session-text.js';

const useStyles = makeStyles({
  slotTime: { display: 'block', ...typographyStyles.body1Strong },
  slotReason: { display: 'block', ...typographyStyles.caption1, color: tokens.colorNeutralForeground2 },
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL, alignItems: 'stretch', maxWidth: '36rem' },
});

type Errors = Partial<Record<'start' | 'reason' | 'note', string>>;

/**
 * Postponing: the times the session may move to (within one working week, when everyone is free, as
 * the server works out), a reason from a list and an optional short note. When there is no such
 * time, it says to contact the supervisor's manager (the entitlement escalation).
 */
export function PostponePanel({
  view,
  onPostponed,
  onStale,
  onClose,
}: {
  readonly view: SessionView;
  readonly onPostponed: (view: SessionView) => void;
  /** Someone else moved or cancelled the session meanwhile: the screen shows it as it is now, with `message`. */
  readonly onStale: (message: string) => void;
  readonly onClose: () => void;
}) {
  const { api, notices } = useShell();
  const styles = useStyles();
  const screen = useScreenStyles();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [alternatives, setAlternatives] = useState<Alternatives | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [start, setStart] = useState('');
  const [reason, setReason] = useState<PostponementReason | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  /** Asks for the times again (after the chosen one stopped being offered). */
  const [timesWanted, setTimesWanted] = useState(0);
  const sessionId = view.session.id;

  useEffect(() => {
    heading.current?.focus();
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    listSessionAlternatives(api, sessionId, controller.signal).then(
      (found) => {
        if (!controller.signal.aborted) setAlternatives(found);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setLoadFailed(true);
        notices.showError(userMessageFor(error, 'The times the session could move to could not be loaded. Try again.'));
      },
    );
    return () => controller.abort();
  }, [api, notices, sessionId, timesWanted]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const missing: Errors = {};
    if (!start) missing.start = 'Choose a new time.';
    if (!reason) missing.reason = 'Choose a reason.';
    setErrors(missing);
    if (missing.start || missing.reason || !reason) {
      notices.showError('Choose a new time and a reason, then postpone.');
      return;
    }
    setBusy(true);
    notices.showError(null);
    try {
      const trimmed = note.trim();
      // fromStart: the time shown here, so a move someone else made meanwhile is not overwritten.
      onPostponed(await postponeSession(api, sessionId, { start, reason, fromStart: view.session.start, ...(trimmed ? { note: trimmed } : {}) }));
    } catch (error) {
      const message = userMessageFor(error, 'The session could not be postponed. Try again.');
      const next = afterRefusal(error);
      if (next === 'reload-session') {
        onStale(message);
        return;
      }
      if (error instanceof ApiError) {
        const byField: Errors = {};
        for (const issue of error.issues) {
          if (issue.field === 'start' || issue.field === 'reason' || issue.field === 'note') byField[issue.field] = issue.message;
        }
        setErrors(byField);
      }
      if (next === 'reload-times') {
        setStart('');
        setTimesWanted((n) => n + 1);
      }
      notices.showError(message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={screen.panel} aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1} className={screen.h3}>
        Postpone this session
      </h3>
      {!alternatives && !loadFailed ? <Loading label="Finding times when everyone is free" /> : null}
      {loadFailed ? (
        <div>
          <Button onClick={onClose}>Close</Button>
        </div>
      ) : null}
      {alternatives ? (
        <>
          <p className={screen.text}>
            A postponed session is re-booked within one working week: by {formatIsoDate(alternatives.window.deadline)} ({alternatives.window.explanation}).
          </p>
          {alternatives.kind === 'escalate' || alternatives.candidates.length === 0 ? (
            <>
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>No time within the working week</MessageBarTitle> There is no time within one working week when everyone is free. Contact the supervisor&apos;s
                  manager to arrange this supervision.
                  {alternatives.kind === 'escalate' ? ` ${alternatives.reason}` : ''}
                </MessageBarBody>
              </MessageBar>
              <div>
                <Button onClick={onClose}>Close</Button>
              </div>
            </>
          ) : (
            <form className={styles.form} onSubmit={(event) => void submit(event)} noValidate>
              <p className={screen.muted}>Times when everyone is free, best first.</p>
              <Field label="New time" required {...fieldProblem(errors.start, { announced: false })}>
                <RadioGroup
                  value={start}
                  onChange={(_, data) => {
                    setStart(data.value);
                    setErrors((e) => ({ ...e, start: undefined }));
                  }}
                >
                  {alternatives.candidates.map((c) => (
                    <Radio
                      key={c.slot.start}
                      value={c.slot.start}
                      label={
                        <>
                          <span className={styles.slotTime}>{formatTimeRange(c.slot.start, c.slot.end)}</span>
                          <span className={styles.slotReason}>{c.reason}</span>
                        </>
                      }
                    />
                  ))}
                </RadioGroup>
              </Field>
              <Field label="Reason" required {...fieldProblem(errors.reason, { announced: false })}>
                <Select
                  value={reason}
                  onChange={(_, data) => {
                    setReason(data.value as PostponementReason | '');
                    setErrors((e) => ({ ...e, reason: undefined }));
                  }}
                >
                  <option value="">Choose a reason</option>
                  {POSTPONEMENT_REASONS.map((r) => (
                    <option key={r} value={r}>
                      {POSTPONEMENT_REASON_TEXT[r]}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field
                label="Note (optional)"
                hint="A few words for the record, such as “covering a lesson”. No case detail: no children’s names, nothing about what happened."
                {...fieldProblem(errors.note, { announced: false })}
              >
                <Input value={note} maxLength={200} onChange={(_, data) => setNote(data.value)} />
              </Field>
              <div className={screen.row}>
                <Button type="submit" appearance="primary" disabledFocusable={busy}>
                  {busy ? 'Postponing…' : 'Postpone to this time'}
                </Button>
                <Button onClick={onClose}>Keep the current time</Button>
              </div>
            </form>
          )}
        </>
      ) : null}
    </section>
  );
}
