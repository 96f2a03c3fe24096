import { Button, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../../api/api-error.js';
import { getSchoolYear, putSchoolYear, type AcademicYear, type SchoolCalendar, type SchoolYear } from '../../api/operations/school-year.js';
import { LoadProgress } from '../../components/LoadProgress.js';
import { fieldProblem } from '../../forms/field-props.js';
import { issuesInYear, NO_ISSUES, placeIssues, withoutKey, type FieldIssue, type PlacedIssues } from '../../forms/field-issues.js';
import { useShell } from '../../shell/contexts.js';
import { Screen, useScreenStyles } from '../../shell/Screen.js';
import { useLoad } from '../../shell/use-load.js';
import { londonParts } from '../../time/london.js';
import { userMessageFor } from '../../user-message.js';
import { IcsImport } from './IcsImport.js';
import { TrustSchoolsPanel } from './TrustSchoolsPanel.js';
import { calendarKeyExists, mergeYear, withField, withItemAdded, withItemRemoved, yearHasEnded } from './school-year-form.js';
import { YearEditor, type ListName } from './YearEditor.js';

const useStyles = makeStyles({
  summary: {
    ...typographyStyles.subtitle1,
    cursor: 'pointer',
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
  },
  yearBlock: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    paddingTop: tokens.spacingVerticalM,
    borderTopWidth: tokens.strokeWidthThin,
    borderTopStyle: 'solid',
    borderTopColor: tokens.colorNeutralStroke2,
  },
  saveBar: {
    position: 'sticky',
    bottom: 0,
    zIndex: 1,
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalM,
    paddingBottom: tokens.spacingVerticalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTopWidth: tokens.strokeWidthThin,
    borderTopStyle: 'solid',
    borderTopColor: tokens.colorNeutralStroke2,
  },
});

/**
 * The school's calendar: each year's half terms, INSET and closure days, edited and saved together
 * (with the version read, so a save never overwrites someone else's). Another year can be read from an
 * .ics file. Problems from the server sit next to the dates they are about.
 */
export default function SchoolYearScreen() {
  const { api } = useShell();
  const { loaded, reload } = useLoad((signal) => getSchoolYear(api, signal), 'The school year could not be loaded. Try again.');
  return (
    <Screen title="School year" intro="Term dates decide when sessions can be booked: half terms, INSET days (staff only) and days the school is closed.">
      <LoadProgress state={loaded.state} label="Loading the school year" onRetry={reload} />
      {loaded.state === 'ready' ? <SchoolYearForm initial={loaded.value} onReload={reload} /> : null}
      <TrustSchoolsPanel />
    </Screen>
  );
}

function SchoolYearForm({ initial, onReload }: { readonly initial: SchoolYear; readonly onReload: () => void }) {
  const { api, notices } = useShell();
  const styles = useStyles();
  const screen = useScreenStyles();
  const importId = useId();
  const [saved, setSaved] = useState(initial);
  const [calendar, setCalendar] = useState<SchoolCalendar>(initial.calendar);
  const [dirty, setDirty] = useState(false);
  const [issues, setIssues] = useState<PlacedIssues>(NO_ISSUES);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  const [focusYear, setFocusYear] = useState<string | null>(null);
  const today = londonParts(Date.now()).date;
  const yearHeadings = useRef(new Map<string, HTMLElement>());

  // The alert region says how many dates need fixing; each field shows (not announces again) its own problem.
  const field = (key: string) => fieldProblem(issues.byKey.get(key)?.join(' '), { announced: false });
  const message = (key: string) => issues.byKey.get(key)?.join(' ');

  useEffect(() => {
    if (!focusYear) return;
    yearHeadings.current.get(focusYear)?.focus();
    setFocusYear(null);
  }, [focusYear]);

  const change = (next: SchoolCalendar, clearKey?: string) => {
    setCalendar(next);
    setDirty(true);
    notices.showStatus(null);
    if (clearKey) setIssues((p) => withoutKey(p, clearKey));
  };

  const show = (found: readonly FieldIssue[], within: SchoolCalendar, prefix: string) => {
    const placed = placeIssues(found, (key) => calendarKeyExists(within, key), prefix);
    setIssues(placed);
    return placed;
  };

  const save = async () => {
    if (saving) return;
    setSaving(true);
    notices.showError(null);
    try {
      const next = await putSchoolYear(api, calendar, saved.version);
      setSaved(next);
      setCalendar(next.calendar);
      setDirty(false);
      setIssues(NO_ISSUES);
      notices.showStatus('The school year is saved. New bookings use these dates.');
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setConflict(true);
        notices.showError(error.message);
      } else if (error instanceof ApiError && error.issues.length > 0) {
        const placed = show(error.issues, calendar, 'calendar');
        const count = error.issues.length;
        notices.showError(
          `The school year was not saved: ${count === 1 ? 'one date needs' : `${count} dates need`} fixing. Each problem is shown next to its date.${
            placed.general.length ? ` ${placed.general.join(' ')}` : ''
          }`,
        );
      } else {
        notices.showError(userMessageFor(error, 'The school year could not be saved. Try again.'));
      }
    } finally {
      setSaving(false);
    }
  };

  const addImported = (year: AcademicYear, found: readonly FieldIssue[]) => {
    const merged = mergeYear(calendar, year);
    change(merged.calendar);
    show(issuesInYear(found, merged.index), merged.calendar, '');
    notices.showStatus(`${year.label} ${merged.replaced ? 'replaced' : 'added'}. Check its dates, then save the school year.`);
    setFocusYear(year.label);
  };

  return (
    <>
      {saved.warnings.map((w) => (
        <MessageBar key={w} intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Next year</MessageBarTitle> {w}
          </MessageBarBody>
        </MessageBar>
      ))}
      {saved.source === 'default' ? <p className={screen.muted}>These are the usual dates for England. Check them against your school’s own term dates and save them.</p> : null}
      {issues.general.length ? (
        <ul className={screen.list} aria-label="Problems to fix">
          {issues.general.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}

      {calendar.years.map((year, index) => {
        const editor = (
          <YearEditor
            year={year}
            index={index}
            field={field}
            message={message}
            onField={(list: ListName, item, name, value) => change(withField(calendar, index, list, item, name, value), `years.${index}.${list}.${item}.${name}`)}
            onAdd={(list) => change(withItemAdded(calendar, index, list))}
            onRemove={(list, item) => {
              change(withItemRemoved(calendar, index, list, item));
              setIssues(NO_ISSUES); // indexes moved: the server checks again on save
            }}
          />
        );
        const hasProblems = [...issues.byKey.keys()].some((k) => k === `years.${index}` || k.startsWith(`years.${index}.`));
        const headingRef = (el: HTMLElement | null) => {
          if (el) yearHeadings.current.set(year.label, el);
          else yearHeadings.current.delete(year.label);
        };
        return yearHasEnded(year, today) && !hasProblems ? (
          <details key={year.label} className={styles.yearBlock}>
            <summary className={styles.summary} ref={headingRef}>
              {year.label} (ended)
            </summary>
            {editor}
          </details>
        ) : (
          <section key={year.label} className={styles.yearBlock} aria-labelledby={`year-${index}`}>
            <h3 id={`year-${index}`} ref={headingRef} tabIndex={-1} className={screen.h3}>
              {year.label}
            </h3>
            {editor}
          </section>
        );
      })}

      <section className={screen.stack} aria-labelledby={importId}>
        <h3 id={importId} className={screen.h3}>
          Add a year from a file
        </h3>
        <IcsImport existingLabels={calendar.years.map((y) => y.label)} onAdd={addImported} />
      </section>

      <div className={styles.saveBar}>
        <Button appearance="primary" disabledFocusable={saving || conflict} onClick={() => void save()}>
          {saving ? 'Saving…' : 'Save the school year'}
        </Button>
        {conflict ? (
          <Button onClick={onReload}>Reload (your changes are lost)</Button>
        ) : (
          <span className={screen.muted}>{dirty ? 'You have changes that are not saved.' : saved.source === 'saved' ? 'Saved.' : 'Not saved yet: the usual dates apply.'}</span>
        )}
      </div>
    </>
  );
}
