import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, Field, Textarea } from '@fluentui/react-components';
import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error.js';
import { cancelSession, type SessionView } from '../../api/operations/sessions.js';
import { useShell } from '../../shell/contexts.js';
import { useScreenStyles } from '../../shell/Screen.js';
import { userMessageFor } from '../../user-message.js';
import { afterRefusal } from './refused-change.js';

/**
 * "Cancel session" and its confirmation: a short reason (kept in the app, not sent in the cancellation).
 * The dialog is mounted only while open: a mounted Fluent Dialog makes Tabster add focus sentinels to
 * the page's body (aria-hidden yet focusable, which axe reports on every screen), so it is not kept
 * around closed; focus goes back to the button when it closes.
 */
export function CancelSessionDialog({
  sessionId,
  onCancelled,
  onStale,
}: {
  readonly sessionId: string;
  readonly onCancelled: (view: SessionView) => void;
  /** Someone else moved or cancelled the session meanwhile: the screen shows it as it is now, with `message`. */
  readonly onStale: (message: string) => void;
}) {
  const { api } = useShell();
  const styles = useScreenStyles();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!reason.trim()) {
      setProblem('Say briefly why the session is cancelled.');
      return;
    }
    setBusy(true);
    try {
      const view = await cancelSession(api, sessionId, reason.trim());
      setOpen(false);
      onCancelled(view);
    } catch (error) {
      if (afterRefusal(error) === 'reload-session') {
        setOpen(false);
        onStale(userMessageFor(error, 'Someone else changed this session. It is shown as it is now.'));
        return;
      }
      // The dialog is modal: show the problem inside it, against the field when the server named it.
      setProblem(error instanceof ApiError && error.issues[0] ? error.issues[0].message : userMessageFor(error, 'The session could not be cancelled. Try again.'));
    } finally {
      setBusy(false);
    }
  };

  const openDialog = () => {
    setReason('');
    setProblem(null);
    setOpen(true);
  };

  return (
    <>
      <Button ref={trigger} aria-haspopup="dialog" onClick={openDialog}>
        Cancel session
      </Button>
      {open ? (
        <Dialog
          open
          onOpenChange={(_, data) => {
            if (data.open) return;
            setOpen(false);
            requestAnimationFrame(() => trigger.current?.focus());
          }}
        >
          <DialogSurface>
            <form onSubmit={(event) => void submit(event)} noValidate>
              <DialogBody>
                <DialogTitle>Cancel this session?</DialogTitle>
                <DialogContent className={styles.stack}>
                  <p className={styles.text}>Everyone gets a cancellation in Outlook. The reason stays in the app; it is not sent.</p>
                  <Field
                    label="Why is it cancelled?"
                    required
                    hint="A few words, such as “supervisor on leave”. No case detail."
                    validationMessage={problem ?? undefined}
                    validationState={problem ? 'error' : 'none'}
                  >
                    <Textarea
                      value={reason}
                      maxLength={200}
                      onChange={(_, data) => {
                        setReason(data.value);
                        setProblem(null);
                      }}
                    />
                  </Field>
                </DialogContent>
                <DialogActions>
                  <Button type="submit" appearance="primary" disabledFocusable={busy}>
                    {busy ? 'Cancelling…' : 'Cancel session'}
                  </Button>
                  <DialogTrigger disableButtonEnhancement>
                    <Button>Keep the session</Button>
                  </DialogTrigger>
                </DialogActions>
              </DialogBody>
            </form>
          </DialogSurface>
        </Dialog>
      ) : null}
    </>
  );
}
