import { Button, Checkbox, Dropdown, Field, Input, makeStyles, mergeClasses, Option, Radio, RadioGroup, Textarea, tokens } from '@fluentui/react-components';
import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error.js';
import { downloadEvidencePack, type EvidenceFormat } from '../../api/operations/compliance.js';
import { ErrorRegion } from '../../components/ErrorRegion.js';
import { StatusRegion } from '../../components/StatusRegion.js';
import { fieldProblem } from '../../forms/field-props.js';
import { useShell } from '../../shell/contexts.js';
import { useScreenStyles } from '../../shell/Screen.js';
import { londonParts } from '../../time/london.js';
import { userMessageFor } from '../../user-message.js';
import {
  checkEvidenceDraft,
  defaultEvidenceDraft,
  fallbackFilename,
  filenameFromDisposition,
  formFieldOf,
  REASON_MAX_LENGTH,
  REASON_MIN_LENGTH,
  savedMessage,
  WHOLE_TRUST,
  type EvidencePackDraft,
  type EvidencePackField,
  type EvidencePackProblems,
} from './evidence-pack-form.js';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL, maxWidth: '36rem' },
  dates: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalM, alignItems: 'flex-start' },
  date: { minWidth: '12rem' },
  option: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  // In line with the checkbox's label, past its box.
  optionHint: { margin: 0, paddingLeft: tokens.spacingHorizontalXXXL },
});

const WHOLE_TRUST_TEXT = 'The whole trust';
const FORMAT_TEXT: Record<EvidenceFormat, string> = { pdf: 'PDF', csv: 'CSV (for a spreadsheet)' };

/** The roles that may export (the server checks again): the DSL and deputies, and oversight. */
export function mayExportEvidence(roles: readonly string[]): boolean {
  return roles.includes('Safeguarding.Lead') || roles.includes('Safeguarding.Oversight');
}

/**
 * The evidence pack for an inspection or audit (the DSL and oversight): a date range, the whole trust or
 * one school, PDF or CSV, and for the DSL only case detail with a reason (audited). The file comes through
 * the signed-in API (a plain link could not send the token) and is saved under the server's file name.
 * What happened is said in this panel's own live regions, next to the button.
 */
export function EvidencePackPanel({ schools }: { readonly schools: readonly { readonly id: string; readonly name: string }[] }) {
  const { api, roles } = useShell();
  const screen = useScreenStyles();
  const styles = useStyles();
  const headingId = useId();
  const reasonHintId = useId();
  const fromRef = useRef<HTMLInputElement>(null);
  const toRef = useRef<HTMLInputElement>(null);
  const scopeRef = useRef<HTMLButtonElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const isLead = roles.includes('Safeguarding.Lead');
  const severalSchools = schools.length > 1;
  const [draft, setDraft] = useState<EvidencePackDraft>(() => defaultEvidenceDraft(londonParts(Date.now()).date));
  const [problems, setProblems] = useState<EvidencePackProblems>({});
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const change = <K extends keyof EvidencePackDraft>(key: K, value: EvidencePackDraft[K], field?: EvidencePackField) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (field) setProblems((p) => ({ ...p, [field]: undefined }));
  };
  // Keyboard and screen-reader users land on the first field to fix (its message is tied to it).
  const focusFirst = (found: EvidencePackProblems) => {
    const first = (['from', 'to', 'scope', 'reason'] as const).find((f) => found[f]);
    const refs = { from: fromRef, to: toRef, scope: scopeRef, reason: reasonRef } as const;
    if (first) refs[first].current?.focus();
  };
  const scopeName = (id: string) => (id === WHOLE_TRUST ? WHOLE_TRUST_TEXT : (schools.find((s) => s.id === id)?.name ?? id));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setStatus(null);
    const checked = checkEvidenceDraft(draft, { mayIncludeCaseDetail: isLead, schoolIds: schools.map((s) => s.id) });
    if (!checked.ok) {
      setProblems(checked.problems);
      setError('The evidence pack was not downloaded: fix the fields marked, then download it.');
      focusFirst(checked.problems);
      return;
    }
    setProblems({});
    setError(null);
    setBusy(true);
    try {
      const file = await downloadEvidencePack(api, checked.request);
      const filename = filenameFromDisposition(
        file.contentDisposition,
        fallbackFilename(checked.request, checked.request.schoolId ? scopeName(checked.request.schoolId) : undefined),
      );
      saveFile(file.blob, filename);
      setStatus(savedMessage(checked.request, checked.request.schoolId ? scopeName(checked.request.schoolId) : WHOLE_TRUST_TEXT.toLowerCase(), filename));
    } catch (caught) {
      if (caught instanceof ApiError) {
        const byField: EvidencePackProblems = {};
        for (const issue of caught.issues) {
          const field = formFieldOf(issue.field);
          if (field) byField[field] = issue.message;
        }
        setProblems(byField);
        focusFirst(byField);
      }
      setError(userMessageFor(caught, 'The evidence pack could not be downloaded. Try again.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={screen.stack} aria-labelledby={headingId}>
      <h3 id={headingId} className={screen.h3}>
        Evidence pack
      </h3>
      <p className={screen.muted}>
        For an inspection or audit: sessions required and held per supervisee, signatures with dates, contracts, actions and when each decision was confirmed on the case system.
        Every export is recorded in the audit log.
      </p>
      <form className={styles.form} noValidate aria-labelledby={headingId} onSubmit={(event) => void submit(event)}>
        <div className={styles.dates} role="group" aria-label="Dates the evidence pack covers">
          <Field label="From" required hint="The first day (London)." className={styles.date} {...fieldProblem(problems.from, { announced: false })}>
            <Input ref={fromRef} type="date" value={draft.from} onChange={(_, data) => change('from', data.value, 'from')} />
          </Field>
          <Field label="To" required hint="The last day, at most two years after the first." className={styles.date} {...fieldProblem(problems.to, { announced: false })}>
            <Input ref={toRef} type="date" value={draft.to} onChange={(_, data) => change('to', data.value, 'to')} />
          </Field>
        </div>
        {severalSchools ? (
          <Field label="Scope" hint="The whole trust, or one school." {...fieldProblem(problems.scope, { announced: false })}>
            <Dropdown
              ref={scopeRef}
              value={scopeName(draft.scope)}
              selectedOptions={[draft.scope || 'trust']}
              onOptionSelect={(_, data) => change('scope', data.optionValue === 'trust' || !data.optionValue ? WHOLE_TRUST : data.optionValue, 'scope')}
            >
              <Option value="trust">{WHOLE_TRUST_TEXT}</Option>
              {schools.map((s) => (
                <Option key={s.id} value={s.id}>
                  {s.name}
                </Option>
              ))}
            </Dropdown>
          </Field>
        ) : null}
        <Field label="Format">
          <RadioGroup layout="horizontal" value={draft.format} onChange={(_, data) => change('format', data.value === 'csv' ? 'csv' : 'pdf')}>
            <Radio value="pdf" label={FORMAT_TEXT.pdf} />
            <Radio value="csv" label={FORMAT_TEXT.csv} />
          </RadioGroup>
        </Field>
        {isLead ? (
          <>
            <div className={styles.option}>
              <Checkbox
                checked={draft.includeCaseDetail}
                label="Include case detail"
                aria-describedby={reasonHintId}
                onChange={(_, data) => change('includeCaseDetail', data.checked === true, 'reason')}
              />
              <p id={reasonHintId} className={mergeClasses(screen.small, styles.optionHint)}>
                Case detail is what was said: record answers, concerns, children&apos;s initials or case references and the text of actions. Only include it when an inspector or
                auditor needs it, and say why: your reason is recorded in the audit log with the export.
              </p>
            </div>
            {draft.includeCaseDetail ? (
              <Field
                label="Why case detail is needed"
                required
                hint={`${REASON_MIN_LENGTH} to ${REASON_MAX_LENGTH} characters, such as “Ofsted inspection, case sample requested”. It is recorded in the audit log.`}
                {...fieldProblem(problems.reason, { announced: false })}
              >
                <Textarea ref={reasonRef} resize="vertical" value={draft.reason} onChange={(_, data) => change('reason', data.value, 'reason')} />
              </Field>
            ) : null}
          </>
        ) : null}
        <div>
          <Button type="submit" appearance="primary" disabledFocusable={busy}>
            {busy ? 'Downloading…' : 'Download'}
          </Button>
        </div>
      </form>
      <ErrorRegion message={error} />
      <StatusRegion message={status} />
    </section>
  );
}

/** Saves a file the app fetched: an object URL on a link with a download attribute, clicked, then let go. */
function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // The browser has the file once the click is handled; the URL is let go a moment later.
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
