import { Button, Checkbox, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error.js';
import { updateArrangement, type Arrangement, type ArrangementChanges } from '../../api/operations/arrangements.js';
import type { School } from '../../api/operations/schools.js';
import { useShell } from '../../shell/contexts.js';
import { useScreenStyles } from '../../shell/Screen.js';
import { userMessageFor } from '../../user-message.js';
import { listText } from '../sessions/session-text.js';
import { CADENCE_KINDS, cadenceText, type CadenceKind } from './arrangement-form.js';
import { useFieldIssues } from './use-field-issues.js';

const useStyles = makeStyles({
  numbers: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(11rem, 100%), 1fr))',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalM,
    alignItems: 'start',
    '& > *': { minWidth: 0 },
  },
});

const KNOWN = /^(cadence|cadence\.weeks|durationMinutes|maxGapMonths|status|schoolId)$/;
const isKnown = (key: string) => KNOWN.test(key);

/** Changes how often, how long and the longest gap of an arrangement, its school (when the trust has several), or ends it (PATCH sends only what changed). */
export function EditArrangement({
  arrangement,
  onSaved,
  onClose,
  schools = [],
}: {
  readonly arrangement: Arrangement;
  readonly onSaved: (a: Arrangement) => void;
  readonly onClose: () => void;
  readonly schools?: readonly School[];
}) {
  const { api, notices } = useShell();
  const styles = useStyles();
  const screen = useScreenStyles();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [cadence, setCadence] = useState<CadenceKind>(arrangement.cadence.kind);
  const [weeks, setWeeks] = useState(String(arrangement.cadence.weeks ?? ''));
  const [duration, setDuration] = useState(String(arrangement.durationMinutes));
  const [maxGap, setMaxGap] = useState(String(arrangement.maxGapMonths));
  const [ended, setEnded] = useState(arrangement.status === 'ended');
  // An arrangement with no school of its own (or one no longer listed) is in the first school.
  const currentSchool = schools.some((s) => s.id === arrangement.schoolId) ? (arrangement.schoolId ?? '') : (schools[0]?.id ?? '');
  const [schoolId, setSchoolId] = useState(currentSchool);
  const [busy, setBusy] = useState(false);
  const issues = useFieldIssues(isKnown);
  const name = `${arrangement.supervisor.displayName} with ${listText(arrangement.supervisees.map((s) => s.displayName))}`;

  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problems: { field: string; message: string }[] = [];
    const number = (text: string, field: string, min: number, max: number, words: string) => {
      const n = Number(text);
      if (!/^\d+$/.test(text.trim()) || n < min || n > max) problems.push({ field, message: `Enter ${words} from ${min} to ${max}.` });
      return n;
    };
    const changes: ArrangementChanges = {};
    if (cadence === 'every-n-weeks') {
      const w = number(weeks, 'cadence.weeks', 1, 26, 'whole weeks');
      if (arrangement.cadence.kind !== cadence || arrangement.cadence.weeks !== w) changes.cadence = { kind: cadence, weeks: w };
    } else if (arrangement.cadence.kind !== cadence) {
      changes.cadence = { kind: cadence };
    }
    const d = number(duration, 'durationMinutes', 15, 240, 'whole minutes');
    if (d !== arrangement.durationMinutes) changes.durationMinutes = d;
    const g = number(maxGap, 'maxGapMonths', 1, 12, 'whole months');
    if (g !== arrangement.maxGapMonths) changes.maxGapMonths = g;
    const status = ended ? 'ended' : 'active';
    if (status !== arrangement.status) changes.status = status;
    if (schools.length > 1 && schoolId && schoolId !== currentSchool) changes.schoolId = schoolId;
    if (problems.length) {
      issues.show(problems);
      notices.showError(`Check the changes: ${problems.map((p) => p.message).join(' ')}`);
      return;
    }
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    setBusy(true);
    notices.showError(null);
    try {
      const saved = await updateArrangement(api, arrangement.id, changes);
      onSaved(saved);
      notices.showStatus(`Saved the changes to ${name}. Sessions already booked keep their times; book the year again to add any new ones.`);
    } catch (error) {
      if (error instanceof ApiError) issues.show(error.issues);
      notices.showError(userMessageFor(error, 'The changes could not be saved. Try again.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={screen.panel} aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1} className={screen.h3}>
        Change {name}
      </h3>
      <form className={screen.stack} onSubmit={(event) => void submit(event)} noValidate>
        {schools.length > 1 ? (
          <Field label="School" {...issues.field('schoolId')}>
            <Select value={schoolId} onChange={(_, data) => setSchoolId(data.value)}>
              {schools.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        <div className={styles.numbers}>
          <Field label="How often" {...issues.field('cadence')}>
            <Select value={cadence} onChange={(_, data) => setCadence(data.value as CadenceKind)}>
              {CADENCE_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {cadenceText({ kind })}
                </option>
              ))}
            </Select>
          </Field>
          {cadence === 'every-n-weeks' ? (
            <Field label="Weeks apart" required {...issues.field('cadence.weeks')}>
              <Input type="number" min={1} max={26} value={weeks} onChange={(_, data) => setWeeks(data.value)} />
            </Field>
          ) : null}
          <Field label="Length (minutes)" required {...issues.field('durationMinutes')}>
            <Input type="number" min={15} max={240} step={15} value={duration} onChange={(_, data) => setDuration(data.value)} />
          </Field>
          <Field label="Longest gap (months)" required {...issues.field('maxGapMonths')}>
            <Input type="number" min={1} max={12} value={maxGap} onChange={(_, data) => setMaxGap(data.value)} />
          </Field>
        </div>
        {/* Starting it again can be refused (someone has left the directory): the reason shows by the box. */}
        <Field {...issues.field('status')}>
          <Checkbox
            checked={ended}
            onChange={(_, data) => setEnded(data.checked === true)}
            label="End this arrangement: no new sessions are planned (booked ones stay in Outlook)"
          />
        </Field>
        <div className={screen.row}>
          <Button type="submit" appearance="primary" disabledFocusable={busy}>
            {busy ? 'Saving…' : 'Save changes'}
          </Button>
          <Button onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </section>
  );
}
