import { Button, Checkbox, Field, Radio, RadioGroup, Textarea, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import { listSessions, type SessionView } from '../api/operations/sessions.js';
import { useHeadingStyles } from '../components/heading-styles.js';
import { Loading } from '../components/Loading.js';
import { fieldProblem } from '../forms/field-props.js';
import { useShell } from '../shell/contexts.js';
import { formatDate } from '../time/london.js';
import { userMessageFor } from '../user-message.js';
import { AGENDA_ITEM_MAX, itemTextFromEmail } from './agenda-text.js';
import { sessionChoiceLabel } from './pane-text.js';
import { addAgendaItem } from './api.js';
import { upcomingOwnSessions } from './upcoming.js';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL },
  muted: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2, display: 'block' },
});

type Problems = Partial<Record<'text' | 'session', string>>;

/** "Add to supervision agenda" from an email: the subject (and the text only if asked), editable; one of your upcoming sessions. */
export function MailPane({ subject, readBodyText }: { readonly subject: string; readonly readBodyText: () => Promise<string> }) {
  const { api, notices, me } = useShell();
  const styles = useStyles();
  const heading = useHeadingStyles();
  const [text, setText] = useState(() => itemTextFromEmail(subject, null));
  const [includeBody, setIncludeBody] = useState(false);
  const [sessions, setSessions] = useState<SessionView[] | null>(null);
  const [sessionId, setSessionId] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    listSessions(api, 'mine', controller.signal).then(
      (all) => {
        if (controller.signal.aborted) return;
        const own = upcomingOwnSessions(all, me.id, Date.now());
        setSessions(own);
        setSessionId(own[0]?.session.id ?? '');
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setSessions([]);
        notices.showError(userMessageFor(error, 'Your sessions could not be loaded. Close the pane and try again.'));
      },
    );
    return () => controller.abort();
  }, [api, notices, me.id]);

  const toggleBody = async (checked: boolean) => {
    setIncludeBody(checked);
    if (!checked) {
      setText(itemTextFromEmail(subject, null));
      return;
    }
    try {
      setText(itemTextFromEmail(subject, await readBodyText()));
    } catch {
      setIncludeBody(false);
      notices.showError('The message text could not be read. Type what you would like to discuss instead.');
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const missing: Problems = {};
    if (!text.trim()) missing.text = 'Type what you would like to discuss.';
    if (!sessionId) missing.session = 'Choose a session.';
    setProblems(missing);
    if (missing.text || missing.session) return;
    setBusy(true);
    notices.showError(null);
    try {
      const added = await addAgendaItem(api, sessionId, text);
      notices.showStatus(
        `Added as item ${added.number} on the agenda of ${formatDate(added.view.start)}.${added.namesAChild ? ' It may name a child: edit it to use initials or a case reference.' : ''}`,
      );
    } catch (error) {
      notices.showError(userMessageFor(error, 'The item could not be added. Try again.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={heading.section} aria-labelledby="mail-heading">
      <h2 id="mail-heading" className={heading.heading}>
        Add to supervision agenda
      </h2>
      {sessions === null ? <Loading label="Finding your upcoming sessions" /> : null}
      {sessions !== null && sessions.length === 0 ? <p className={heading.text}>You have no upcoming supervision session to add this to.</p> : null}
      {sessions !== null && sessions.length > 0 ? (
        <form className={styles.form} onSubmit={(event) => void submit(event)} noValidate>
          <Field label="Agenda item" required hint="Use initials or a case reference, never a child's name." {...fieldProblem(problems.text)}>
            <Textarea value={text} maxLength={AGENDA_ITEM_MAX} resize="vertical" rows={4} onChange={(_, data) => setText(data.value)} />
          </Field>
          <Checkbox checked={includeBody} label="Include the message text" onChange={(_, data) => void toggleBody(data.checked === true)} />
          <Field label="Session" required {...fieldProblem(problems.session)}>
            <RadioGroup value={sessionId} onChange={(_, data) => setSessionId(data.value)}>
              {sessions.map((s) => (
                <Radio key={s.session.id} value={s.session.id} label={sessionChoiceLabel(s.session, withNames(s, me.id))} />
              ))}
            </RadioGroup>
          </Field>
          <div>
            <Button type="submit" appearance="primary" disabled={busy}>
              Add to agenda
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

function withNames(s: SessionView, myId: string): string {
  const people = [s.arrangement.supervisor, ...s.arrangement.supervisees].filter((p) => p.id !== myId).map((p) => p.displayName);
  return people.join(', ');
}
