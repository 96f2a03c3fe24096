import { Button, Field, Input, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useId, useRef, useState, type ChangeEvent } from 'react';
import { ApiError } from '../../api/api-error.js';
import { importSchoolYearIcs, type AcademicYear, type IcsPreview } from '../../api/operations/school-year.js';
import { placeIssues, type FieldIssue } from '../../forms/field-issues.js';
import { fieldProblem } from '../../forms/field-props.js';
import { useShell } from '../../shell/contexts.js';
import { DataTable } from '../../shell/DataTable.js';
import { useScreenStyles } from '../../shell/Screen.js';
import { formatIsoDate } from '../../time/london.js';
import { userMessageFor } from '../../user-message.js';
import { HALF_TERM_NAMES, type HalfTermId } from '../../../shared/calendar/academic-year.js';

const useStyles = makeStyles({
  problem: { ...typographyStyles.body1Strong, display: 'block', color: tokens.colorPaletteRedForeground1 },
  file: {
    ...typographyStyles.body1,
    maxWidth: '100%',
    '::file-selector-button': { marginRight: tokens.spacingHorizontalM },
  },
});

/** The largest file the server reads (200 kB of text). */
const MAX_BYTES = 200_000;

const KNOWN = /^(halfTerms(\.\d+\.(start|end))?|insetDays\.\d+\.date|closureDays\.\d+\.date)$/;

/**
 * Reads a year from a school's .ics term-dates file (nothing is saved): shows the year with each
 * problem against its date, then "Add this year" hands it to the calendar form to check and save.
 */
export function IcsImport({ existingLabels, onAdd }: { readonly existingLabels: readonly string[]; readonly onAdd: (year: AcademicYear, issues: readonly FieldIssue[]) => void }) {
  const { api, notices } = useShell();
  const styles = useStyles();
  const screen = useScreenStyles();
  const previewId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [label, setLabel] = useState('');
  const [labelProblem, setLabelProblem] = useState<string | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  /** Problems with the dates in a file the server would not preview (it names fields of a year it did not return). */
  const [dateProblems, setDateProblems] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<IcsPreview | null>(null);

  const read = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setPreview(null);
    setFileProblem(null);
    setLabelProblem(null);
    setDateProblems([]);
    if (!file) return;
    if (label.trim() && !/^\d{4}\/\d{2}$/.test(label.trim())) {
      setLabelProblem('Write the year like 2027/28, or leave it empty.');
      notices.showError('The academic year is not in the form 2027/28.');
      return;
    }
    if (file.size > MAX_BYTES) {
      setFileProblem('The file is too large (at most 200 kB). Is it a term-dates calendar?');
      notices.showError('The file is too large to be a term-dates calendar (at most 200 kB).');
      return;
    }
    setBusy(true);
    notices.showError(null);
    try {
      const text = await file.text();
      setPreview(await importSchoolYearIcs(api, text, label.trim() || undefined));
    } catch (error) {
      const issues = error instanceof ApiError ? error.issues : [];
      const label = issues.find((i) => i.field === 'label');
      const file = issues.find((i) => i.field === 'ics');
      if (label) setLabelProblem(label.message);
      if (file) setFileProblem(file.message);
      setDateProblems(issues.filter((i) => i.field !== 'label' && i.field !== 'ics').map((i) => i.message));
      notices.showError(issues.length > 1 ? `The file was not read: ${issues.map((i) => i.message).join(' ')}` : userMessageFor(error, 'The file could not be read. Try again.'));
    } finally {
      setBusy(false);
    }
  };

  const placed = preview ? placeIssues(preview.issues, (key) => KNOWN.test(key)) : null;
  const problemsFor = (key: string) => placed?.byKey.get(key) ?? [];
  const yearProblems = [...(placed?.general ?? []), ...problemsFor('halfTerms')];

  return (
    <div className={screen.stack}>
      <p className={screen.muted}>
        Many schools and local authorities publish their term dates as an iCalendar (.ics) file. The app reads the terms, half-term holidays, INSET and closure days from it.
        Nothing is saved until you add the year and save.
      </p>
      <div className={screen.rowEnd}>
        <Field label="Academic year (optional)" hint="Such as 2027/28; empty: read from the file" {...fieldProblem(labelProblem, { announced: false })}>
          <Input value={label} onChange={(_, data) => setLabel(data.value)} placeholder="2027/28" />
        </Field>
        <Field label="Term dates file (.ics)" {...fieldProblem(fileProblem, { announced: false })}>
          {(fieldProps) => (
            <input {...fieldProps} ref={fileInput} type="file" accept=".ics,text/calendar" className={styles.file} disabled={busy} onChange={(event) => void read(event)} />
          )}
        </Field>
      </div>
      {busy ? <p className={screen.muted}>Reading the file…</p> : null}
      {dateProblems.length ? (
        <div className={screen.stack}>
          <p className={screen.text}>The dates in the file have problems. Fix the file, or enter the year by hand:</p>
          <ul className={screen.list} aria-label="Problems with the dates in the file">
            {dateProblems.map((p) => (
              <li key={p} className={styles.problem}>
                {p}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {preview ? (
        <section className={screen.panel} aria-labelledby={previewId}>
          <h4 id={previewId} className={screen.h4}>
            Preview: {preview.year.label}
          </h4>
          {preview.notes.length ? (
            <ul className={screen.list}>
              {preview.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          ) : null}
          {yearProblems.length ? (
            <ul className={screen.list} aria-label="Problems with this year">
              {yearProblems.map((p) => (
                <li key={p} className={styles.problem}>
                  {p}
                </li>
              ))}
            </ul>
          ) : null}
          <DataTable label={`Half terms read from the file (${preview.year.label})`}>
            <thead>
              <tr>
                <th scope="col">Half term</th>
                <th scope="col">Starts</th>
                <th scope="col">Ends</th>
              </tr>
            </thead>
            <tbody>
              {preview.year.halfTerms.map((h, i) => (
                <tr key={h.id}>
                  <th scope="row">{(HALF_TERM_NAMES as Record<HalfTermId, string>)[h.id as HalfTermId] ?? h.id}</th>
                  {(['start', 'end'] as const).map((side) => (
                    <td key={side}>
                      {formatIsoDate(h[side])}
                      {problemsFor(`halfTerms.${i}.${side}`).map((p) => (
                        <span key={p} className={styles.problem}>
                          {p}
                        </span>
                      ))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </DataTable>
          <p className={screen.text}>INSET days: {preview.year.insetDays.length ? preview.year.insetDays.map((d) => formatIsoDate(d.date)).join('; ') : 'none'}.</p>
          {preview.year.insetDays.flatMap((_, i) =>
            problemsFor(`insetDays.${i}.date`).map((p) => (
              <span key={`${i}${p}`} className={styles.problem}>
                {p}
              </span>
            )),
          )}
          <p className={screen.text}>
            Closure days: {preview.year.closureDays.length ? preview.year.closureDays.map((d) => `${formatIsoDate(d.date)} (${d.reason})`).join('; ') : 'none'}.
          </p>
          {preview.year.closureDays.flatMap((_, i) =>
            problemsFor(`closureDays.${i}.date`).map((p) => (
              <span key={`${i}${p}`} className={styles.problem}>
                {p}
              </span>
            )),
          )}
          <div className={screen.row}>
            <Button
              appearance="primary"
              onClick={() => {
                onAdd(preview.year, preview.issues);
                setPreview(null);
                if (fileInput.current) fileInput.current.value = '';
              }}
            >
              {existingLabels.includes(preview.year.label) ? `Replace ${preview.year.label} with this` : 'Add this year'}
            </Button>
            <Button
              onClick={() => {
                setPreview(null);
                // The same file can be chosen again (an unchanged input fires no change), and the focus,
                // which was on this button, goes back to the file input rather than to the page.
                if (fileInput.current) {
                  fileInput.current.value = '';
                  fileInput.current.focus();
                }
              }}
            >
              Discard
            </Button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
