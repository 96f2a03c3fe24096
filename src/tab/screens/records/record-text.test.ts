import { describe, expect, it } from 'vitest';
import type { RecordContent } from '../../api/operations/records.js';
import {
  answerText,
  contentToSave,
  formatDue,
  formIssues,
  grantDays,
  grantStatus,
  isActionReady,
  isCarried,
  lockedEditNote,
  olderVersionNote,
  RECORD_STATE_TEXT,
  sameContent,
  saveStateText,
} from './record-text.js';

const action = (over: Partial<RecordContent['actions'][number]> = {}) => ({ id: 'a1', text: 'Read the policy', ownerId: 'liam', dueDate: '2027-02-12', done: false, ...over });

describe('record words', () => {
  it('names the states as the staff read them', () => {
    expect(RECORD_STATE_TEXT).toEqual({ draft: 'Draft', 'awaiting-signatures': 'Awaiting signatures', locked: 'Signed and locked' });
  });

  it('reads answers back', () => {
    expect(answerText({ kind: 'yes-no' }, 'yes')).toBe('Yes');
    expect(answerText({ kind: 'yes-no' }, 'no')).toBe('No');
    expect(answerText({ kind: 'long-text' }, '  ')).toBe('Not answered');
    expect(answerText({ kind: 'text' }, undefined)).toBe('Not answered');
    expect(answerText({ kind: 'long-text' }, 'Fine, busy term')).toBe('Fine, busy term');
  });

  it('formats a due date or a deadline instant in London', () => {
    expect(formatDue('2027-02-12')).toBe('Fri 12 Feb 2027');
    expect(formatDue('2027-07-01T08:30:00Z')).toBe('Thu 1 Jul 2027, 09:30');
  });

  it('notes locked and older versions', () => {
    expect(lockedEditNote(1)).toBe('This version is signed and locked. Changing it starts version 2; version 1 stays as it is.');
    expect(olderVersionNote(1, 3)).toBe('This is version 1; the latest is version 3.');
  });
});

describe('actions', () => {
  it('is ready to save with text, an owner and a real date', () => {
    expect(isActionReady(action())).toBe(true);
    expect(isActionReady(action({ text: ' ' }))).toBe(false);
    expect(isActionReady(action({ ownerId: '' }))).toBe(false);
    expect(isActionReady(action({ dueDate: '' }))).toBe(false);
  });

  it('is carried when an earlier session agreed it', () => {
    expect(isCarried(action(), 's2')).toBe(false);
    expect(isCarried(action({ agreedInSessionId: 's2' }), 's2')).toBe(false);
    expect(isCarried(action({ agreedInSessionId: 's1' }), 's2')).toBe(true);
  });
});

describe('contentToSave', () => {
  it('leaves out empty answers and incomplete actions, and remembers which actions were sent', () => {
    const form: RecordContent = {
      answers: { q1: 'Fine', q2: '   ', q12: 'yes' },
      actions: [action({ id: 'x', text: '' }), action({ id: 'y' }), action({ id: 'z', ownerId: '' }), action({ id: 'w' })],
      attendance: [{ userId: 'grace', present: true }],
      takesForwardId: '',
    };
    const { content, actionIndex } = contentToSave(form);
    expect(content).toEqual({ answers: { q1: 'Fine', q12: 'yes' }, actions: [action({ id: 'y' }), action({ id: 'w' })], attendance: [{ userId: 'grace', present: true }] });
    expect(actionIndex).toEqual([1, 3]);
    expect(contentToSave({ answers: {}, actions: [], takesForwardId: 'grace' }).content).toEqual({ answers: {}, actions: [], takesForwardId: 'grace' });
  });

  it('compares contents whatever the order of their answers', () => {
    expect(sameContent({ answers: { a: '1', b: '2' }, actions: [] }, { answers: { b: '2', a: '1' }, actions: [] })).toBe(true);
    expect(sameContent({ answers: { a: '1' }, actions: [] }, { answers: { a: '2' }, actions: [] })).toBe(false);
    expect(sameContent({ answers: {}, actions: [action()] }, { answers: {}, actions: [action({ done: true })] })).toBe(false);
  });
});

describe('formIssues', () => {
  it("puts the server's fields into the form's keys, actions renumbered", () => {
    expect(
      formIssues(
        [
          { field: 'content.answers.q1', message: 'Answer it' },
          { field: 'content.actions[1].ownerId', message: 'Choose' },
          { field: 'content.actions[7].text', message: 'Lost' },
          { field: 'content.takesForwardId', message: 'Name' },
        ],
        [0, 3],
      ),
    ).toEqual([
      { field: 'answers.q1', message: 'Answer it' },
      { field: 'actions.3.ownerId', message: 'Choose' },
      { field: 'actions', message: 'Lost' },
      { field: 'takesForwardId', message: 'Name' },
    ]);
  });
});

describe('save status', () => {
  const time = (instant: string) => instant.slice(11, 16);
  it.each([
    [{ kind: 'idle' } as const, ''],
    [{ kind: 'saving' } as const, 'Saving…'],
    [{ kind: 'saved', at: '2027-02-12T09:05:00Z' } as const, 'Saved at 09:05'],
    [{ kind: 'failed', message: 'The server had a problem.' } as const, 'Not saved: The server had a problem.'],
    [{ kind: 'failed', message: 'The server had a problem.', retrying: true } as const, 'Not saved: The server had a problem. The app tries again shortly.'],
  ])('%j', (state, text) => {
    expect(saveStateText(state, time)).toBe(text);
  });
});

describe('auditor grants', () => {
  it('says revoked, active or expired', () => {
    expect(grantStatus({ active: false, revokedAt: '2027-01-01T00:00:00Z' }).label).toBe('Revoked');
    expect(grantStatus({ active: true }).label).toBe('Active');
    expect(grantStatus({ active: false }).label).toBe('Expired');
  });

  it('accepts 1 to 30 days', () => {
    expect(grantDays('7')).toEqual({ ok: true, days: 7 });
    expect(grantDays(' 30 ')).toEqual({ ok: true, days: 30 });
    expect(grantDays('0').ok).toBe(false);
    expect(grantDays('31').ok).toBe(false);
    expect(grantDays('2.5').ok).toBe(false);
    expect(grantDays('').ok).toBe(false);
  });
});
