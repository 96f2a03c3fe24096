import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/invalid-input.js';
import { caseSystemReferenceSchema } from '../records/decision-record.js';
import { parseCardAction } from './card-actions.js';
import { buildDecisionReminderCard, REFERENCE_MAX_LENGTH, REFERENCE_PATTERN, type DecisionReminderCardInput } from './decision-reminder-card.js';
import { cardProblems } from '../../../tests/support/card-problems.js';
import { allNodes, cardRuleProblems, executes, type Json, ofType, textOf, toJson } from './test-helpers.js';

/** The card as Teams receives it, after checking it against the renderer and the bot's card rules. */
function expectWellFormed(card: unknown): Json {
  const json = toJson(card);
  expect([...cardProblems(json), ...cardRuleProblems(json)]).toEqual([]);
  return json;
}

const LINK = 'https://teams.example/l/entity/app/decisions?decision=d-1';
const base: DecisionReminderCardInput = {
  decisionId: 'd-1',
  dueBy: '2026-06-17T08:00:00Z',
  caseSystem: 'CPOMS',
  sessionStart: '2026-06-16T08:00:00Z',
  link: LINK,
};

/** The card's own words, and the words of London dates. */
const VOCABULARY = new Set(
  (
    'enter a decision on cpoms myconcern the school s case system about child was made at your supervision please it record in by then confirm here with ' +
    'reference of entry this message holds no detail open to see in app teams chat entered you confirmed that is confirmed due other ' +
    'mon tue wed thu fri sat sun jan feb mar apr may jun jul aug sep oct nov dec'
  ).split(' '),
);

describe('decision reminder card', () => {
  const card = expectWellFormed(buildDecisionReminderCard(base));
  const text = textOf(card);

  it('asks the supervisor to enter the decision on the case system by the due time, in London time', () => {
    expect(ofType(card, 'TextBlock')[0]?.text).toBe('Enter a decision on CPOMS');
    expect(text).toContain('at your supervision on Tue 16 Jun 2026, 09:00');
    expect(text).toContain('on the child\u2019s record in CPOMS by Wed 17 Jun 2026, 09:00');
    expect(text).toContain('Enter by: Wed 17 Jun 2026, 09:00');
    expect(text).toContain('no case detail');
  });

  it('has a required reference box and "Confirm it is entered", whose data (with the box) is read back', () => {
    const box = ofType(card, 'Input.Text')[0] as Json;
    expect(box).toMatchObject({ id: 'reference', label: 'Reference of the entry in CPOMS', maxLength: REFERENCE_MAX_LENGTH, isRequired: true, regex: REFERENCE_PATTERN });
    expect(REFERENCE_MAX_LENGTH).toBe(100);
    const actions = card.actions as Json[];
    expect(actions.map((a) => [a.type, a.title])).toEqual([
      ['Action.Execute', 'Confirm it is entered'],
      ['Action.OpenUrl', 'Open the decision in the app'],
    ]);
    expect(actions[1]?.url).toBe(LINK);
    const confirm = actions[0] as Json;
    expect(confirm.data).toEqual({ action: 'decision.confirm', decisionId: 'd-1' });
    expect(parseCardAction(confirm.verb, { ...(confirm.data as Json), reference: 'CP-2026/114' })).toEqual({
      ok: true,
      action: { action: 'decision.confirm', decisionId: 'd-1', reference: 'CP-2026/114' },
    });
  });

  it("the box's pattern lets through what the case system reference rule accepts, and nothing it refuses", () => {
    const pattern = new RegExp(REFERENCE_PATTERN);
    for (const ref of ['CP-2026/114', 'MC #4471', 'abc.def_1', '<script>', 'a;b', 'x\ny']) {
      expect(pattern.test(ref), ref).toBe(caseSystemReferenceSchema.safeParse(ref).success);
    }
  });

  it('names the case system in the label, and words another system plainly', () => {
    const mc = expectWellFormed(buildDecisionReminderCard({ ...base, caseSystem: 'MyConcern' }));
    expect(ofType(mc, 'Input.Text')[0]?.label).toBe('Reference of the entry in MyConcern');
    const other = expectWellFormed(buildDecisionReminderCard({ ...base, caseSystem: 'other', sessionStart: undefined }));
    expect(ofType(other, 'Input.Text')[0]?.label).toBe('Reference of the entry in the case system');
    expect(textOf(other)).toContain('made at supervision');
    expect(textOf(other)).toContain('in the school\u2019s case system by');
    expect(textOf(other)).toContain('Case system: Other');
  });

  it('once confirmed shows the reference and when, with no box and no Confirm button', () => {
    const done = expectWellFormed(buildDecisionReminderCard({ ...base, confirmed: { reference: 'CP-2026/114', at: '2026-06-16T15:45:00Z' } }));
    expect(ofType(done, 'TextBlock')[0]?.text).toBe('Decision entered on CPOMS');
    expect(textOf(done)).toContain('Reference: CP-2026/114');
    expect(textOf(done)).toContain('Confirmed: Tue 16 Jun 2026, 16:45');
    expect(ofType(done, 'Input.Text')).toEqual([]);
    expect(executes(done)).toEqual([]);
    expect((done.actions as Json[]).map((a) => a.type)).toEqual(['Action.OpenUrl']);
  });

  it('shows a reference as typed: a text run, never Markdown', () => {
    const done = expectWellFormed(buildDecisionReminderCard({ ...base, confirmed: { reference: '**1** [x](https://e.org)', at: '2026-06-16T15:45:00Z' } }));
    expect(ofType(done, 'TextBlock').some((t) => String(t.text).includes('**1**'))).toBe(false);
    expect(ofType(done, 'TextRun').map((t) => t.text)).toContain('Reference: **1** [x](https://e.org)');
  });

  it('carries no case detail: the decision id only in button data, the link only as the URL', () => {
    const decisionId = 'd-ZZSECRETZZ';
    const link = 'https://teams.example/ZZLINKZZ';
    for (const input of [
      { ...base, decisionId, link },
      { ...base, decisionId, link, caseSystem: 'other' as const, sessionStart: undefined },
      { ...base, decisionId, link, confirmed: { reference: 'CP 1', at: '2026-06-16T15:45:00Z' } },
    ]) {
      const json = expectWellFormed(buildDecisionReminderCard(input));
      const strings: { key: string; value: string }[] = [];
      for (const node of allNodes(json)) for (const [key, value] of Object.entries(node)) if (typeof value === 'string') strings.push({ key, value });
      expect(strings.filter((s) => s.value.includes('ZZSECRETZZ'))).toEqual(strings.filter((s) => s.key === 'decisionId').map(() => ({ key: 'decisionId', value: decisionId })));
      expect(strings.filter((s) => s.value.includes('ZZLINKZZ'))).toEqual([{ key: 'url', value: link }]);
      const words = `${textOf(json)} ${String(json.fallbackText)}`.toLowerCase().match(/[a-z][a-z-]*/g) ?? [];
      expect(words.filter((w) => !VOCABULARY.has(w) && w !== 'cp')).toEqual([]);
    }
  });

  it('refuses a link that is not a web address', () => {
    expect(() => buildDecisionReminderCard({ ...base, link: 'javascript:alert(1)' })).toThrow(InvalidInputError);
  });
});
