import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCardAction } from './card-actions.js';

const pick = { action: 'reschedule.pick', sessionId: 's1', start: '2026-06-17T08:00:00Z', reason: 'illness' };
const reasonStep = { action: 'reschedule.reason', sessionId: 's1', reason: 'clash' };

describe('the "I can\u2019t make it" reason and note', () => {
  it.each([
    ['a NUL', 'SECRET\u0000'],
    ['an escape sequence', '\u001b[31mSECRET'],
    ['a DEL', 'SECRET\u007f'],
    ['a C1 control', 'SECRET\u0085'],
    ['a right-to-left override', 'SECRET\u202egnp.exe'],
    ['a line break', 'SECRET\nforged log line'],
  ])('refuses a note with %s, in plain words that do not repeat it', (_, note) => {
    for (const data of [
      { ...pick, note },
      { ...reasonStep, note },
    ]) {
      const r = parseCardAction(data.action, data);
      expect(r).toMatchObject({ ok: false, field: 'note' });
      if (r.ok) return;
      expect(r.message).toMatch(/^The note has characters that cannot be kept/);
      expect(r.message).not.toContain('SECRET');
    }
  });

  it('a note of spaces only is no note; spaces around a note are trimmed', () => {
    expect(parseCardAction('reschedule.pick', { ...pick, note: '   ' })).toEqual({ ok: true, action: pick });
    expect(parseCardAction('reschedule.pick', { ...pick, note: '  On a course ' })).toEqual({ ok: true, action: { ...pick, note: 'On a course' } });
  });

  it.each([
    ['an oversized note', { ...pick, note: 'SECRET'.repeat(40) }, 'note', 'The note is too long: use 200 characters or fewer.'],
    ['a note that is not text', { ...pick, note: { SECRET: 1 } }, 'note', 'The note is not valid.'],
    ['a reason that is not text', { ...pick, reason: ['SECRET'] }, 'reason', 'Choose one of the reasons listed.'],
    ['an empty reason when picking a time', { ...pick, reason: '' }, 'reason', 'Choose one of the reasons listed.'],
    ['a reason not listed', { ...reasonStep, reason: 'SECRET' }, 'reason', 'Choose one of the reasons listed.'],
  ])('refuses %s with a clear message', (_, data, field, says) => {
    const r = parseCardAction(data.action, data);
    expect(r).toMatchObject({ ok: false, field });
    if (r.ok) return;
    expect(r.message).toContain(says);
    expect(r.message).not.toContain('SECRET');
  });

  it('property: a note that is accepted has no control or bidi-override characters and is at most 200 characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 220, unit: 'binary' }), (note) => {
        const r = parseCardAction('reschedule.pick', { ...pick, note });
        if (!r.ok) {
          expect(r.field).toBe('note');
          return;
        }
        const kept = r.action.action === 'reschedule.pick' ? r.action.note : undefined;
        if (kept === undefined) return;
        expect(kept).not.toMatch(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u);
        expect(kept.length).toBeLessThanOrEqual(200);
        expect(kept).toBe(kept.trim());
        expect(kept).not.toBe('');
      }),
      { numRuns: 500 },
    );
  });
});
