import { Button, Checkbox, Field, Input, Radio, RadioGroup, Select, Switch, makeStyles, tokens } from '@fluentui/react-components';
import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error.js';
import { createArrangement, type Arrangement, type Person } from '../../api/operations/arrangements.js';
import type { School } from '../../api/operations/schools.js';
import { useShell } from '../../shell/contexts.js';
import { useScreenStyles } from '../../shell/Screen.js';
import { userMessageFor } from '../../user-message.js';
import {
  CADENCE_KINDS,
  cadenceText,
  EMPTY_DRAFT,
  guessRole,
  policyDefaults,
  roleLabel,
  SUPERVISEE_ROLES,
  SUPERVISOR_ROLES,
  toArrangementInput,
  WEEKDAYS,
  type ArrangementDraft,
  type SuperviseeDraft,
} from './arrangement-form.js';
import { PersonPicker } from './PersonPicker.js';
import { useGroupProblem } from '../../components/GroupProblem.js';
import { useFieldIssues } from './use-field-issues.js';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL, maxWidth: '48rem' },
  pair: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(14rem, 100%), 1fr))',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalM,
    alignItems: 'start',
    '& > *': { minWidth: 0 },
  },
  numbers: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(11rem, 100%), 1fr))',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalM,
    alignItems: 'start',
    '& > *': { minWidth: 0 },
  },
  days: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
});

const KNOWN =
  /^(supervisorId|supervisorRole|supervisees|supervisees\.\d+\.(id|role)|cadence|cadence\.weeks|durationMinutes|maxGapMonths|organiser|location|preferences\.days|schoolId)$/;
const isKnown = (key: string) => KNOWN.test(key);

/**
 * A new arrangement: supervisor and their role, one or more supervisees each with a role (several make
 * a group), and how often, how long, where and on which days. Empty numbers take the policy's defaults
 * (shown as placeholders). A pairing the school's grid refuses shows the server's reason by the role.
 * When the trust has more than one school, the arrangement's school is chosen too.
 */
export function NewArrangementForm({ onCreated, schools = [] }: { readonly onCreated: (a: Arrangement) => void; readonly schools?: readonly School[] }) {
  const { api, notices } = useShell();
  const styles = useStyles();
  const screen = useScreenStyles();
  const [draft, setDraft] = useState<ArrangementDraft>(EMPTY_DRAFT);
  const [nextKey, setNextKey] = useState(1);
  const [busy, setBusy] = useState(false);
  const issues = useFieldIssues(isKnown);
  const superviseesProblem = useGroupProblem(issues.message('supervisees'));
  const daysProblem = useGroupProblem(issues.message('preferences.days'));
  /** Takes the focus when a supervisee is removed (their Remove button, which held it, goes away). */
  const addSuperviseeButton = useRef<HTMLButtonElement>(null);

  const update = (change: Partial<ArrangementDraft>, clearKey?: string) => {
    setDraft((d) => ({ ...d, ...change }));
    if (clearKey) issues.clear(clearKey);
  };
  const updateSupervisee = (index: number, change: Partial<SuperviseeDraft>, clearKey: string) => {
    setDraft((d) => ({ ...d, supervisees: d.supervisees.map((s, i) => (i === index ? { ...s, ...change } : s)) }));
    issues.clear(clearKey);
  };

  const group = draft.supervisees.length > 1;
  const defaults = policyDefaults(draft.supervisees[0]?.role ?? '', draft.supervisees.length);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const severalSchools = schools.length > 1;
    const built = toArrangementInput(severalSchools ? draft : { ...draft, schoolId: '' }, { schoolRequired: severalSchools });
    if (!built.ok) {
      issues.show(built.issues);
      notices.showError(`The arrangement is not complete: ${built.issues.map((i) => i.message).join(' ')}`);
      return;
    }
    setBusy(true);
    notices.showError(null);
    try {
      const made = await createArrangement(api, built.input);
      onCreated(made);
      setDraft(EMPTY_DRAFT);
      issues.clear();
      notices.showStatus(`Arrangement made: ${made.supervisor.displayName} with ${made.supervisees.map((s) => s.displayName).join(', ')}.`);
    } catch (error) {
      if (error instanceof ApiError && error.issues.length > 0) {
        issues.show(error.issues);
        notices.showError(`The arrangement was not made. ${[...new Set(error.issues.map((i) => i.message))].join(' ')}`);
      } else {
        notices.showError(userMessageFor(error, 'The arrangement could not be made. Try again.'));
      }
    } finally {
      setBusy(false);
    }
  };

  const roleOptions = (roles: readonly string[]) => (
    <>
      <option value="">Choose a role</option>
      {roles.map((r) => (
        <option key={r} value={r}>
          {roleLabel(r)}
        </option>
      ))}
    </>
  );

  return (
    <form className={styles.form} onSubmit={(event) => void submit(event)} noValidate aria-label="New arrangement">
      {schools.length > 1 ? (
        <Field
          label="School"
          required
          hint="The trust's school this supervision belongs to: the compliance dashboard and evidence pack can be read per school."
          {...issues.field('schoolId')}
        >
          <Select value={draft.schoolId} onChange={(_, data) => update({ schoolId: data.value }, 'schoolId')}>
            <option value="">Choose a school</option>
            {schools.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <div className={styles.pair}>
        <Field label="Supervisor" required {...issues.field('supervisorId')}>
          <PersonPicker
            value={draft.supervisor}
            onChange={(person: Person | null) =>
              update({ supervisor: person, ...(person && !draft.supervisorRole ? { supervisorRole: guessRole(person.jobTitle, SUPERVISOR_ROLES) } : {}) }, 'supervisorId')
            }
          />
        </Field>
        <Field label="Supervisor's role" required {...issues.field('supervisorRole')}>
          <Select value={draft.supervisorRole} onChange={(_, data) => update({ supervisorRole: data.value }, 'supervisorRole')}>
            {roleOptions(SUPERVISOR_ROLES)}
          </Select>
        </Field>
      </div>

      <fieldset className={screen.panel} {...superviseesProblem.groupProps}>
        <legend className={screen.h4}>Supervisees</legend>
        {draft.supervisees.map((s, index) => {
          const n = group ? ` ${index + 1}` : '';
          return (
            <div key={s.key} className={styles.pair}>
              <Field label={`Supervisee${n}`} required {...issues.field(`supervisees.${index}.id`)}>
                <PersonPicker
                  value={s.person}
                  onChange={(person) =>
                    updateSupervisee(index, { person, ...(person && !s.role ? { role: guessRole(person.jobTitle, SUPERVISEE_ROLES) } : {}) }, `supervisees.${index}.id`)
                  }
                />
              </Field>
              <Field label={group ? `Role of supervisee${n}` : "Supervisee's role"} required {...issues.field(`supervisees.${index}.role`)}>
                <Select value={s.role} onChange={(_, data) => updateSupervisee(index, { role: data.value }, `supervisees.${index}.role`)}>
                  {roleOptions(SUPERVISEE_ROLES)}
                </Select>
              </Field>
              {group ? (
                <div>
                  <Button
                    appearance="subtle"
                    onClick={() => {
                      setDraft((d) => ({ ...d, supervisees: d.supervisees.filter((_, i) => i !== index) }));
                      issues.clear();
                      addSuperviseeButton.current?.focus();
                    }}
                  >
                    Remove supervisee{n}
                  </Button>
                </div>
              ) : null}
            </div>
          );
        })}
        {superviseesProblem.message}
        <div className={screen.row}>
          <Button
            ref={addSuperviseeButton}
            disabledFocusable={draft.supervisees.length >= 12}
            onClick={() => {
              setDraft((d) => ({ ...d, supervisees: [...d.supervisees, { key: nextKey, person: null, role: '' }] }));
              setNextKey((k) => k + 1);
            }}
          >
            Add another supervisee
          </Button>
          <span className={screen.muted}>Format: {group ? `group supervision (${draft.supervisees.length} supervisees)` : 'individual supervision'}</span>
        </div>
      </fieldset>

      <div className={styles.numbers}>
        <Field label="How often" {...issues.field('cadence')}>
          <Select value={draft.cadence} onChange={(_, data) => update({ cadence: data.value as ArrangementDraft['cadence'] }, 'cadence')}>
            <option value="">{defaults ? `Policy default (${defaults.cadence.toLowerCase()})` : 'Policy default for the role'}</option>
            {CADENCE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {cadenceText({ kind })}
              </option>
            ))}
          </Select>
        </Field>
        {draft.cadence === 'every-n-weeks' ? (
          <Field label="Weeks apart" required {...issues.field('cadence.weeks')}>
            <Input type="number" min={1} max={26} value={draft.weeks} onChange={(_, data) => update({ weeks: data.value }, 'cadence.weeks')} />
          </Field>
        ) : null}
        <Field label="Length (minutes)" hint="Empty: the policy's length" {...issues.field('durationMinutes')}>
          <Input
            type="number"
            min={15}
            max={240}
            step={15}
            placeholder={defaults ? `Default: ${defaults.durationMinutes}` : 'Policy default'}
            value={draft.duration}
            onChange={(_, data) => update({ duration: data.value }, 'durationMinutes')}
          />
        </Field>
        <Field label="Longest gap (months)" hint="Empty: the policy's gap" {...issues.field('maxGapMonths')}>
          <Input
            type="number"
            min={1}
            max={12}
            placeholder={defaults ? `Default: ${defaults.maxGapMonths}` : 'Policy default'}
            value={draft.maxGap}
            onChange={(_, data) => update({ maxGap: data.value }, 'maxGapMonths')}
          />
        </Field>
      </div>

      <Field label="Meeting organiser" {...issues.field('organiser')}>
        <RadioGroup
          value={draft.organiser}
          layout="horizontal"
          onChange={(_, data) => update({ organiser: data.value === 'safeguarding-mailbox' ? 'safeguarding-mailbox' : 'supervisor' }, 'organiser')}
        >
          <Radio value="supervisor" label="The supervisor's mailbox" />
          <Radio value="safeguarding-mailbox" label="The safeguarding mailbox" />
        </RadioGroup>
      </Field>
      <Switch checked={draft.teamsMeeting} onChange={(_, data) => update({ teamsMeeting: data.checked })} label="Add a Teams meeting link" />
      <Field label="Place (optional)" hint="A room, such as “Meeting room 2”. It appears in the invitation: no case detail." {...issues.field('location')}>
        <Input value={draft.location} maxLength={100} onChange={(_, data) => update({ location: data.value }, 'location')} />
      </Field>
      <fieldset className={screen.panel} {...daysProblem.groupProps}>
        <legend className={screen.h4}>Preferred days (optional)</legend>
        <div className={styles.days}>
          {WEEKDAYS.map(({ day, name }) => (
            <Checkbox
              key={day}
              label={name}
              checked={draft.days.includes(day)}
              onChange={(_, data) => update({ days: data.checked === true ? [...draft.days, day] : draft.days.filter((d) => d !== day) }, 'preferences.days')}
            />
          ))}
        </div>
        {daysProblem.message}
      </fieldset>
      <div className={screen.row}>
        <Button type="submit" appearance="primary" disabledFocusable={busy}>
          {busy ? 'Making the arrangement…' : 'Make arrangement'}
        </Button>
      </div>
    </form>
  );
}
