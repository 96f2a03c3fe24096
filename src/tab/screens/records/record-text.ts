// Words and small rules for records, shared by the Record screen, the session's Records panel and the
// panels on Everyone's sessions. Pure: no React, no clock reads (the time is passed in).
import type { RecordKind as ServerKind, RecordState as ServerState } from '../../../shared/records/record.js';
import type { AgreedAction, ListedAuditorGrant, Question, RecordContent, RecordKind, RecordState } from '../../api/operations/records.js';
import type { FieldIssue } from '../../forms/field-issues.js';
import { fieldKey } from '../../forms/field-issues.js';
import { formatDateTime, formatIsoDate } from '../../time/london.js';
import type { BadgeColor } from '../sessions/session-text.js';

// The tab keeps its own copies of the kinds and states (the shared module brings zod with it); the
// compiler checks they are the same.
const sameKinds: readonly ServerKind[] = [] as RecordKind[];
const sameStates: readonly ServerState[] = [] as RecordState[];
void sameKinds;
void sameStates;

/** What the record screen says when the stored content no longer matches its fingerprint. */
export const ALTERED_MESSAGE = 'This record was changed outside the app: its content no longer matches its fingerprint. Tell the designated safeguarding lead.';

export const RECORD_STATE_TEXT = {
  draft: 'Draft',
  'awaiting-signatures': 'Awaiting signatures',
  locked: 'Signed and locked',
} as const satisfies Record<ServerState, string>;

export const RECORD_STATE_COLOR: Record<RecordState, BadgeColor> = {
  draft: 'informative',
  'awaiting-signatures': 'warning',
  locked: 'success',
};

/** What the button to start each kind says. */
export const START_TEXT = {
  individual: 'Start the supervision record',
  group: 'Start the group supervision record',
  'case-discussion': 'Start a case discussion record',
  contract: 'Start the supervision contract',
  history: 'Start the supervision history',
  wellbeing: 'Start a wellbeing concerns record',
} as const satisfies Record<ServerKind, string>;

/** An answer as read back: 'Yes'/'No' for a yes-no question, 'Not answered' when empty. */
export function answerText(question: Pick<Question, 'kind'>, value: string | undefined): string {
  const text = (value ?? '').trim();
  if (!text) return 'Not answered';
  if (question.kind === 'yes-no') return text === 'yes' ? 'Yes' : text === 'no' ? 'No' : text;
  return text;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A due date or deadline: a plain date ('2027-02-12') or an instant. */
export function formatDue(value: string): string {
  return ISO_DATE.test(value) ? formatIsoDate(value) : formatDateTime(value);
}

/** An action has all the server needs to save it: what, who and a real date. */
export function isActionReady(action: Pick<AgreedAction, 'text' | 'ownerId' | 'dueDate'>): boolean {
  return action.text.trim() !== '' && action.ownerId !== '' && ISO_DATE.test(action.dueDate);
}

/** An action agreed at an earlier session and still open (carried into this record). */
export function isCarried(action: Pick<AgreedAction, 'agreedInSessionId'>, sessionId: string | undefined): boolean {
  return action.agreedInSessionId !== undefined && action.agreedInSessionId !== sessionId;
}

/**
 * What to save from the form: answers left empty are left out, and actions not yet complete wait on
 * the screen (the server refuses an action without text, owner or date). `actionIndex[i]` is the
 * form's index of the i-th action sent, to put the server's problems against the right one.
 */
export function contentToSave(form: RecordContent): { content: RecordContent; actionIndex: number[] } {
  const answers: Record<string, string> = {};
  for (const [id, value] of Object.entries(form.answers)) if (value.trim() !== '') answers[id] = value;
  const actionIndex: number[] = [];
  const actions: AgreedAction[] = [];
  form.actions.forEach((a, i) => {
    if (!isActionReady(a)) return;
    actionIndex.push(i);
    actions.push(a);
  });
  return {
    content: {
      answers,
      actions,
      ...(form.attendance ? { attendance: form.attendance } : {}),
      ...(form.takesForwardId ? { takesForwardId: form.takesForwardId } : {}),
    },
    actionIndex,
  };
}

/** JSON with object keys sorted, so two contents compare equal whatever order their answers came in. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Whether two contents say the same (the order of answers does not matter). */
export function sameContent(a: RecordContent, b: RecordContent): boolean {
  return stableJson(a) === stableJson(b);
}

/**
 * The server's problems ('content.answers.q1', 'content.actions[0].ownerId') as the form's keys
 * ('answers.q1', 'actions.3.ownerId'): action numbers are turned back into the form's own.
 */
export function formIssues(issues: readonly FieldIssue[], actionIndex: readonly number[]): FieldIssue[] {
  return issues.map((issue) => {
    const key = fieldKey(issue.field, 'content');
    const m = /^actions\.(\d+)(.*)$/.exec(key);
    if (!m) return { field: key, message: issue.message };
    const local = actionIndex[Number(m[1])];
    return { field: local === undefined ? 'actions' : `actions.${local}${m[2] ?? ''}`, message: issue.message };
  });
}

/** The note on a locked version the supervisor may change. */
export function lockedEditNote(version: number): string {
  return `This version is signed and locked. Changing it starts version ${version + 1}; version ${version} stays as it is.`;
}

/** The note on an older version. */
export function olderVersionNote(shown: number, latest: number): string {
  return `This is version ${shown}; the latest is version ${latest}.`;
}

export type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'waiting' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved'; readonly at: string }
  /** `retrying`: the app saves again by itself shortly. */
  | { readonly kind: 'failed'; readonly message: string; readonly retrying?: boolean }
  | { readonly kind: 'conflict'; readonly message: string };

/** The words in the save status region ('Saved at 14:05'); `time` formats the instant as HH:MM. */
export function saveStateText(state: SaveState, time: (instant: string) => string): string {
  switch (state.kind) {
    case 'idle':
      return '';
    case 'waiting':
      return 'Changes not saved yet…';
    case 'saving':
      return 'Saving…';
    case 'saved':
      return `Saved at ${time(state.at)}`;
    case 'failed':
      return `Not saved: ${state.message}${state.retrying ? ' The app tries again shortly.' : ''}`;
    case 'conflict':
      return `Not saved: ${state.message}`;
  }
}

/** An auditor grant's state in words: revoked, still active, or expired. */
export function grantStatus(grant: Pick<ListedAuditorGrant, 'active' | 'revokedAt'>): { label: 'Active' | 'Expired' | 'Revoked'; color: BadgeColor } {
  if (grant.revokedAt) return { label: 'Revoked', color: 'subtle' };
  return grant.active ? { label: 'Active', color: 'success' } : { label: 'Expired', color: 'subtle' };
}

export const FLAG_STATUS_TEXT = { overdue: 'Overdue', 'due-soon': 'Due soon' } as const;
export const FLAG_STATUS_COLOR: Record<keyof typeof FLAG_STATUS_TEXT, BadgeColor> = { overdue: 'danger', 'due-soon': 'warning' };

/** Grant days typed in: a whole number from 1 to 30, or a sentence saying what is wrong. */
export function grantDays(text: string): { ok: true; days: number } | { ok: false; message: string } {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { ok: false, message: 'Enter a number of days from 1 to 30.' };
  const days = Number(t);
  if (days < 1 || days > 30) return { ok: false, message: 'Access can be granted for 1 to 30 days.' };
  return { ok: true, days };
}
