import { describe, expect, it } from 'vitest';
import { decisionProblems, type DecisionDraft } from './decision-form.js';

const draft = (over: Partial<DecisionDraft> = {}): DecisionDraft => ({
  childReference: ' JB ',
  concerns: 'Attendance falling',
  actions: [{ text: 'Call home', timescale: 'by Friday' }],
  referredToManager: false,
  chronologyEntry: true,
  caseSystem: 'CPOMS',
  ...over,
});

describe('decisionProblems', () => {
  it('makes the request, trimmed', () => {
    expect(decisionProblems(draft())).toEqual({
      ok: true,
      input: {
        childReference: 'JB',
        concerns: 'Attendance falling',
        actions: [{ text: 'Call home', timescale: 'by Friday' }],
        referredToManager: false,
        chronologyEntry: true,
        caseSystem: 'CPOMS',
      },
    });
  });

  it('leaves out an empty extra action', () => {
    const checked = decisionProblems(
      draft({
        actions: [
          { text: 'Call home', timescale: 'today' },
          { text: ' ', timescale: '' },
        ],
      }),
    );
    expect(checked.ok && checked.input.actions).toEqual([{ text: 'Call home', timescale: 'today' }]);
  });

  it('names each missing field', () => {
    const checked = decisionProblems(draft({ childReference: '', concerns: ' ', actions: [{ text: 'Call', timescale: '' }], caseSystem: '' }));
    expect(checked.ok ? [] : checked.issues.map((i) => i.field)).toEqual(['childReference', 'concerns', 'actions.0.timescale', 'caseSystem']);
    const none = decisionProblems(draft({ actions: [{ text: '', timescale: '' }] }));
    expect(none.ok ? [] : none.issues.map((i) => i.field)).toEqual(['actions']);
  });

  it('refuses a reference longer than initials or a case reference', () => {
    const checked = decisionProblems(draft({ childReference: 'x'.repeat(41) }));
    expect(checked.ok).toBe(false);
  });
});
