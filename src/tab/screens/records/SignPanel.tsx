import { Button, Field, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useState, type FormEvent } from 'react';
import { requestRecordChange, signRecord, type RecordView } from '../../api/operations/records.js';
import { fieldProblem } from '../../forms/field-props.js';
import { useShell } from '../../shell/contexts.js';
import { useScreenStyles } from '../../shell/Screen.js';
import { userMessageFor } from '../../user-message.js';
import { Fingerprint } from './Fingerprint.js';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, maxWidth: '40rem' },
});

/**
 * For someone asked to sign: signs exactly the version and fingerprint on the page, or asks the
 * supervisor for a change with a comment (the version goes back to draft).
 */
export function SignPanel({ view, onView }: { readonly view: RecordView; readonly onView: (view: RecordView) => void }) {
  const { api, notices } = useShell();
  const styles = useStyles();
  const screen = useScreenStyles();
  const headingId = useId();
  const changeId = useId();
  const [busy, setBusy] = useState<'sign' | 'change' | null>(null);
  const [comment, setComment] = useState('');
  const [commentProblem, setCommentProblem] = useState<string | null>(null);
  const { version, recordId } = view.record;

  const sign = async () => {
    if (busy) return;
    setBusy('sign');
    notices.showError(null);
    try {
      const next = await signRecord(api, recordId, { version, sha256: view.fingerprint });
      onView(next);
      notices.showStatus(next.record.state === 'locked' ? `You signed version ${version}. Everyone has signed: it is locked.` : `You signed version ${version}.`);
    } catch (error) {
      notices.showError(userMessageFor(error, 'Your signature was not recorded. Try again.'));
    } finally {
      setBusy(null);
    }
  };

  const askForChange = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!comment.trim()) {
      setCommentProblem('Say what should change.');
      notices.showError('Say what should change, then request the change.');
      return;
    }
    setBusy('change');
    notices.showError(null);
    try {
      const next = await requestRecordChange(api, recordId, { version, sha256: view.fingerprint, comment: comment.trim() });
      setComment('');
      onView(next);
      notices.showStatus(`Change requested. Version ${version} is back with the supervisor as a draft.`);
    } catch (error) {
      notices.showError(userMessageFor(error, 'The change request was not sent. Try again.'));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className={screen.panel} aria-labelledby={headingId}>
      <h3 id={headingId} className={screen.h3}>
        Sign version {version}
      </h3>
      <p className={screen.text}>Read the record on this page first. Signing says it is a true record of the session. You are signing this fingerprint:</p>
      <Fingerprint value={view.fingerprint} />
      <div className={screen.row}>
        <Button appearance="primary" onClick={() => void sign()} disabledFocusable={busy !== null}>
          {busy === 'sign' ? 'Signing…' : `Sign version ${version}`}
        </Button>
      </div>
      <h4 id={changeId} className={screen.h4}>
        Something not right?
      </h4>
      <form className={styles.form} aria-labelledby={changeId} noValidate onSubmit={(event) => void askForChange(event)}>
        <Field
          label="What should change"
          required
          hint="The supervisor sees this. No children's names: initials or case references only."
          {...fieldProblem(commentProblem, { announced: false })}
        >
          <Textarea
            resize="vertical"
            maxLength={1000}
            value={comment}
            onChange={(_, data) => {
              setComment(data.value);
              setCommentProblem(null);
            }}
          />
        </Field>
        <div>
          <Button type="submit" disabledFocusable={busy !== null}>
            {busy === 'change' ? 'Sending…' : 'Request a change'}
          </Button>
        </div>
      </form>
    </section>
  );
}
