import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error.js';
import { listSchools, saveSchools, type TrustSchools } from '../../api/operations/schools.js';
import { LoadProgress } from '../../components/LoadProgress.js';
import { useFocusAfterRender } from '../../components/use-focus-after-render.js';
import { useShell } from '../../shell/contexts.js';
import { useScreenStyles } from '../../shell/Screen.js';
import { userMessageFor } from '../../user-message.js';
import { useGroupProblem } from '../../components/GroupProblem.js';
import { useFieldIssues } from '../arrangements/use-field-issues.js';
import { useOptionalLoad } from '../records/use-optional-load.js';
import { checkRows, movedUp, newNameProblem, removalProblem, rowNote, rowsOf, toSchoolInputs, type SchoolRow } from './trust-schools-form.js';

const useStyles = makeStyles({
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(min(16rem, 100%), 28rem) auto',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    alignItems: 'center',
    '@media (max-width: 40rem)': { gridTemplateColumns: '1fr' },
  },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
});

const KNOWN = /^(schools|schools\.\d+\.name|newName|version)$/;
const isKnown = (key: string) => KNOWN.test(key);
const ADMIN = 'Safeguarding.Admin';

/**
 * The trust's schools (GET/PUT /api/schools): each arrangement belongs to one, and the compliance dashboard
 * and the evidence pack can be read per school. The safeguarding admin adds, renames, reorders and removes
 * them and saves the whole list; a DSL sees the list. A school that still has arrangements cannot be removed.
 */
export function TrustSchoolsPanel() {
  const { api, roles } = useShell();
  const screen = useScreenStyles();
  const headingId = useId();
  const { loaded, reload } = useOptionalLoad((signal) => listSchools(api, signal), 'The trust’s schools could not be loaded. Try again.');
  if (loaded.state === 'hidden') return null;
  return (
    <section className={screen.panel} aria-labelledby={headingId}>
      <h3 id={headingId} className={screen.h3}>
        Trust schools
      </h3>
      <p className={screen.muted}>
        Each supervision arrangement belongs to one of the trust’s schools, so the compliance dashboard and the evidence pack can be read for one school or the whole trust. An
        arrangement with no school chosen counts in the first school in the list.
      </p>
      <LoadProgress state={loaded.state} label="Loading the trust’s schools" onRetry={reload} />
      {loaded.state === 'ready' ? (
        roles.includes(ADMIN) ? (
          <SchoolsEditor key={loaded.value.version} initial={loaded.value} onReload={reload} />
        ) : (
          <SchoolsList view={loaded.value} />
        )
      ) : null}
    </section>
  );
}

function SchoolsList({ view }: { readonly view: TrustSchools }) {
  const screen = useScreenStyles();
  if (view.schools.length === 0)
    return <p className={screen.text}>The trust has no schools set up: every arrangement counts in one school, “{view.defaultSchool.name}”. The safeguarding admin sets them.</p>;
  return (
    <ul className={screen.list} aria-label="The trust’s schools">
      {view.schools.map((s) => (
        <li key={s.id}>
          {s.name} <span className={screen.small}>({rowNote({ key: 0, ...s })})</span>
        </li>
      ))}
    </ul>
  );
}

function SchoolsEditor({ initial, onReload }: { readonly initial: TrustSchools; readonly onReload: () => void }) {
  const { api, notices } = useShell();
  const styles = useStyles();
  const screen = useScreenStyles();
  const newNameRef = useRef<HTMLInputElement>(null);
  // After a school moves up its name input keeps the focus (its Move up button may be gone).
  const nameInputs = useFocusAfterRender<number>();
  const [saved, setSaved] = useState(initial);
  const [rows, setRows] = useState<SchoolRow[]>(() => rowsOf(initial));
  const [nextKey, setNextKey] = useState(initial.schools.length);
  const [newName, setNewName] = useState('');
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState(false);
  const issues = useFieldIssues(isKnown);
  const schoolsProblem = useGroupProblem(issues.message('schools'));

  const change = (next: SchoolRow[]) => {
    setRows(next);
    setDirty(true);
    notices.showStatus(null);
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    const problem = newNameProblem(newName, rows);
    if (problem) {
      issues.show([{ field: 'newName', message: problem }]);
      notices.showError(`The school was not added. ${problem}`);
      newNameRef.current?.focus();
      return;
    }
    const name = newName.replace(/\s+/g, ' ').trim();
    change([...rows, { key: nextKey, name, arrangements: 0 }]);
    setNextKey((k) => k + 1);
    setNewName('');
    issues.clear('newName');
    notices.showError(null);
    notices.showStatus(`${name} added to the list. Save the trust’s schools to keep it.`);
  };

  const remove = (index: number) => {
    const row = rows[index];
    if (!row) return;
    const problem = removalProblem(row);
    if (problem) {
      notices.showError(problem);
      return;
    }
    change(rows.filter((_, i) => i !== index));
    issues.clear(); // positions moved: checked again on save
    notices.showStatus(`${row.name || 'The school'} removed from the list. Save the trust’s schools to keep the change.`);
    newNameRef.current?.focus();
  };

  const save = async () => {
    if (saving) return;
    const problems = checkRows(rows);
    if (problems.length > 0) {
      issues.show(problems);
      notices.showError(`The trust’s schools were not saved: ${problems.map((p) => p.message).join(' ')}`);
      return;
    }
    setSaving(true);
    notices.showError(null);
    try {
      const next = await saveSchools(api, toSchoolInputs(rows), saved.version);
      setSaved(next);
      setRows(rowsOf(next));
      setNextKey(next.schools.length);
      setDirty(false);
      issues.clear();
      notices.showStatus(
        next.schools.length === 0
          ? 'Saved: the trust has no schools, so every arrangement counts in one school.'
          : `Saved: ${next.schools.length} ${next.schools.length === 1 ? 'school' : 'schools'}. Choose each arrangement’s school under Arrangements.`,
      );
    } catch (error) {
      // Saved over by someone else, or only part saved: either way the admin reloads before saving again.
      if (error instanceof ApiError && error.status === 409 && (error.code === 'version_conflict' || error.code === 'partly_saved')) setConflict(true);
      if (error instanceof ApiError && error.issues.length > 0) issues.show(error.issues);
      notices.showError(userMessageFor(error, 'The trust’s schools could not be saved. Try again.'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className={screen.stack}>
      <div role="group" aria-label="The trust’s schools" {...schoolsProblem.groupProps}>
        {rows.length === 0 ? (
          <p className={screen.text}>No schools yet: every arrangement counts in one school, “{saved.defaultSchool.name}”. Add the trust’s schools below.</p>
        ) : (
          <ol className={screen.plainList} aria-label="The trust’s schools, in order">
            {rows.map((row, index) => {
              const label = `Name of school ${index + 1}`;
              const what = row.name || `school ${index + 1}`;
              return (
                <li key={row.key} className={styles.row}>
                  <Field label={label} hint={rowNote(row)} {...issues.field(`schools.${index}.name`)}>
                    <Input
                      ref={nameInputs.register(row.key)}
                      value={row.name}
                      maxLength={100}
                      onChange={(_, data) => {
                        change(rows.map((r, i) => (i === index ? { ...r, name: data.value } : r)));
                        issues.clear(`schools.${index}.name`);
                      }}
                    />
                  </Field>
                  <div className={styles.actions}>
                    {index > 0 ? (
                      <Button
                        size="small"
                        aria-label={`Move up: ${what}`}
                        onClick={() => {
                          change(movedUp(rows, index));
                          issues.clear(); // positions moved: checked again on save
                          nameInputs.focusAfterRender(row.key);
                          notices.showStatus(`${what} is now school ${index} of ${rows.length}.${index === 1 ? ' Arrangements with no school chosen count in it.' : ''}`);
                        }}
                      >
                        Move up
                      </Button>
                    ) : null}
                    <Button size="small" aria-label={`Remove ${what}`} onClick={() => remove(index)}>
                      Remove
                    </Button>
                  </div>
                </li>
              );
            })}
          </ol>
        )}
        {schoolsProblem.message}
      </div>

      <form className={screen.rowEnd} onSubmit={add} noValidate aria-label="Add a school">
        <Field label="New school’s name" {...issues.field('newName')}>
          <Input
            ref={newNameRef}
            value={newName}
            maxLength={100}
            onChange={(_, data) => {
              setNewName(data.value);
              issues.clear('newName');
            }}
          />
        </Field>
        <Button type="submit">Add school</Button>
      </form>

      <div className={screen.row}>
        <Button appearance="primary" disabledFocusable={saving || conflict} onClick={() => void save()}>
          {saving ? 'Saving…' : 'Save the trust’s schools'}
        </Button>
        {conflict ? (
          <Button onClick={onReload}>Reload (your changes are lost)</Button>
        ) : (
          <span className={screen.muted}>
            {dirty ? 'You have changes to the schools that are not saved.' : saved.source === 'saved' ? 'The trust’s schools are saved.' : 'No schools saved yet.'}
          </span>
        )}
      </div>
    </div>
  );
}
