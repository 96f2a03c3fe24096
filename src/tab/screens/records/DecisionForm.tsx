import { Button, Checkbox, Dropdown, Field, Input, Option, Textarea, makeStyles, mergeClasses } from '@fluentui/react-components';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error.js';
import { CASE_SYSTEMS, createDecisionRecord, type CaseSystem, type Decision } from '../../api/operations/records.js';
import { useShell } from '../../shell/contexts.js';
import { useScreenStyles } from '../../shell/Screen.js';
import { userMessageFor } from '../../user-message.js';
import { useFieldIssues } from '../arrangements/use-field-issues.js';
import { decisionProblems, type DecisionDraft } from './decision-form.js';
import { useRecordFormStyles } from './form-styles.js';

const useStyles = makeStyles({
  width: { maxWidth: '40rem' },
});

const CASE_SYSTEM_TEXT: Record<CaseSystem, string> = { CPOMS: 'CPOMS', MyConcern: 'MyConcern', other: 'Other' };

const KNOWN = /^(childReference|concerns|actions|actions\.\d+\.(text|timescale)|caseSystem|referredToManager|chronologyEntry)$/;
const known = (key: string) => KNOWN.test(key);

const EMPTY: DecisionDraft = { childReference: '', concerns: '', actions: [{ text: '', timescale: '' }], referredToManager: false, chronologyEntry: false, caseSystem: '' };

/**
 * A decision about one child, recorded apart from the supervision record (seed 003 Appendix 3): the
 * child's initials or case reference, the concerns, actions with timescales, and which case system
 * the decision goes on within 24 hours.
 */
export function DecisionForm({ sessionId, onRecorded, onClose }: { readonly sessionId: string; readonly onRecorded: (decision: Decision) => void; readonly onClose: () => void }) {
  const { api, notices } = useShell();
  const styles = useStyles();
  const form = useRecordFormStyles();
  const screen = useScreenStyles();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  /** Takes the focus when an action is removed (its Remove button, which held it, goes away). */
  const addActionButton = useRef<HTMLButtonElement>(null);
  const [draft, setDraft] = useState<DecisionDraft>(EMPTY);
  const [busy, setBusy] = useState(false);
  const issues = useFieldIssues(known);

  useEffect(() => heading.current?.focus(), []);

  const update = (patch: Partial<DecisionDraft>, key?: string) => {
    if (key) issues.clear(key);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const setAction = (index: number, patch: Partial<DecisionDraft['actions'][number]>) => {
    for (const k of Object.keys(patch)) issues.clear(`actions.${index}.${k}`);
    setDraft((d) => ({ ...d, actions: d.actions.map((a, i) => (i === index ? { ...a, ...patch } : a)) }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const checked = decisionProblems(draft);
    if (!checked.ok) {
      issues.show(checked.issues);
      notices.showError('The decision is not recorded yet: fix the fields marked, then record it.');
      return;
    }
    setBusy(true);
    notices.showError(null);
    try {
      onRecorded(await createDecisionRecord(api, sessionId, checked.input));
    } catch (error) {
      if (error instanceof ApiError) issues.show(error.issues);
      notices.showError(userMessageFor(error, 'The decision could not be recorded. Try again.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={screen.stack} aria-labelledby={headingId}>
      <h4 id={headingId} ref={heading} tabIndex={-1} className={screen.h4}>
        Record a decision about a child
      </h4>
      <form className={mergeClasses(form.form, styles.width)} noValidate aria-labelledby={headingId} onSubmit={(event) => void submit(event)}>
        <Field label="Child" required hint="Initials or the case reference, never a full name." {...issues.field('childReference')}>
          <Input value={draft.childReference} maxLength={40} onChange={(_, data) => update({ childReference: data.value }, 'childReference')} />
        </Field>
        <Field label="Concerns discussed" required {...issues.field('concerns')}>
          <Textarea resize="vertical" rows={4} maxLength={4000} value={draft.concerns} onChange={(_, data) => update({ concerns: data.value }, 'concerns')} />
        </Field>
        <fieldset className={form.fieldset}>
          <legend className={form.legend}>Actions, each with a timescale</legend>
          {issues.message('actions') ? <p className={form.problem}>{issues.message('actions')}</p> : null}
          {draft.actions.map((a, i) => (
            <div key={i} className={screen.rowEnd}>
              <Field label={`Action ${i + 1}`} required {...issues.field(`actions.${i}.text`)}>
                <Input value={a.text} maxLength={500} onChange={(_, data) => setAction(i, { text: data.value })} />
              </Field>
              <Field label={`Timescale for action ${i + 1}`} required hint="For example: by Friday." {...issues.field(`actions.${i}.timescale`)}>
                <Input value={a.timescale} maxLength={100} onChange={(_, data) => setAction(i, { timescale: data.value })} />
              </Field>
              {draft.actions.length > 1 ? (
                <Button
                  onClick={() => {
                    issues.clear();
                    setDraft((d) => ({ ...d, actions: d.actions.filter((_, j) => j !== i) }));
                    addActionButton.current?.focus();
                  }}
                >
                  Remove action {i + 1}
                </Button>
              ) : null}
            </div>
          ))}
          <div>
            <Button ref={addActionButton} onClick={() => setDraft((d) => ({ ...d, actions: [...d.actions, { text: '', timescale: '' }] }))}>
              Add an action
            </Button>
          </div>
        </fieldset>
        <Checkbox label="Referred to the supervisor's manager" checked={draft.referredToManager} onChange={(_, data) => update({ referredToManager: data.checked === true })} />
        <Checkbox label="An entry is needed in the child's chronology" checked={draft.chronologyEntry} onChange={(_, data) => update({ chronologyEntry: data.checked === true })} />
        <Field label="Case system the decision goes on" required {...issues.field('caseSystem')}>
          <Dropdown
            placeholder="Choose the case system"
            value={draft.caseSystem ? CASE_SYSTEM_TEXT[draft.caseSystem] : ''}
            selectedOptions={draft.caseSystem ? [draft.caseSystem] : []}
            onOptionSelect={(_, data) => update({ caseSystem: (data.optionValue ?? '') as CaseSystem | '' }, 'caseSystem')}
          >
            {CASE_SYSTEMS.map((c) => (
              <Option key={c} value={c}>
                {CASE_SYSTEM_TEXT[c]}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <div className={screen.row}>
          <Button type="submit" appearance="primary" disabledFocusable={busy}>
            {busy ? 'Recording…' : 'Record the decision'}
          </Button>
          <Button onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </section>
  );
}
