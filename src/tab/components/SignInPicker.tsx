import { Button, Field, makeStyles, Radio, RadioGroup, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { DevUser } from '../api/schemas.js';
import { useHeadingStyles } from './heading-styles.js';
import { useFocusOnMount } from './use-focus-on-mount.js';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    rowGap: tokens.spacingVerticalL,
  },
  name: { display: 'block', fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1 },
  job: { display: 'block', color: tokens.colorNeutralForeground2 },
  // A comma for screen readers between name and job title ("Daniel Okafor, Designated Safeguarding
  // Lead"). Kept in the flow (an out-of-flow element would put a space before the comma in the
  // accessible name) but invisible.
  separator: {
    fontSize: 0,
  },
});

/**
 * Local mode only: choose one of the emulator's fictional demo users. A labelled radio group
 * (arrow keys move, Enter or the button signs in), with the job title under each name.
 */
export function SignInPicker({
  users,
  busy,
  onSignIn,
  focusOnMount,
}: {
  readonly users: readonly DevUser[];
  readonly busy: boolean;
  readonly onSignIn: (userId: string) => void;
  readonly focusOnMount: boolean;
}) {
  const styles = useStyles();
  const headingStyles = useHeadingStyles();
  const heading = useFocusOnMount<HTMLHeadingElement>(focusOnMount);
  const [selected, setSelected] = useState('');
  const [missingChoice, setMissingChoice] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!selected) {
      setMissingChoice(true);
      return;
    }
    onSignIn(selected);
  };

  return (
    <section className={headingStyles.section} aria-labelledby="picker-heading">
      <h2 id="picker-heading" ref={heading} tabIndex={-1} className={headingStyles.heading}>
        Sign in to the demo
      </h2>
      <p className={headingStyles.text}>Local demo mode: these are fictional staff from the Microsoft 365 emulator&apos;s demo school. No real people or cases.</p>
      <form className={styles.form} onSubmit={submit} noValidate>
        <Field
          label="Choose a demo user"
          required
          validationState={missingChoice ? 'error' : 'none'}
          validationMessage={missingChoice ? 'Choose a person to sign in as.' : undefined}
        >
          <RadioGroup
            value={selected}
            onChange={(_, data) => {
              setSelected(data.value);
              setMissingChoice(false);
            }}
          >
            {users.map((user) => (
              <Radio
                key={user.id}
                value={user.id}
                label={
                  <>
                    <span className={styles.name}>
                      {user.displayName}
                      {user.jobTitle ? <span className={styles.separator}>, </span> : null}
                    </span>
                    {user.jobTitle ? <span className={styles.job}>{user.jobTitle}</span> : null}
                  </>
                }
              />
            ))}
          </RadioGroup>
        </Field>
        <Button type="submit" appearance="primary" disabledFocusable={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </section>
  );
}
