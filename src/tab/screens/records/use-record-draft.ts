import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/api-error.js';
import { saveRecordDraft, sendRecordForSignature, type RecordContent, type RecordView } from '../../api/operations/records.js';
import { useWarnBeforeLeaving } from '../../forms/use-warn-before-leaving.js';
import { useShell } from '../../shell/contexts.js';
import { userMessageFor } from '../../user-message.js';
import { useFieldIssues } from '../arrangements/use-field-issues.js';
import { contentToSave, formIssues, sameContent, type SaveState } from './record-text.js';

/** Wait this long after typing stops before saving. */
export const SAVE_DELAY_MS = 800;

/** After a lost connection or a server fault, save again after these pauses; then "Try again" is left to the person. */
export const RETRY_DELAYS_MS: readonly number[] = [2_000, 5_000, 15_000];

const retryable = (error: unknown) => error instanceof ApiError && (error.kind === 'network' || error.kind === 'server');

/** The form's keys the server's problems can be put against. */
const KNOWN = /^(answers\.[^.]+|actions|actions\.\d+(\.(text|ownerId|dueDate))?|attendance|takesForwardId)$/;
const known = (key: string) => KNOWN.test(key);

/**
 * The supervisor's draft: the form's content, saved as they type (after a pause, one save at a time,
 * each against the `revision` of the last answer, so a change made elsewhere is a conflict and never
 * overwritten). Nothing is saved until the content actually differs from what is stored, so opening a
 * locked version starts no new version until something is changed.
 */
export function useRecordDraft(view: RecordView, onView: (view: RecordView) => void) {
  const { api, notices } = useShell();
  const recordId = view.record.recordId;
  const [form, setForm] = useState<RecordContent>(() => view.record.content);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [sendIssues, setSendIssues] = useState<readonly string[]>([]);
  const [sending, setSending] = useState(false);
  const issues = useFieldIssues(known);

  const formRef = useRef(form);
  const baseRef = useRef(view.record.revision);
  const viewRef = useRef(view);
  const savedRef = useRef(contentToSave(view.record.content).content);
  const actionIndexRef = useRef<number[]>(contentToSave(view.record.content).actionIndex);
  const chain = useRef<Promise<RecordView | null>>(Promise.resolve(view));
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const attempts = useRef(0);
  const savedAt = useRef<string | null>(null);
  /** Saves again after a failure; set once `flush` exists. */
  const retryLater = useRef<(delay: number) => void>(() => {});
  const conflicted = useRef(false);
  /** The alert region says the record was not sent: cleared once the supervisor changes something. */
  const refused = useRef(false);
  const onViewRef = useRef(onView);
  onViewRef.current = onView;

  // A signature or a send changes the record's revision: later saves are made against it.
  useEffect(() => {
    baseRef.current = view.record.revision;
    viewRef.current = view;
  }, [view]);

  const saveOnce = useCallback(async (): Promise<RecordView | null> => {
    if (conflicted.current) return null;
    const { content, actionIndex } = contentToSave(formRef.current);
    if (sameContent(content, savedRef.current)) {
      // Changed back to what is stored: nothing is waiting any more.
      setSave((s) => (s.kind === 'conflict' ? s : savedAt.current ? { kind: 'saved', at: savedAt.current } : { kind: 'idle' }));
      return viewRef.current;
    }
    setSave({ kind: 'saving' });
    try {
      const next = await saveRecordDraft(api, recordId, { content, baseRevision: baseRef.current });
      baseRef.current = next.record.revision;
      viewRef.current = next;
      savedRef.current = content;
      actionIndexRef.current = actionIndex;
      attempts.current = 0;
      savedAt.current = next.record.updatedAt;
      issues.clear();
      // Typing made during the save is still waiting: only say saved when nothing newer is.
      const newer = !sameContent(contentToSave(formRef.current).content, content);
      setSave(newer ? { kind: 'waiting' } : { kind: 'saved', at: next.record.updatedAt });
      onViewRef.current(next);
      return next;
    } catch (error) {
      const message = userMessageFor(error, 'The record could not be saved. Try again.');
      if (error instanceof ApiError && error.status === 409) {
        conflicted.current = true;
        setSave({ kind: 'conflict', message });
      } else {
        if (error instanceof ApiError && error.issues.length > 0) issues.show(formIssues(error.issues, actionIndex));
        const delay = retryable(error) ? RETRY_DELAYS_MS[attempts.current] : undefined;
        if (delay !== undefined) {
          attempts.current += 1;
          retryLater.current(delay);
        }
        setSave({ kind: 'failed', message, retrying: delay !== undefined });
      }
      return null;
    }
  }, [api, recordId, issues.clear, issues.show]);

  /** Saves now whatever is waiting, after any save already under way; the view saved, or null when it could not be. */
  const flush = useCallback((): Promise<RecordView | null> => {
    clearTimeout(timer.current);
    timer.current = undefined;
    clearTimeout(retryTimer.current);
    retryTimer.current = undefined;
    chain.current = chain.current.then(saveOnce, saveOnce);
    return chain.current;
  }, [saveOnce]);
  retryLater.current = (delay) => {
    clearTimeout(retryTimer.current);
    retryTimer.current = setTimeout(() => void flush(), delay);
  };

  /** "Try again" after a failed save: at once, with the automatic retries counted afresh. */
  const retry = useCallback(() => {
    attempts.current = 0;
    void flush();
  }, [flush]);

  /** The form changed: save after a pause in typing. */
  const change = useCallback(
    (update: (form: RecordContent) => RecordContent) => {
      const next = update(formRef.current);
      formRef.current = next;
      setForm(next);
      // After a conflict the typing stays on screen (to copy before reloading) but is not saved.
      if (conflicted.current) return;
      if (refused.current) {
        refused.current = false;
        notices.showError(null);
      }
      setSendIssues([]);
      attempts.current = 0;
      setSave({ kind: 'waiting' });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
    },
    [flush, notices],
  );

  // Leaving the screen with typing not yet saved (waiting, or after a failed save): save it on the way out.
  useEffect(
    () => () => {
      clearTimeout(retryTimer.current);
      if (!conflicted.current && !sameContent(contentToSave(formRef.current).content, savedRef.current)) void flush();
    },
    [flush],
  );

  useWarnBeforeLeaving(save.kind === 'waiting' || save.kind === 'saving' || save.kind === 'failed' || save.kind === 'conflict');

  const send = useCallback(async () => {
    if (sending) return;
    setSending(true);
    setSendIssues([]);
    notices.showError(null);
    try {
      const saved = await flush();
      if (!saved) {
        notices.showError('The record is not sent: save your changes first (see the message by the record).');
        return;
      }
      const sent = await sendRecordForSignature(api, recordId, baseRef.current);
      baseRef.current = sent.record.revision;
      viewRef.current = sent;
      onViewRef.current(sent);
      notices.showStatus(`Version ${sent.record.version} is sent for signature. Everyone who signs gets a card in Teams.`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        conflicted.current = true;
        setSave({ kind: 'conflict', message: error.message });
      }
      if (error instanceof ApiError && error.issues.length > 0) {
        issues.show(formIssues(error.issues, actionIndexRef.current));
        setSendIssues(error.issues.map((i) => i.message));
        refused.current = true;
        notices.showError('The record is not sent yet: fix what is listed by the Send button, then send it again.');
      } else {
        notices.showError(userMessageFor(error, 'The record could not be sent for signature. Try again.'));
      }
    } finally {
      setSending(false);
    }
  }, [api, flush, issues.show, notices, recordId, sending]);

  return { form, change, save, flush, retry, send, sending, sendIssues, issues };
}
