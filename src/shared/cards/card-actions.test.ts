import { describe, expect, it } from 'vitest';
import { CARD_ACTION_VERBS, cardActionSchema, editInputId, executeAction, parseCardAction } from './card-actions.js';

describe('cardActionSchema', () => {
  it('reads exactly the verbs CARD_ACTION_VERBS lists', () => {
    expect(cardActionSchema.out.options.map((o) => o.shape.action.value).sort()).toEqual([...CARD_ACTION_VERBS].sort());
    expect(cardActionSchema.safeParse({ action: 'agenda.delete', sessionId: 's' }).success).toBe(false);
  });

  it('reads each action and strips unknown keys', () => {
    expect(cardActionSchema.parse({ action: 'agenda.add', sessionId: 's1', itemText: 'Case ref 2027-114', sectionId: 'cases', msteams: { x: 1 }, userId: 'spoofed' })).toEqual({
      action: 'agenda.add',
      sessionId: 's1',
      itemText: 'Case ref 2027-114',
      sectionId: 'cases',
    });
    expect(cardActionSchema.parse({ action: 'agenda.add', sessionId: 's1', sectionId: '' })).toEqual({ action: 'agenda.add', sessionId: 's1' });
    expect(cardActionSchema.parse({ action: 'agenda.remove', sessionId: 's1', itemId: 'i1' })).toEqual({ action: 'agenda.remove', sessionId: 's1', itemId: 'i1' });
    expect(cardActionSchema.parse({ action: 'reschedule.reason', sessionId: 's1', reason: '', note: '' })).toEqual({ action: 'reschedule.reason', sessionId: 's1' });
    expect(cardActionSchema.parse({ action: 'reschedule.pick', sessionId: 's1', start: '2026-06-17T08:00:00Z', reason: 'illness', note: 'On a course' })).toEqual({
      action: 'reschedule.pick',
      sessionId: 's1',
      start: '2026-06-17T08:00:00Z',
      reason: 'illness',
      note: 'On a course',
    });
  });

  it("reads an item's own edit box as editText", () => {
    expect(cardActionSchema.parse({ action: 'agenda.edit', sessionId: 's1', itemId: 'i1', [editInputId('i1')]: 'New text', [editInputId('i2')]: 'other' })).toEqual({
      action: 'agenda.edit',
      sessionId: 's1',
      itemId: 'i1',
      editText: 'New text',
    });
    expect(cardActionSchema.parse({ action: 'agenda.edit', sessionId: 's1', itemId: 'i1', editText: 'Plain' })).toMatchObject({ editText: 'Plain' });
  });

  it('refuses long texts and ids, a bad reason and a start that does not exist', () => {
    const base = { action: 'reschedule.pick', sessionId: 's1', start: '2026-06-17T08:00:00Z', reason: 'illness' };
    expect(cardActionSchema.safeParse({ ...base, start: '2027-02-30T09:00:00Z' }).success).toBe(false);
    expect(cardActionSchema.safeParse({ ...base, reason: 'bored' }).success).toBe(false);
    expect(cardActionSchema.safeParse({ ...base, note: 'n'.repeat(201) }).success).toBe(false);
    expect(cardActionSchema.safeParse({ ...base, sessionId: 's'.repeat(201) }).success).toBe(false);
    expect(cardActionSchema.safeParse({ action: 'agenda.add', sessionId: 's1', itemText: 't'.repeat(501) }).success).toBe(false);
  });
});

describe('parseCardAction', () => {
  it('accepts a verb that matches its data', () => {
    expect(parseCardAction('agenda.refresh', { action: 'agenda.refresh', sessionId: 's1' })).toEqual({ ok: true, action: { action: 'agenda.refresh', sessionId: 's1' } });
  });

  it.each([
    ['agenda.destroy', { action: 'agenda.destroy' }, 'verb', 'not one this app knows'],
    [undefined, { action: 'agenda.add', sessionId: 's1' }, 'verb', 'not one this app knows'],
    ['agenda.add', 'agenda.add', 'data', 'no details'],
    ['agenda.add', null, 'data', 'no details'],
    ['agenda.remove', { action: 'agenda.add', sessionId: 's1', itemId: 'i1' }, 'action', 'do not match'],
    ['agenda.remove', { action: 'agenda.remove', sessionId: 's1' }, 'itemId', 'did not send the agenda item'],
    ['agenda.add', { action: 'agenda.add', sessionId: 's1', itemText: 'SECRET '.repeat(80) }, 'itemText', 'too long: use 500 characters or fewer'],
    ['reschedule.reason', { action: 'reschedule.reason', sessionId: 's1', reason: 'SECRET' }, 'reason', 'Choose one of the reasons'],
    ['reschedule.pick', { action: 'reschedule.pick', sessionId: 's1', start: 'SECRET', reason: 'illness' }, 'start', 'The new time is not valid'],
    ['agenda.open', { action: 'agenda.open', sessionId: '' }, 'sessionId', 'The session is empty'],
  ])('refuses verb %j with data %j, naming %s in plain words and never echoing the input', (verb, data, field, says) => {
    const r = parseCardAction(verb, data);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.field).toBe(field);
    expect(r.message).toContain(says);
    expect(r.message).not.toContain('SECRET');
  });
});

describe('record and decision actions', () => {
  const SHA = '0123456789abcdef'.repeat(4);

  it('reads record.sign, record.requestChange and decision.confirm', () => {
    expect(parseCardAction('record.sign', { action: 'record.sign', recordId: 's1.individual', version: 2, sha256: SHA })).toEqual({
      ok: true,
      action: { action: 'record.sign', recordId: 's1.individual', version: 2, sha256: SHA },
    });
    expect(parseCardAction('record.requestChange', { action: 'record.requestChange', recordId: 's1.individual', version: 2, comment: 'Action 2 needs a date' })).toEqual({
      ok: true,
      action: { action: 'record.requestChange', recordId: 's1.individual', version: 2, comment: 'Action 2 needs a date' },
    });
    expect(parseCardAction('record.requestChange', { action: 'record.requestChange', recordId: 's1.individual', version: 2 })).toEqual({
      ok: true,
      action: { action: 'record.requestChange', recordId: 's1.individual', version: 2 },
    });
    expect(parseCardAction('decision.confirm', { action: 'decision.confirm', decisionId: 'd1', reference: 'CP-2026/114' })).toEqual({
      ok: true,
      action: { action: 'decision.confirm', decisionId: 'd1', reference: 'CP-2026/114' },
    });
    expect(parseCardAction('decision.confirm', { action: 'decision.confirm', decisionId: 'd1' })).toEqual({ ok: true, action: { action: 'decision.confirm', decisionId: 'd1' } });
  });

  it('reads a version sent as a string number as a number', () => {
    expect(cardActionSchema.parse({ action: 'record.sign', recordId: 'r1', version: '3', sha256: SHA })).toEqual({
      action: 'record.sign',
      recordId: 'r1',
      version: 3,
      sha256: SHA,
    });
    expect(cardActionSchema.parse({ action: 'record.requestChange', recordId: 'r1', version: '12' })).toMatchObject({ version: 12 });
    for (const version of ['0', '-1', '1.5', 'two', 10_001]) {
      expect(cardActionSchema.safeParse({ action: 'record.sign', recordId: 'r1', version, sha256: SHA }).success, String(version)).toBe(false);
    }
  });

  it('strips unknown keys', () => {
    expect(cardActionSchema.parse({ action: 'record.sign', recordId: 'r1', version: 1, sha256: SHA, userId: 'spoofed', signedAt: 'x', msteams: { a: 1 } })).toEqual({
      action: 'record.sign',
      recordId: 'r1',
      version: 1,
      sha256: SHA,
    });
    expect(cardActionSchema.parse({ action: 'record.requestChange', recordId: 'r1', version: 1, comment: 'c', sha256: SHA, byId: 'spoofed' })).toEqual({
      action: 'record.requestChange',
      recordId: 'r1',
      version: 1,
      sha256: SHA,
      comment: 'c',
    });
    expect(cardActionSchema.parse({ action: 'decision.confirm', decisionId: 'd1', reference: 'R1', childReference: 'AB', at: 'x' })).toEqual({
      action: 'decision.confirm',
      decisionId: 'd1',
      reference: 'R1',
    });
  });

  it.each([
    ['record.sign', { action: 'record.sign', recordId: 'r1', version: 1, sha256: 'SECRET'.padEnd(64, '0') }, 'sha256', 'The fingerprint is not valid'],
    ['record.sign', { action: 'record.sign', recordId: 'r1', version: 1, sha256: SHA.slice(0, 63) }, 'sha256', 'The fingerprint is not valid'],
    ['record.sign', { action: 'record.sign', recordId: 'r1', version: 1, sha256: SHA.toUpperCase() }, 'sha256', 'The fingerprint is not valid'],
    ['record.sign', { action: 'record.sign', recordId: 'r1', version: 1, sha256: `${SHA}0` }, 'sha256', 'The fingerprint is not valid'],
    ['record.sign', { action: 'record.sign', recordId: 'r1', version: 1 }, 'sha256', 'did not send the fingerprint'],
    ['record.sign', { action: 'record.sign', version: 1, sha256: SHA }, 'recordId', 'did not send the record'],
    ['record.requestChange', { action: 'record.requestChange', version: 1 }, 'recordId', 'did not send the record'],
    ['record.requestChange', { action: 'record.requestChange', recordId: 'r1' }, 'version', 'did not send the version'],
    ['record.requestChange', { action: 'record.requestChange', recordId: 'r1', version: 'SECRET' }, 'version', 'The version is not valid'],
    ['record.requestChange', { action: 'record.requestChange', recordId: 'r1', version: 1, comment: 'SECRET '.repeat(150) }, 'comment', 'too long: use 1000 characters or fewer'],
    ['decision.confirm', { action: 'decision.confirm' }, 'decisionId', 'did not send the decision record'],
    ['decision.confirm', { action: 'decision.confirm', decisionId: 'd1', reference: 'SECRET'.repeat(20) }, 'reference', 'too long: use 100 characters or fewer'],
  ])('refuses %s with data %j, naming %s in plain words and never echoing the input', (verb, data, field, says) => {
    const r = parseCardAction(verb, data);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.field).toBe(field);
    expect(r.message).toContain(says);
    expect(r.message).not.toContain('SECRET');
  });
});

describe('executeAction', () => {
  it('sets the verb from the data and leaves out undefined values', () => {
    const a = JSON.parse(JSON.stringify(executeAction('Go', { action: 'reschedule.pick', sessionId: 's1', start: '2026-06-17T08:00:00Z', reason: 'clash', note: undefined })));
    expect(a).toMatchObject({
      type: 'Action.Execute',
      title: 'Go',
      verb: 'reschedule.pick',
      data: { action: 'reschedule.pick', sessionId: 's1', start: '2026-06-17T08:00:00Z', reason: 'clash' },
    });
    expect('note' in a.data).toBe(false);
  });
});
