import { Badge, Button, Field, Textarea, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error.js';
import { getSession, type SessionView } from '../api/operations/sessions.js';
import { useHeadingStyles } from '../components/heading-styles.js';
import { Loading } from '../components/Loading.js';
import { fieldProblem } from '../forms/field-props.js';
import { sessionPath } from '../router/routes.js';
import { PostponePanel } from '../screens/sessions/PostponePanel.js';
import { peopleText, sessionStatus } from '../screens/sessions/session-text.js';
import { useShell } from '../shell/contexts.js';
import { formatTimeRange } from '../time/london.js';
import { movedText } from './pane-text.js';
import { userMessageFor } from '../user-message.js';
import { AGENDA_ITEM_MAX } from './agenda-text.js';
import { addAgendaItem, findSessionByEvent, getSessionAgenda, type AgendaView, type MeetingRef } from './api.js';

const useStyles = makeStyles({
  facts: { ...typographyStyles.body1, margin: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  badges: { display: 'flex', columnGap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  h3: { ...typographyStyles.subtitle2, margin: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  muted: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2 },
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  actions: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
});

type Found = { kind: 'loading' } | { kind: 'session'; view: SessionView; agenda: AgendaView | null } | { kind: 'not-a-session' | 'refused' | 'unchecked'; message: string };

const HEADINGS: Record<'not-a-session' | 'refused' | 'unchecked', string> = {
  'not-a-session': 'Not a supervision session',
  refused: 'Not your supervision session',
  unchecked: 'This meeting could not be checked',
};

/** The meeting pane: which session this meeting is, its time, status and agenda; add an item; "I can't make it". */
export function MeetingPane({ meeting }: { readonly meeting: MeetingRef }) {
  const { api, notices } = useShell();
  const styles = useStyles();
  const heading = useHeadingStyles();
  const [found, setFound] = useState<Found>({ kind: 'loading' });
  const [postponing, setPostponing] = useState(false);
  /** Asks for the session again (after someone else moved or cancelled it). */
  const [loads, setLoads] = useState(0);

  /**
   * The session once found: asked for again by its id. The meeting's start Outlook gave when the pane
   * opened no longer names it once it has moved or been cancelled.
   */
  const foundId = useRef<{ readonly meeting: MeetingRef; readonly sessionId: string } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    void (async () => {
      try {
        const known = foundId.current?.meeting === meeting ? foundId.current.sessionId : null;
        const view = known ? await getSession(api, known, controller.signal) : await findSessionByEvent(api, meeting, controller.signal);
        foundId.current = { meeting, sessionId: view.session.id };
        const agenda = await getSessionAgenda(api, view.session.id, controller.signal);
        if (!controller.signal.aborted) setFound({ kind: 'session', view, agenda });
      } catch (error) {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.kind === 'not-found') setFound({ kind: 'not-a-session', message: error.message });
        else if (error instanceof ApiError && error.kind === 'forbidden') setFound({ kind: 'refused', message: error.message });
        else setFound({ kind: 'unchecked', message: userMessageFor(error, 'Close the pane and try again.') });
      }
    })();
    return () => controller.abort();
  }, [api, notices, meeting, loads]);

  if (found.kind === 'loading') return <Loading label="Finding the supervision session for this meeting" />;
  if (found.kind !== 'session') {
    return (
      <section className={heading.section} aria-labelledby="meeting-heading">
        <h2 id="meeting-heading" className={heading.heading}>
          {HEADINGS[found.kind]}
        </h2>
        <p className={heading.text}>{found.message}</p>
      </section>
    );
  }

  const { view, agenda } = found;
  const { session } = view;
  const party = view.myPart !== 'oversight';
  const open = session.status === 'booked' && Date.parse(session.end) > Date.now();
  return (
    <section className={heading.section} aria-labelledby="meeting-heading">
      <h2 id="meeting-heading" className={heading.heading}>
        Supervision session
      </h2>
      <div className={styles.facts}>
        <span>{formatTimeRange(session.start, session.end)}</span>
        <span>{peopleText(view.arrangement)}</span>
        {/* A visible label rather than an aria-label: a plain span's aria-label is not read. */}
        <span className={styles.badges}>
          <span>Status:</span>
          {sessionStatus(view).map((s) => (
            <Badge key={s.label} appearance="tint" color={s.color}>
              {s.label}
            </Badge>
          ))}
        </span>
      </div>
      {agenda ? <AgendaList agenda={agenda} /> : null}
      {party && open ? <AddItemForm sessionId={session.id} onAdded={(next) => setFound({ kind: 'session', view, agenda: next })} /> : null}
      <div className={styles.actions}>
        {view.canPostpone && party && open && !postponing ? <Button onClick={() => setPostponing(true)}>I can&apos;t make it</Button> : null}
        {view.myPart === 'supervisor' ? (
          <Button as="a" appearance="secondary" href={sessionPath(session.id)} target="_blank" rel="noopener">
            Write the record in the Supervision tab
          </Button>
        ) : null}
      </div>
      {postponing ? (
        <PostponePanel
          view={view}
          onClose={() => setPostponing(false)}
          onStale={(message) => {
            setPostponing(false);
            notices.showError(message);
            setLoads((n) => n + 1);
          }}
          onPostponed={(moved) => {
            setPostponing(false);
            setFound({ kind: 'session', view: moved, agenda: agenda ? { ...agenda, start: moved.session.start, end: moved.session.end } : null });
            notices.showStatus(movedText(moved.session));
          }}
        />
      ) : null}
    </section>
  );
}

function AgendaList({ agenda }: { readonly agenda: AgendaView }) {
  const styles = useStyles();
  const headingId = useId();
  const sections = agenda.sections.filter((s) => s.items.length > 0);
  return (
    <section aria-labelledby={headingId} className={styles.form}>
      <h3 id={headingId} className={styles.h3}>
        Agenda
      </h3>
      {sections.length === 0 ? <p className={styles.muted}>Nothing on the agenda yet.</p> : null}
      {sections.map(({ section, items }) => (
        <div key={section.id}>
          <h4 className={styles.h3}>{section.title}</h4>
          <ul className={styles.list}>
            {items.map((item) => (
              <li key={item.id}>
                {item.text} <span className={styles.muted}>({item.addedByName})</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function AddItemForm({ sessionId, onAdded }: { readonly sessionId: string; readonly onAdded: (agenda: AgendaView) => void }) {
  const { api, notices } = useShell();
  const styles = useStyles();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!text.trim()) {
      setProblem('Type what you would like to discuss.');
      return;
    }
    setBusy(true);
    setProblem(null);
    notices.showError(null);
    try {
      const added = await addAgendaItem(api, sessionId, text);
      onAdded(added.view);
      setText('');
      notices.showStatus(`Added as item ${added.number} on the agenda.${added.namesAChild ? ' It may name a child: edit it to use initials or a case reference.' : ''}`);
    } catch (error) {
      setProblem(userMessageFor(error, 'The item could not be added. Try again.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={(event) => void submit(event)} noValidate>
      <Field label="Add an item to the agenda" hint="Use initials or a case reference, never a child's name." {...fieldProblem(problem)}>
        <Textarea value={text} maxLength={AGENDA_ITEM_MAX} resize="vertical" onChange={(_, data) => setText(data.value)} />
      </Field>
      <div>
        <Button type="submit" appearance="primary" disabled={busy}>
          Add item
        </Button>
      </div>
    </form>
  );
}
