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
