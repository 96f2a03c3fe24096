import { Button, Field, Input, makeStyles, tokens, type FieldProps } from '@fluentui/react-components';
import { useId, useRef, type ReactElement } from 'react';
import type { AcademicYear } from '../../api/operations/school-year.js';
import { useScreenStyles } from '../../shell/Screen.js';
import { HALF_TERM_NAMES, type HalfTermId } from '../../../shared/calendar/academic-year.js';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(13rem, 100%), 1fr))',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalM,
    alignItems: 'start',
    '& > *': { minWidth: 0 },
  },
  item: {
    display: 'grid',
    gridTemplateColumns: 'minmax(10rem, 14rem) minmax(min(10rem, 100%), 1fr) auto',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    alignItems: 'end',
    '& > *': { minWidth: 0 },
    '@media (max-width: 599px)': { gridTemplateColumns: '1fr' },
  },
  // Visible to screen readers only: the year in each label, so "Autumn 1 starts" is never ambiguous.
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
  yearProblems: { margin: 0, color: tokens.colorPaletteRedForeground1 },
});

export type ListName = 'halfTerms' | 'insetDays' | 'closureDays';

export interface YearEditorProps {
  readonly year: AcademicYear;
  readonly index: number;
  /** Field props (message and state) for a key such as 'years.1.halfTerms.2.end'. */
  readonly field: (key: string) => Pick<FieldProps, 'validationMessage' | 'validationState'>;
  /** The problem with a part that is not an input (the year itself). */
  readonly message: (key: string) => string | undefined;
  readonly onField: (list: ListName, item: number, name: string, value: string) => void;
  readonly onAdd: (list: 'insetDays' | 'closureDays') => void;
  readonly onRemove: (list: 'insetDays' | 'closureDays', item: number) => void;
}

function halfTermName(id: string): string {
  return (HALF_TERM_NAMES as Record<HalfTermId, string>)[id as HalfTermId] ?? id;
}

/** One academic year's dates: six half terms (first and last day), INSET days and closure days. */
export function YearEditor({ year, index, field, message, onField, onAdd, onRemove }: YearEditorProps) {
  const styles = useStyles();
  const screen = useScreenStyles();
  const insetId = useId();
  const closureId = useId();
  const termsId = useId();
  const y = `years.${index}`;
  /** The Add buttons take the focus when a day is removed (its Remove button, which held it, goes away). */
  const addInset = useRef<HTMLButtonElement>(null);
  const addClosure = useRef<HTMLButtonElement>(null);
  const remove = (list: 'insetDays' | 'closureDays', item: number) => {
    onRemove(list, item);
    (list === 'insetDays' ? addInset : addClosure).current?.focus();
  };
  const inYear = (text: string): ReactElement => (
    <>
      {text}
      <span className={styles.hidden}> ({year.label})</span>
    </>
  );
  const yearProblem = message(y);

  return (
    <div className={screen.stack}>
      {yearProblem ? (
        <p className={styles.yearProblems} id={`${termsId}-problem`}>
          {yearProblem}
        </p>
      ) : null}
      <fieldset className={screen.panel} aria-describedby={yearProblem ? `${termsId}-problem` : undefined}>
        <legend className={screen.h4}>Half terms</legend>
        <div className={styles.grid}>
          {year.halfTerms.flatMap((h, i) => [
            <Field key={`${h.id}-start`} label={inYear(`${halfTermName(h.id)} starts`)} {...field(`${y}.halfTerms.${i}.start`)}>
              <Input type="date" value={h.start} onChange={(_, data) => onField('halfTerms', i, 'start', data.value)} />
            </Field>,
            <Field key={`${h.id}-end`} label={inYear(`${halfTermName(h.id)} ends`)} {...field(`${y}.halfTerms.${i}.end`)}>
              <Input type="date" value={h.end} onChange={(_, data) => onField('halfTerms', i, 'end', data.value)} />
            </Field>,
          ])}
        </div>
      </fieldset>

      <fieldset className={screen.panel}>
        <legend id={insetId} className={screen.h4}>
          INSET days (staff training; no pupils)
        </legend>
        {year.insetDays.length === 0 ? <p className={screen.muted}>None.</p> : null}
        {year.insetDays.map((d, i) => (
          <div key={i} className={styles.item}>
            <Field label={inYear(`INSET day ${i + 1}`)} {...field(`${y}.insetDays.${i}.date`)}>
              <Input type="date" value={d.date} onChange={(_, data) => onField('insetDays', i, 'date', data.value)} />
            </Field>
            <Field label={inYear(`Note for INSET day ${i + 1} (optional)`)} {...field(`${y}.insetDays.${i}.note`)}>
              <Input value={d.note ?? ''} maxLength={100} onChange={(_, data) => onField('insetDays', i, 'note', data.value)} />
            </Field>
            <div>
              <Button appearance="subtle" onClick={() => remove('insetDays', i)}>
                Remove INSET day {i + 1}
                <span className={styles.hidden}> ({year.label})</span>
              </Button>
            </div>
          </div>
        ))}
        <div>
          <Button ref={addInset} onClick={() => onAdd('insetDays')}>
            Add an INSET day<span className={styles.hidden}> to {year.label}</span>
          </Button>
        </div>
      </fieldset>

      <fieldset className={screen.panel}>
        <legend id={closureId} className={screen.h4}>
          Closure days (school closed)
        </legend>
        {year.closureDays.length === 0 ? <p className={screen.muted}>None.</p> : null}
        {year.closureDays.map((d, i) => (
          <div key={i} className={styles.item}>
            <Field label={inYear(`Closure day ${i + 1}`)} {...field(`${y}.closureDays.${i}.date`)}>
              <Input type="date" value={d.date} onChange={(_, data) => onField('closureDays', i, 'date', data.value)} />
            </Field>
            <Field label={inYear(`Reason for closure day ${i + 1}`)} required {...field(`${y}.closureDays.${i}.reason`)}>
              <Input value={d.reason} maxLength={100} onChange={(_, data) => onField('closureDays', i, 'reason', data.value)} />
            </Field>
            <div>
              <Button appearance="subtle" onClick={() => remove('closureDays', i)}>
                Remove closure day {i + 1}
                <span className={styles.hidden}> ({year.label})</span>
              </Button>
            </div>
          </div>
        ))}
        <div>
          <Button ref={addClosure} onClick={() => onAdd('closureDays')}>
            Add a closure day<span className={styles.hidden}> to {year.label}</span>
          </Button>
        </div>
      </fieldset>
    </div>
  );
}
