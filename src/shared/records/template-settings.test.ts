import { describe, expect, it } from 'vitest';
import { parseRecordTemplateSettings } from './template-settings.js';

describe('parseRecordTemplateSettings', () => {
  it('is empty when nothing is set', () => {
    expect(parseRecordTemplateSettings(undefined, undefined)).toEqual({ ok: true, value: { recordTemplates: {}, extraQuestions: {} } });
  });

  it('takes a template chosen for a kind, and the school’s own questions', () => {
    const extra = [{ id: 'trust-q1', label: 'Anything for the trust safeguarding lead?', kind: 'long-text' }];
    const parsed = parseRecordTemplateSettings(' individual = individual-two-part ', JSON.stringify({ 'individual-two-part': extra }));
    expect(parsed).toEqual({ ok: true, value: { recordTemplates: { individual: 'individual-two-part' }, extraQuestions: { 'individual-two-part': extra } } });
  });

  it('names every problem: an unknown kind, a template of another kind, bad JSON, a duplicate question id', () => {
    const bad = parseRecordTemplateSettings('minutes=x, individual=group', '{');
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems).toHaveLength(3);
    expect(bad.problems[0]).toMatch(/"minutes=x" must be kind=template/);
    expect(bad.problems[1]).toMatch(/an individual record can use individual-questions or individual-two-part, not "group"/);
    expect(bad.problems[2]).toMatch(/must be JSON/);

    const duplicate = parseRecordTemplateSettings('', JSON.stringify({ 'individual-questions': [{ id: 'q1', label: 'Again', kind: 'text' }], nothing: [] }));
    expect(duplicate.ok).toBe(false);
    if (duplicate.ok) return;
    expect(duplicate.problems.join('\n')).toMatch(/individual-questions: .*q1/);
    expect(duplicate.problems.join('\n')).toMatch(/there is no template "nothing"/);
  });
});
