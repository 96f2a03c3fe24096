import {
  Button,
  Checkbox,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Radio,
  RadioGroup,
  Textarea,
  makeStyles,
  tokens,
  typographyStyles,
  mergeClasses,
} from '@fluentui/react-components';
import { useId, useRef } from 'react';
import type { AgreedAction, RecordContent, RecordView, Signatory } from '../../api/operations/records.js';
import { useGroupProblem } from '../../components/GroupProblem.js';
import { useScreenStyles } from '../../shell/Screen.js';
import { formatTime } from '../../time/london.js';
import { isActionReady, isCarried, lockedEditNote, saveStateText } from './record-text.js';
import { useRecordDraft } from './use-record-draft.js';
import { useRecordFormStyles } from './form-styles.js';

const useStyles = makeStyles({
  width: { maxWidth: '48rem' },
  actionGrid: {
    display: 'grid',
    gridTemplateColumns: 'minmax(12rem, 2fr) minmax(10rem, 1fr) minmax(9rem, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    '@media (max-width: 719px)': { gridTemplateColumns: '1fr' },
  },
  status: { ...typographyStyles.body1, margin: 0, minHeight: '1.25rem', color: tokens.colorNeutralForeground2 },
  statusProblem: { ...typographyStyles.body1Strong, margin: 0, color: tokens.colorPaletteRedForeground1 },
  sticky: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
});

const newActionId = () => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `a-${Date.now()}-${Math.random().toString(36).slice(2)}`);

/**
 * The supervisor writes the record: the template's questions, the agreed actions (open ones carried
 * from last time), and for a group who was present and who takes forward any immediate concern. It
 * saves as they type; "Send for signature" saves anything waiting first.
 */
export function RecordEditor({ view, onView, onReload }: { readonly view: RecordView; readonly onView: (view: RecordView) => void; readonly onReload: () => void }) {
  const styles = useStyles();
  const formStyles = useRecordFormStyles();
  const screen = useScreenStyles();
  const headingId = useId();
  const actionsId = useId();
  /** Takes the focus when an action is removed (its Remove button, which held it, goes away). */
  const addActionButton = useRef<HTMLButtonElement>(null);
  const { form, change, save, retry, send, sending, sendIssues, issues } = useRecordDraft(view, onView);
  const { record, template, arrangement } = view;
  const parties: Signatory[] = [arrangement.supervisor, ...arrangement.supervisees];
  const group = record.kind === 'group';
  const attendanceProblem = useGroupProblem(issues.message('attendance'));
  const actionsProblem = useGroupProblem(issues.message('actions'));

  const setAnswer = (id: string, value: string) => {
    issues.clear(`answers.${id}`);
    change((f) => ({ ...f, answers: { ...f.answers, [id]: value } }));
  };
  const setAction = (index: number, patch: Partial<AgreedAction>) => {
    for (const k of Object.keys(patch)) issues.clear(`actions.${index}.${k}`);
    change((f) => ({ ...f, actions: f.actions.map((a, i) => (i === index ? { ...a, ...patch } : a)) }));
  };
  const addAction = () =>
    change((f) => ({
      ...f,
      actions: [...f.actions, { id: newActionId(), text: '', ownerId: '', dueDate: '', done: false, ...(record.sessionId ? { agreedInSessionId: record.sessionId } : {}) }],
    }));
  const removeAction = (index: number) => {
    issues.clear();
    change((f) => ({ ...f, actions: f.actions.filter((_, i) => i !== index) }));
    addActionButton.current?.focus();
  };
  const present = (id: string) => form.attendance?.find((a) => a.userId === id)?.present ?? false;
  const setPresent = (id: string, value: boolean) => {
    issues.clear('attendance');
    change((f) => {
      const attendance = parties.map((p) => ({ userId: p.id, present: p.id === id ? value : (f.attendance?.find((a) => a.userId === p.id)?.present ?? false) }));
      const keepsForward = f.takesForwardId && attendance.some((a) => a.userId === f.takesForwardId && a.present);
      const next: RecordContent = { ...f, attendance };
      if (!keepsForward) delete next.takesForwardId;
      return next;
    });
  };
  const nameOf = (id: string) => parties.find((p) => p.id === id)?.displayName ?? '';
  const presentPeople = parties.filter((p) => present(p.id));
  const statusText = saveStateText(save, formatTime);
  const problem = save.kind === 'failed' || save.kind === 'conflict';

  return (
    <section className={screen.stack} aria-labelledby={headingId}>
      <h3 id={headingId} className={screen.h3}>
        Write the record
      </h3>
      {record.state === 'locked' ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{lockedEditNote(record.version)}</MessageBarBody>
        </MessageBar>
      ) : null}
      {record.state === 'awaiting-signatures' ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>This version is waiting for signatures. Changing it takes it back to a draft, and everyone signs again once you send it.</MessageBarBody>
        </MessageBar>
      ) : null}
      <p className={screen.muted}>{template.title}. Your answers save as you type. Records keep a child&apos;s initials or case reference only, never a full name.</p>

      <form className={mergeClasses(formStyles.form, styles.width)} noValidate aria-labelledby={headingId} onSubmit={(event) => event.preventDefault()}>
        {template.questions.map((q) => {
          const value = form.answers[q.id] ?? '';
          return (
            <Field key={q.id} label={q.label} hint={q.hint} required={q.required ?? false} {...issues.field(`answers.${q.id}`)}>
              {q.kind === 'long-text' ? (
                <Textarea resize="vertical" rows={3} value={value} onChange={(_, data) => setAnswer(q.id, data.value)} />
              ) : q.kind === 'text' ? (
                <Input value={value} onChange={(_, data) => setAnswer(q.id, data.value)} />
              ) : (
                <RadioGroup layout="horizontal" value={value} onChange={(_, data) => setAnswer(q.id, data.value)}>
                  <Radio value="yes" label="Yes" />
                  <Radio value="no" label="No" />
                </RadioGroup>
              )}
            </Field>
          );
        })}

        {group ? (
          <fieldset className={formStyles.fieldset} {...attendanceProblem.groupProps}>
            <legend className={formStyles.legend}>Who was present</legend>
            {attendanceProblem.message}
            {parties.map((p) => (
              <Checkbox
                key={p.id}
                label={p.id === arrangement.supervisor.id ? `${p.displayName} (supervisor)` : p.displayName}
                checked={present(p.id)}
                onChange={(_, data) => setPresent(p.id, data.checked === true)}
              />
            ))}
            <Field label="Takes forward any immediate concern" hint="Someone who was present." {...issues.field('takesForwardId')}>
              <Dropdown
                placeholder={presentPeople.length === 0 ? 'Mark who was present first' : 'Choose someone present'}
                value={form.takesForwardId ? nameOf(form.takesForwardId) : ''}
                selectedOptions={form.takesForwardId ? [form.takesForwardId] : []}
                onOptionSelect={(_, data) => {
                  issues.clear('takesForwardId');
                  change((f) => ({ ...f, ...(data.optionValue ? { takesForwardId: data.optionValue } : {}) }));
                }}
              >
                {presentPeople.map((p) => (
                  <Option key={p.id} value={p.id}>
                    {p.displayName}
                  </Option>
                ))}
              </Dropdown>
            </Field>
          </fieldset>
        ) : null}

        <section className={screen.stack} aria-labelledby={actionsId} {...actionsProblem.groupProps}>
          <h4 id={actionsId} className={screen.h4}>
            Agreed actions
          </h4>
          <p className={screen.muted}>Each action has who will do it and by when. Actions still open from the last session are carried in until they are done.</p>
          {actionsProblem.message}
          {form.actions.length === 0 ? <p className={screen.text}>No actions yet.</p> : null}
          {form.actions.map((a, i) => {
            const n = i + 1;
            const carried = isCarried(a, record.sessionId);
            return (
              <fieldset key={a.id} className={formStyles.fieldset}>
                <legend className={formStyles.legend}>
                  Action {n}
                  {carried ? ' (carried from an earlier session)' : ''}
                </legend>
                <div className={styles.actionGrid}>
                  <Field label={`What was agreed (action ${n})`} required {...issues.field(`actions.${i}.text`)}>
                    <Input value={a.text} maxLength={500} onChange={(_, data) => setAction(i, { text: data.value })} />
                  </Field>
                  <Field label={`Who (action ${n})`} required {...issues.field(`actions.${i}.ownerId`)}>
                    <Dropdown
                      placeholder="Choose who"
                      value={nameOf(a.ownerId)}
                      selectedOptions={a.ownerId ? [a.ownerId] : []}
                      onOptionSelect={(_, data) => setAction(i, { ownerId: data.optionValue ?? '' })}
                    >
                      {parties.map((p) => (
                        <Option key={p.id} value={p.id}>
                          {p.displayName}
                        </Option>
                      ))}
                    </Dropdown>
                  </Field>
                  <Field label={`By when (action ${n})`} required {...issues.field(`actions.${i}.dueDate`)}>
                    <Input type="date" value={a.dueDate} onChange={(_, data) => setAction(i, { dueDate: data.value })} />
                  </Field>
                </div>
                <div className={screen.row}>
                  <Checkbox label={`Done (action ${n})`} checked={a.done} onChange={(_, data) => setAction(i, { done: data.checked === true })} />
                  <Button onClick={() => removeAction(i)}>Remove action {n}</Button>
                </div>
                {isActionReady(a) ? null : <p className={screen.small}>Not saved until it says what was agreed, who will do it and by when.</p>}
              </fieldset>
            );
          })}
          <div>
            <Button ref={addActionButton} onClick={addAction}>
              Add an action
            </Button>
          </div>
        </section>
      </form>

      <div className={styles.sticky}>
        <p role="status" aria-live="polite" aria-atomic="true" className={problem ? styles.statusProblem : styles.status}>
          {statusText}
        </p>
        {save.kind === 'failed' ? (
          <div className={screen.row}>
            <Button onClick={retry}>Try again</Button>
          </div>
        ) : null}
        {save.kind === 'conflict' ? (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Your latest changes are not saved</MessageBarTitle> {save.message}
            </MessageBarBody>
            <MessageBarActions>
              <Button onClick={onReload}>Reload the record</Button>
            </MessageBarActions>
          </MessageBar>
        ) : null}
        {record.state === 'draft' ? (
          <div className={screen.row}>
            <Button appearance="primary" onClick={() => void send()} disabledFocusable={sending || save.kind === 'conflict'}>
              {sending ? 'Sending…' : 'Send for signature'}
            </Button>
          </div>
        ) : null}
        {sendIssues.length > 0 ? (
          <div className={screen.stack}>
            <p className={styles.statusProblem}>Before it can be sent:</p>
            <ul className={screen.list} aria-label="What to fix before sending">
              {sendIssues.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </section>
  );
}
