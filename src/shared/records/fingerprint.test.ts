import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalContent, fingerprintOf, shortFingerprint, type FingerprintSubject } from './fingerprint.js';
import type { RecordContent } from './record.js';

const subject = (over: Partial<FingerprintSubject> = {}): FingerprintSubject => ({
  recordId: 'sess-1.individual',
  version: 1,
  kind: 'individual',
  templateId: 'individual-questions',
  content: { answers: { q1: 'Fine, thanks', q2: 'AB (Y9) \u2013 CIN' }, actions: [] },
  ...over,
});

/** The same object with its keys inserted in the order `order` gives (a permutation of their indexes). */
function reordered<T extends object>(o: T, order: readonly number[]): T {
  const entries = Object.entries(o);
  return Object.fromEntries(order.map((i) => entries[i]).filter((e): e is [string, unknown] => e !== undefined)) as T;
}

const shuffledIndexes = (n: number) =>
  fc.array(fc.nat(), { minLength: n, maxLength: n }).map((keys) => [...Array(n).keys()].sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || a - b));

// Question ids and answers as a template allows: short ids, any text (unicode, quotes, control characters).
const answersArb = fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,9}$/), fc.string({ unit: 'binary', maxLength: 40 }), { maxKeys: 12 });

describe('canonicalContent (RFC 8785)', () => {
  it('writes a fixed input exactly: keys sorted, no spaces, non-ASCII as itself', () => {
    const s = subject({ content: { actions: [], answers: { q2: 'AB (Y9) \u2013 CIN', q1: 'Fine, thanks' } } });
    expect(canonicalContent(s)).toBe(
      '{"content":{"actions":[],"answers":{"q1":"Fine, thanks","q2":"AB (Y9) \u2013 CIN"}},"kind":"individual","recordId":"sess-1.individual","templateId":"individual-questions","version":1}',
    );
  });

  it('sorts keys by UTF-16 code unit and escapes as JSON does', () => {
    const s = subject({ content: { actions: [], answers: { b: 'line\nbreak', a: 'bell\u0007', B: '"quoted" \\ ' } } });
    expect(canonicalContent(s)).toContain('"answers":{"B":"\\"quoted\\" \\\\ ","a":"bell\\u0007","b":"line\\nbreak"}');
  });

  it('covers identity, version and content only: nothing else on a stored version leaks in', () => {
    const withExtras = { ...subject(), state: 'locked', signatures: [{ userId: 'u' }], updatedAt: '2026-06-01T09:00:00Z' } as FingerprintSubject;
    expect(canonicalContent(withExtras)).toBe(canonicalContent(subject()));
  });

  it('leaves out optional content fields that are absent, and includes them when present', () => {
    const plain = canonicalContent(subject());
    expect(plain).not.toContain('attendance');
    expect(plain).not.toContain('takesForwardId');
    const group = canonicalContent(subject({ kind: 'group', content: { answers: {}, actions: [], attendance: [{ present: true, userId: 'u1' }], takesForwardId: 'u1' } }));
    expect(group).toContain('"attendance":[{"present":true,"userId":"u1"}]');
    expect(group).toContain('"takesForwardId":"u1"');
  });
});

describe('fingerprintOf', () => {
  it('throws on half a surrogate pair, which RFC 8785 cannot write (answersSchema refuses it first)', () => {
    expect(() => fingerprintOf(subject({ content: { answers: { q1: 'x\uD800' }, actions: [] } }))).toThrow(/surrogate/i);
  });

  it('is the SHA-256 of the canonical text, as lower-case hex (known vector)', () => {
    // Computed once with this code and checked with `sha256sum` over the canonical text above.
    expect(fingerprintOf(subject())).toBe('897a0284e8904dea730f098694a7d5398b86f97eab363484b41815bb90fa806e');
    expect(shortFingerprint(fingerprintOf(subject()))).toBe('897a 0284 e890 4dea');
  });

  it('is always 64 lower-case hex digits', () => {
    fc.assert(
      fc.property(answersArb, fc.integer({ min: 1, max: 10_000 }), (answers, version) => {
        expect(fingerprintOf(subject({ version, content: { answers, actions: [] } }))).toMatch(/^[0-9a-f]{64}$/);
      }),
      { numRuns: 100 },
    );
  });

  it('does not depend on the order keys were written in', () => {
    fc.assert(
      fc.property(
        answersArb.chain((answers) => fc.tuple(fc.constant(answers), shuffledIndexes(Object.keys(answers).length), shuffledIndexes(5), shuffledIndexes(2))),
        ([answers, answerOrder, topOrder, contentOrder]) => {
          const original = subject({ content: { answers, actions: [] } });
          const content = reordered<RecordContent>({ answers: reordered(answers, answerOrder), actions: [] }, contentOrder);
          const shuffled = reordered<FingerprintSubject>({ ...original, content }, topOrder);
          expect(canonicalContent(shuffled)).toBe(canonicalContent(original));
          expect(fingerprintOf(shuffled)).toBe(fingerprintOf(original));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('changes with any change to an answer', () => {
    fc.assert(
      fc.property(answersArb, fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (answers, key, extra) => {
        const before = { ...answers };
        const after = { ...answers, [`k${key}`]: (answers[`k${key}`] ?? '') + extra + '.' };
        fc.pre(JSON.stringify(before) !== JSON.stringify(after));
        expect(fingerprintOf(subject({ content: { answers: after, actions: [] } }))).not.toBe(fingerprintOf(subject({ content: { answers: before, actions: [] } })));
      }),
      { numRuns: 100 },
    );
  });

  it.each<[string, Partial<FingerprintSubject>]>([
    ['version', { version: 2 }],
    ['templateId', { templateId: 'individual-two-part' }],
    ['recordId', { recordId: 'sess-2.individual' }],
    ['kind', { kind: 'case-discussion' }],
    ['an answer', { content: { answers: { q1: 'Fine, thanks!', q2: 'AB (Y9) \u2013 CIN' }, actions: [] } }],
    ['a removed answer', { content: { answers: { q1: 'Fine, thanks' }, actions: [] } }],
    ['an empty answer added', { content: { answers: { q1: 'Fine, thanks', q2: 'AB (Y9) \u2013 CIN', q3: '' }, actions: [] } }],
    [
      'an action',
      { content: { answers: { q1: 'Fine, thanks', q2: 'AB (Y9) \u2013 CIN' }, actions: [{ id: 'a1', text: 'Chase minutes', ownerId: 'u1', dueDate: '2026-07-01', done: false }] } },
    ],
    ['attendance', { content: { answers: { q1: 'Fine, thanks', q2: 'AB (Y9) \u2013 CIN' }, actions: [], attendance: [] } }],
    ['who takes forward', { content: { answers: { q1: 'Fine, thanks', q2: 'AB (Y9) \u2013 CIN' }, actions: [], takesForwardId: 'u1' } }],
  ])('changes when %s changes', (_what, over) => {
    expect(fingerprintOf(subject(over))).not.toBe(fingerprintOf(subject()));
  });

  it('changes when an action is marked done, or actions are reordered (order is meaningful)', () => {
    const a1 = { id: 'a1', text: 'Chase minutes', ownerId: 'u1', dueDate: '2026-07-01', done: false };
    const a2 = { ...a1, id: 'a2', text: 'Book training' };
    const base = fingerprintOf(subject({ content: { answers: {}, actions: [a1, a2] } }));
    expect(fingerprintOf(subject({ content: { answers: {}, actions: [{ ...a1, done: true }, a2] } }))).not.toBe(base);
    expect(fingerprintOf(subject({ content: { answers: {}, actions: [a2, a1] } }))).not.toBe(base);
  });
});
