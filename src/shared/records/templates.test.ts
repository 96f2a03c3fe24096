import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refusalOf } from '../errors/refusal-of.js';
import { ANSWER_MAX_LENGTH, EMPTY_CONTENT, RECORD_KINDS, type AgreedAction, type RecordContent } from './record.js';
import {
  answersSchema,
  DEFAULT_TEMPLATE_IDS,
  extendTemplate,
  readinessIssues,
  RECORD_TEMPLATES,
  templateById,
  templatesFor,
  type Question,
  type RecordTemplate,
} from './templates.js';

const get = (id: string): RecordTemplate => {
  const t = templateById(id);
  if (!t) throw new Error(`no template ${id}`);
  return t;
};

const SUP = 'sup';
const A = 'see-a';
const B = 'see-b';
const PARTIES = [SUP, A, B];

const action = (ownerId: string, n = 1): AgreedAction => ({ id: `act-${n}`, text: 'Chase the core group minutes', ownerId, dueDate: '2026-07-01', done: false });

/** Every required question of `t` answered. */
function answered(t: RecordTemplate): Record<string, string> {
  return Object.fromEntries(t.questions.filter((q) => q.required).map((q) => [q.id, q.kind === 'yes-no' ? 'yes' : 'Discussed']));
}

const groupContent = (over: Partial<RecordContent> = {}): RecordContent => ({
  answers: answered(get('group')),
  actions: [],
  attendance: [
    { userId: SUP, present: true },
    { userId: A, present: true },
    { userId: B, present: false },
  ],
  takesForwardId: A,
  ...over,
});

describe('record templates', () => {
  it('have unique ids, and every template id is one the contract names', () => {
    const ids = RECORD_TEMPLATES.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(['case-discussion', 'contract', 'group', 'history', 'individual-questions', 'individual-two-part', 'wellbeing']);
  });

  it('give every kind a default template of that kind, offered by templatesFor', () => {
    for (const kind of RECORD_KINDS) {
      const t = templateById(DEFAULT_TEMPLATE_IDS[kind]);
      expect(t?.kind).toBe(kind);
      expect(templatesFor(kind).map((x) => x.id)).toContain(DEFAULT_TEMPLATE_IDS[kind]);
      expect(templatesFor(kind).every((x) => x.kind === kind)).toBe(true);
    }
    expect(DEFAULT_TEMPLATE_IDS.individual).toBe('individual-questions');
    expect(templatesFor('individual').map((t) => t.id)).toEqual(['individual-questions', 'individual-two-part']);
    expect(templateById('nope')).toBeUndefined();
  });

  it.each(RECORD_TEMPLATES.map((t) => [t.id, t] as const))('%s: well-formed questions with unique ids and a source', (_id, t) => {
    expect(t.source).toMatch(/^seed 00[0-4]/);
    expect(t.questions.length).toBeGreaterThan(0);
    const ids = t.questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const q of t.questions) {
      expect(q.id).toMatch(/^[a-z][a-z0-9-]{0,39}$/);
      expect(q.label.trim()).not.toBe('');
      expect(q.label.length).toBeLessThanOrEqual(120);
    }
    // A school can still extend every built-in template (its own ids pass the same rule).
    expect(() => extendTemplate(t, [])).not.toThrow();
  });

  it('individual-questions follows seed 004 Appendix 2 numbering (Q1–Q10, Q12)', () => {
    expect(get('individual-questions').questions.map((q) => q.id)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10', 'q12']);
    expect(get('group').questions.map((q) => q.id)).toEqual(expect.arrayContaining(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10', 'q11']));
  });

  it('case-discussion has the four stages of the problem-solving cycle as long text', () => {
    const t = get('case-discussion');
    for (const id of ['experience', 'reflection', 'analysis', 'plans']) expect(t.questions.find((q) => q.id === id)?.kind).toBe('long-text');
  });

  it('the contract covers frequency, duration, venue, agenda, recording, confidentiality, cancellation and review', () => {
    const ids = get('contract').questions.map((q) => q.id);
    expect(ids).toEqual(expect.arrayContaining(['frequency', 'duration', 'venue', 'agenda', 'recording', 'confidentiality', 'cancellation', 'review-date']));
  });

  it.each([
    ['individual-questions', ['q2', 'q3', 'q4', 'q5']],
    ['individual-two-part', ['a-case-ref', 'a-events']],
    ['group', ['q2', 'q3', 'q4', 'q5']],
    ['case-discussion', ['case-ref', 'experience']],
    ['wellbeing', ['concern']],
  ])('%s: questions that invite case detail remind writers to use initials', (id, questionIds) => {
    const t = get(id);
    for (const qid of questionIds) expect(t.questions.find((q) => q.id === qid)?.hint).toMatch(/initials or case references? only, never a child.s full name/i);
  });

  it('no label asks for a child’s name or date of birth', () => {
    for (const t of RECORD_TEMPLATES) for (const q of t.questions) expect(q.label).not.toMatch(/name|date of birth|d\.o\.b/i);
  });
});

describe('extendTemplate', () => {
  const base = get('individual-questions');
  const extra: Question = { id: 'school-q', label: 'Any concerns about attendance?', kind: 'long-text', required: true };

  it('appends the school’s questions after the template’s own, leaving the template unchanged', () => {
    const before = base.questions.length;
    const t = extendTemplate(base, [extra, { id: 'x2', label: 'Fine?', kind: 'yes-no' }]);
    expect(t.id).toBe(base.id);
    expect(t.questions.map((q) => q.id).slice(-2)).toEqual(['school-q', 'x2']);
    expect(base.questions).toHaveLength(before);
    expect(templateById(base.id)?.questions).toHaveLength(before);
  });

  it.each([
    ['a duplicate of a template question', [{ ...extra, id: 'q1' }], 'already used'],
    ['a duplicate within the extras', [extra, { ...extra, label: 'Again' }], 'already used'],
    ['an id starting with a digit', [{ ...extra, id: '1q' }], 'lower-case'],
    ['an upper-case id', [{ ...extra, id: 'Extra' }], 'lower-case'],
    ['an id with a space', [{ ...extra, id: 'my q' }], 'lower-case'],
    ['an empty id', [{ ...extra, id: '' }], 'lower-case'],
    ['an id over 40 characters', [{ ...extra, id: `a${'b'.repeat(40)}` }], 'lower-case'],
    ['an empty label', [{ ...extra, label: '' }], 'no label'],
    ['a blank label', [{ ...extra, label: '  \n ' }], 'no label'],
    ['an unknown kind', [{ ...extra, kind: 'number' as Question['kind'] }], 'must be'],
  ])('refuses %s', (_name, extras, says) => {
    const e = refusalOf(() => extendTemplate(base, extras));
    expect(e.field).toBe('questions');
    expect(e.message).toContain(says);
  });

  it('accepts an id of exactly 40 characters', () => {
    const id = `a${'b'.repeat(39)}`;
    expect(extendTemplate(base, [{ ...extra, id }]).questions.at(-1)?.id).toBe(id);
  });
});

describe('answersSchema', () => {
  const t = extendTemplate(get('individual-questions'), [{ id: 'extra', label: 'Extra', kind: 'text' }]);
  const schema = answersSchema(t);

  it('accepts no answers, some answers, and every question answered', () => {
    expect(schema.safeParse({}).success).toBe(true);
    expect(schema.safeParse({ q1: 'Well, thanks', q12: 'no' }).success).toBe(true);
    expect(schema.safeParse(Object.fromEntries(t.questions.map((q) => [q.id, q.kind === 'yes-no' ? 'yes' : 'text']))).success).toBe(true);
    expect(schema.parse({ extra: 'school question' })).toEqual({ extra: 'school question' });
  });

  it('rejects unknown question ids, naming them', () => {
    const r = schema.safeParse({ q1: 'fine', q11: 'x', 'not-a-question': 'y' });
    expect(r.success).toBe(false);
    const message = r.error?.issues.map((i) => i.message).join(' ') ?? '';
    expect(message).toContain('q11');
    expect(message).toContain('not-a-question');
    // The extra question belongs to the extended template only.
    expect(answersSchema(get('individual-questions')).safeParse({ extra: 'x' }).success).toBe(false);
  });

  it(`accepts ${ANSWER_MAX_LENGTH} characters and rejects one more`, () => {
    expect(schema.safeParse({ q1: 'x'.repeat(ANSWER_MAX_LENGTH) }).success).toBe(true);
    const r = schema.safeParse({ q1: 'x'.repeat(ANSWER_MAX_LENGTH + 1) });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['q1']);
    expect(r.error?.issues[0]?.message).toContain(`${ANSWER_MAX_LENGTH}`);
  });

  it('accepts only yes or no for a yes-no question', () => {
    expect(schema.safeParse({ q12: 'yes' }).success).toBe(true);
    expect(schema.safeParse({ q12: 'no' }).success).toBe(true);
    for (const bad of ['Yes', 'y', 'maybe', '', true, 1]) expect(schema.safeParse({ q12: bad }).success).toBe(false);
  });

  it('rejects half a surrogate pair (canonical JSON cannot fingerprint it) but accepts emoji and accents', () => {
    expect(schema.safeParse({ q1: 'broken \uD800 text' }).success).toBe(false);
    expect(schema.safeParse({ q1: 'tail \uDC00' }).success).toBe(false);
    expect(schema.safeParse({ q1: 'Zo\u00eb was pleased \u{1F600}' }).success).toBe(true);
  });

  it('yes and no are ordinary answers to a text question; non-strings are not', () => {
    expect(schema.safeParse({ q1: 'yes' }).success).toBe(true);
    expect(schema.safeParse({ q1: 42 }).success).toBe(false);
    expect(schema.safeParse(null).success).toBe(false);
  });

  it('for any template, accepts any answers within limits to its own questions', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RECORD_TEMPLATES), fc.string({ maxLength: 50 }), fc.boolean(), (tpl, text, yes) => {
        const answers = Object.fromEntries(tpl.questions.map((q) => [q.id, q.kind === 'yes-no' ? (yes ? 'yes' : 'no') : text]));
        expect(answersSchema(tpl).safeParse(answers).success).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('readinessIssues', () => {
  const individual = get('individual-questions');

  it('asks for every required question, blank answers included', () => {
    const issues = readinessIssues(individual, { ...EMPTY_CONTENT, answers: { q1: '   ' } }, [SUP, A], SUP);
    expect(issues.map((i) => i.field)).toEqual(['answers.q1', 'answers.q12']);
    expect(issues[0]?.message).toContain('How have you been');
    expect(readinessIssues(individual, { ...EMPTY_CONTENT, answers: answered(individual) }, [SUP, A], SUP)).toEqual([]);
  });

  it("reads only the record's own answers (a school question called 'constructor' is not answered by Object.prototype)", () => {
    const t = extendTemplate(individual, [{ id: 'constructor', label: 'Built?', kind: 'text', required: true }]);
    const issues = readinessIssues(t, { ...EMPTY_CONTENT, answers: answered(individual) }, [SUP, A], SUP);
    expect(issues.map((i) => i.field)).toEqual(['answers.constructor']);
    expect(answersSchema(t).safeParse({ constructor: 'yes' }).success).toBe(true);
  });

  it('is ready for every template when its required questions are answered (and, for a group, attendance is right)', () => {
    for (const t of RECORD_TEMPLATES) {
      const content: RecordContent = t.kind === 'group' ? groupContent() : { ...EMPTY_CONTENT, answers: answered(t) };
      expect(readinessIssues(t, content, PARTIES, SUP)).toEqual([]);
    }
  });

  it('does not ask a non-group record for attendance or who takes forward', () => {
    expect(readinessIssues(individual, { ...EMPTY_CONTENT, answers: answered(individual) }, [SUP, A], SUP).map((i) => i.field)).toEqual([]);
  });

  it("refuses an action owned by someone outside the supervision, naming the action's index", () => {
    const content: RecordContent = { answers: answered(individual), actions: [action(A, 1), action('stranger', 2), action(SUP, 3), action('', 4)] };
    expect(readinessIssues(individual, content, [SUP, A], SUP).map((i) => i.field)).toEqual(['actions[1].ownerId', 'actions[3].ownerId']);
  });

  describe('group records (seed 003: attendance, and someone present takes forward any immediate concern)', () => {
    const group = get('group');
    const fields = (c: RecordContent) => readinessIssues(group, c, PARTIES, SUP).map((i) => i.field);

    it('needs the attendance', () => {
      expect(fields(groupContent({ attendance: undefined }))).toEqual(['attendance', 'takesForwardId']);
      expect(fields(groupContent({ attendance: [] }))).toEqual(['attendance', 'takesForwardId']);
    });

    it('needs the supervisor present', () => {
      const issues = readinessIssues(
        group,
        groupContent({
          attendance: [
            { userId: SUP, present: false },
            { userId: A, present: true },
          ],
        }),
        PARTIES,
        SUP,
      );
      expect(issues).toEqual([{ field: 'attendance', message: expect.stringContaining('supervisor') }]);
    });

    it('needs at least one supervisee present', () => {
      const c = groupContent({
        attendance: [
          { userId: SUP, present: true },
          { userId: A, present: false },
          { userId: B, present: false },
        ],
        takesForwardId: SUP,
      });
      expect(readinessIssues(group, c, PARTIES, SUP)).toEqual([{ field: 'attendance', message: expect.stringContaining('supervisee') }]);
    });

    it('does not count someone outside the group as present', () => {
      const c = groupContent({
        attendance: [
          { userId: SUP, present: true },
          { userId: 'stranger', present: true },
        ],
        takesForwardId: SUP,
      });
      expect(fields(c)).toEqual(['attendance[1].userId', 'attendance']);
    });

    it('needs someone named to take forward any immediate concern, and they must be present', () => {
      expect(fields(groupContent({ takesForwardId: undefined }))).toEqual(['takesForwardId']);
      expect(fields(groupContent({ takesForwardId: B }))).toEqual(['takesForwardId']); // B was absent
      expect(fields(groupContent({ takesForwardId: 'stranger' }))).toEqual(['takesForwardId']);
      expect(fields(groupContent({ takesForwardId: SUP }))).toEqual([]);
    });

    it('reports every problem at once', () => {
      const c: RecordContent = { answers: {}, actions: [action('stranger')] };
      expect(fields(c)).toEqual(['answers.confidentiality', 'answers.q1', 'attendance', 'takesForwardId', 'actions[0].ownerId']);
    });
  });
});
