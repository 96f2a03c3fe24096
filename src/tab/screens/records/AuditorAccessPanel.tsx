import { Badge, Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error.js';
import type { Person } from '../../api/operations/arrangements.js';
import { grantAuditorAccess, listAuditorGrants, revokeAuditorGrant, type ListedAuditorGrant } from '../../api/operations/records.js';
import { LoadProgress } from '../../components/LoadProgress.js';
import { fieldProblem } from '../../forms/field-props.js';
import { useShell } from '../../shell/contexts.js';
import { DataTable } from '../../shell/DataTable.js';
import { useScreenStyles } from '../../shell/Screen.js';
import { formatDateTime } from '../../time/london.js';
import { userMessageFor } from '../../user-message.js';
import { PersonPicker } from '../arrangements/PersonPicker.js';
import { grantDays, grantStatus } from './record-text.js';
import { useOptionalLoad } from './use-optional-load.js';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL, maxWidth: '36rem' },
  days: { maxWidth: '8rem' },
});

type Errors = Partial<Record<'auditorId' | 'days' | 'purpose', string>>;

/**
 * For a designated safeguarding lead: auditors' time-limited access to records (an inspection, an
 * investigation), granting it for 1 to 30 days and revoking it early. Hidden when the server refuses.
 */
export function AuditorAccessPanel() {
  const { api, notices } = useShell();
  const styles = useScreenStyles();
  const headingId = useId();
  const [revoking, setRevoking] = useState<string | null>(null);
  /** Takes the focus after a revoke: the Revoke button, which held it, goes away with the access. */
  const heading = useRef<HTMLHeadingElement>(null);
  const { loaded, reload } = useOptionalLoad((signal) => listAuditorGrants(api, signal), "Auditors' access could not be loaded. Try again.");
  if (loaded.state === 'hidden') return null;

  const revoke = async (grant: ListedAuditorGrant) => {
    if (revoking) return;
    setRevoking(grant.id);
    notices.showError(null);
    try {
      await revokeAuditorGrant(api, grant.id);
      notices.showStatus(`${grant.auditorName}'s access is revoked.`);
      heading.current?.focus();
      reload();
    } catch (error) {
      notices.showError(userMessageFor(error, 'The access could not be revoked. Try again.'));
    } finally {
      setRevoking(null);
    }
  };

  return (
    <section className={styles.panel} aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1} className={styles.h3}>
        Auditors&apos; access to records
      </h3>
      <p className={styles.muted}>An inspector or investigating officer reads records only while you grant it, for a set number of days. Every read is logged.</p>
      <LoadProgress state={loaded.state} label="Loading auditors' access" onRetry={reload} />
      {loaded.state === 'ready' ? (
        loaded.value.length === 0 ? (
          <p className={styles.text}>No auditor has been given access.</p>
        ) : (
          <DataTable label="Auditors' access" minWidth="40rem">
            <thead>
              <tr>
                <th scope="col">Auditor</th>
                <th scope="col">Purpose</th>
                <th scope="col">Until</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className={styles.small}>Change</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {loaded.value.map((g) => {
                const status = grantStatus(g);
                return (
                  <tr key={g.id}>
                    <th scope="row">{g.auditorName}</th>
                    <td>{g.purpose}</td>
                    <td>{formatDateTime(g.revokedAt ?? g.expiresAt)}</td>
                    <td>
                      <Badge appearance="tint" shape="rounded" color={status.color}>
                        {status.label}
                      </Badge>
                    </td>
                    <td>
                      {status.label === 'Active' ? (
                        <Button size="small" disabledFocusable={revoking !== null} onClick={() => void revoke(g)}>
                          {revoking === g.id ? 'Revoking…' : `Revoke ${g.auditorName}'s access`}
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </DataTable>
        )
      ) : null}
      {loaded.state === 'ready' ? <GrantForm onGranted={reload} /> : null}
    </section>
  );
}

function GrantForm({ onGranted }: { readonly onGranted: () => void }) {
  const { api, notices } = useShell();
  const styles = useStyles();
  const screen = useScreenStyles();
  const headingId = useId();
  const [auditor, setAuditor] = useState<Person | null>(null);
  const [days, setDays] = useState('7');
  const [purpose, setPurpose] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [formKey, setFormKey] = useState(0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const missing: Errors = {};
    if (!auditor) missing.auditorId = 'Choose the auditor.';
    const checkedDays = grantDays(days);
    if (!checkedDays.ok) missing.days = checkedDays.message;
    if (!purpose.trim()) missing.purpose = 'Say what the access is for, such as an inspection.';
    setErrors(missing);
    if (!auditor || !checkedDays.ok || missing.purpose) {
      notices.showError('Access is not granted yet: fix the fields marked, then grant it.');
      return;
    }
    setBusy(true);
    notices.showError(null);
    try {
      const grant = await grantAuditorAccess(api, { auditorId: auditor.id, days: checkedDays.days, purpose: purpose.trim() });
      notices.showStatus(`${grant.auditorName} can read records until ${formatDateTime(grant.expiresAt)}.`);
      setAuditor(null);
      setPurpose('');
      setDays('7');
      setFormKey((k) => k + 1);
      onGranted();
    } catch (error) {
      if (error instanceof ApiError) {
        const byField: Errors = {};
        for (const issue of error.issues) if (issue.field === 'auditorId' || issue.field === 'days' || issue.field === 'purpose') byField[issue.field] = issue.message;
        setErrors(byField);
      }
      notices.showError(userMessageFor(error, 'Access could not be granted. Try again.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={screen.stack} aria-labelledby={headingId}>
      <h4 id={headingId} className={screen.h4}>
        Grant an auditor access
      </h4>
      <form key={formKey} className={styles.form} noValidate aria-labelledby={headingId} onSubmit={(event) => void submit(event)}>
        <Field label="Auditor" required hint="Someone with the auditor role in the app." {...fieldProblem(errors.auditorId, { announced: false })}>
          <PersonPicker
            value={auditor}
            onChange={(person) => {
              setAuditor(person);
              setErrors((e) => ({ ...e, auditorId: undefined }));
            }}
          />
        </Field>
        <Field label="For how many days" required hint="1 to 30 days. It ends by itself." {...fieldProblem(errors.days, { announced: false })}>
          <Input
            className={styles.days}
            type="number"
            min={1}
            max={30}
            step={1}
            value={days}
            onChange={(_, data) => {
              setDays(data.value);
              setErrors((e) => ({ ...e, days: undefined }));
            }}
          />
        </Field>
        <Field label="Purpose" required hint="Such as “Ofsted inspection”. No case detail." {...fieldProblem(errors.purpose, { announced: false })}>
          <Input
            value={purpose}
            maxLength={200}
            onChange={(_, data) => {
              setPurpose(data.value);
              setErrors((e) => ({ ...e, purpose: undefined }));
            }}
          />
        </Field>
        <div>
          <Button type="submit" appearance="primary" disabledFocusable={busy}>
            {busy ? 'Granting…' : 'Grant access'}
          </Button>
        </div>
      </form>
    </section>
  );
}
