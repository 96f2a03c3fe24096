import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/invalid-input.js';
import { shortFingerprint } from '../records/fingerprint.js';
import { CHANGE_COMMENT_MAX_LENGTH } from '../records/record.js';
import { parseCardAction } from './card-actions.js';
import { buildSignatureCard, SIGN_PROMPT, type SignatureCardInput } from './signature-card.js';
import { cardProblems } from '../../../tests/support/card-problems.js';
import { allNodes, cardRuleProblems, executes, type Json, ofType, textOf, toJson } from './test-helpers.js';

/** The card as Teams receives it, after checking it against the renderer and the bot's card rules. */
function expectWellFormed(card: unknown): Json {
  const json = toJson(card);
  expect([...cardProblems(json), ...cardRuleProblems(json)]).toEqual([]);
  return json;
}

const ANNA = 'u-anna'; // supervisor
const BEN = 'u-ben'; // supervisee
const SHA = '0123456789abcdef'.repeat(4);
const LINK = 'https://teams.example/l/entity/app/records?record=rec-s1.individual';

const base: SignatureCardInput = {
  recordId: 'rec-s1.individual',
  version: 2,
  kindTitle: 'Supervision record',
  sessionStart: '2026-06-16T08:00:00Z',
  supervisorName: 'Anna Fielding',
  sha256: SHA,
  state: 'awaiting-signatures',
  signatories: [
    { id: ANNA, displayName: 'Anna Fielding' },
    { id: BEN, displayName: 'Ben Okafor' },
  ],
  signatures: [{ userId: ANNA, displayName: 'Anna Fielding', at: '2026-06-16T09:05:00Z' }],
  link: LINK,
  viewerId: BEN,
};

/** The card's own words, the names and the kind title used here, and the words of London dates. */
const VOCABULARY = new Set(
  (
    'please sign signed and locked withdrawn changes requested supervision record contract your signature is needed read it in the app first only if ' +
    'fingerprint shown there matches one below you at are not asked to this with every version can no longer change would start session supervisor ' +
    'full sha- signatures nobody has yet still request was for or edited now will get new card when sent again on open teams see who nothing by everyone ' +
    'anna fielding ben okafor mon tue wed thu fri sat sun jan feb mar apr may jun jul aug sep oct nov dec'
  ).split(' '),
);

const actionsOf = (card: Json): Json[] => (card.actions as Json[] | undefined) ?? [];

describe('signature card', () => {
  describe('for a signatory who has not signed', () => {
    const card = expectWellFormed(buildSignatureCard(base));
    const text = textOf(card);

    it('asks them to read it, then sign: session in London time, version, fingerprint, who signed and who is awaited', () => {
      const headings = ofType(card, 'TextBlock').filter((t) => t.style === 'heading');
      expect(headings[0]?.text).toBe('Please sign: Supervision record');
      expect(text).toContain('Your signature is needed.');
      expect(text).toContain(SIGN_PROMPT);
      expect(text).toContain('Session: Tue 16 Jun 2026, 09:00');
      expect(text).toContain('Version: 2');
      expect(text).toContain(`Fingerprint: ${shortFingerprint(SHA)}`);
      expect(text).toContain('Supervisor: Anna Fielding');
      expect(text).toContain('\u2713 Anna Fielding signed at Tue 16 Jun 2026, 10:05');
      expect(text).toContain('Still to sign: Ben Okafor');
      const full = ofType(card, 'TextBlock').find((t) => t.text === SHA);
      expect(full).toMatchObject({ fontType: 'Monospace', size: 'Small', wrap: true });
    });

    it('opens the record to read first, then offers Sign and Request a change', () => {
      const actions = actionsOf(card);
      expect(actions.map((a) => [a.type, a.title])).toEqual([
        ['Action.OpenUrl', 'Read it in the app'],
        ['Action.Execute', 'Sign'],
        ['Action.ShowCard', 'Request a change'],
      ]);
      expect(actions[0]?.url).toBe(LINK);
      const sign = actions[1] as Json;
      expect(sign).toMatchObject({ verb: 'record.sign', data: { action: 'record.sign', recordId: base.recordId, version: 2, sha256: SHA } });
      expect(parseCardAction(sign.verb, sign.data)).toEqual({ ok: true, action: { action: 'record.sign', recordId: base.recordId, version: 2, sha256: SHA } });
    });

    it('"Request a change" asks for a required comment and sends it with the record, version and fingerprint', () => {
      const show = actionsOf(card)[2] as Json;
      const box = ofType(show, 'Input.Text')[0] as Json;
      expect(box).toMatchObject({ id: 'comment', isMultiline: true, isRequired: true, maxLength: CHANGE_COMMENT_MAX_LENGTH });
      expect(String(box.label)).not.toBe('');
      expect(String(box.errorMessage)).not.toBe('');
      expect(String(box.placeholder)).toMatch(/initials or a case reference/);
      const send = executes(show)[0] as Json;
      expect(send.data).toEqual({ action: 'record.requestChange', recordId: base.recordId, version: 2, sha256: SHA });
      expect(parseCardAction(send.verb, { ...(send.data as Json), comment: 'Action 2 needs a date' })).toEqual({
        ok: true,
        action: { action: 'record.requestChange', recordId: base.recordId, version: 2, sha256: SHA, comment: 'Action 2 needs a date' },
      });
      expect(executes(card).map((a) => a.verb)).toEqual(['record.sign', 'record.requestChange']);
    });
  });

  it('a signatory who has signed sees when, and no buttons', () => {
    const card = expectWellFormed(buildSignatureCard({ ...base, viewerId: ANNA }));
    expect(textOf(card)).toContain('You signed at Tue 16 Jun 2026, 10:05.');
    expect(textOf(card)).not.toContain('Your signature is needed');
    expect(executes(card)).toEqual([]);
    expect(ofType(card, 'Action.ShowCard')).toEqual([]);
    expect(actionsOf(card).map((a) => a.type)).toEqual(['Action.OpenUrl']);
  });

  it('someone who is not a signatory gets no buttons', () => {
    const card = expectWellFormed(buildSignatureCard({ ...base, viewerId: 'u-admin' }));
    expect(textOf(card)).toContain('You are not asked to sign this record.');
    expect(textOf(card)).not.toContain('Your signature is needed');
    expect(executes(card)).toEqual([]);
    expect(ofType(card, 'Action.ShowCard')).toEqual([]);
    expect(ofType(card, 'Input.Text')).toEqual([]);
  });

  it('a locked record has no buttons, says it is locked, and lists every signature', () => {
    const signatures = [...base.signatures, { userId: BEN, displayName: 'Ben Okafor', at: '2026-06-17T13:30:00Z' }];
    for (const viewerId of [ANNA, BEN, 'u-admin']) {
      const card = expectWellFormed(buildSignatureCard({ ...base, state: 'locked', signatures, viewerId }));
      const text = textOf(card);
      expect(ofType(card, 'TextBlock')[0]?.text).toBe('Signed and locked: Supervision record');
      expect(text).toContain('Locked with every signature');
      expect(text).toContain('\u2713 Anna Fielding signed at Tue 16 Jun 2026, 10:05');
      expect(text).toContain('\u2713 Ben Okafor signed at Wed 17 Jun 2026, 14:30');
      expect(text).not.toContain('Still to sign');
      expect(executes(card)).toEqual([]);
      expect(ofType(card, 'Action.ShowCard')).toEqual([]);
    }
  });

  it('a withdrawn request (changes requested or edited) says so and has no buttons', () => {
    const card = expectWellFormed(buildSignatureCard({ ...base, state: 'draft', signatures: [] }));
    expect(ofType(card, 'TextBlock')[0]?.text).toBe('Withdrawn: changes requested');
    expect(textOf(card)).toContain('is withdrawn');
    expect(textOf(card)).not.toContain('Your signature is needed');
    expect(executes(card)).toEqual([]);
    expect(ofType(card, 'Action.ShowCard')).toEqual([]);
    expect(String(card.fallbackText)).toContain('Withdrawn');
  });

  it('says when a newer version exists, and then offers no Sign on the old one', () => {
    const card = expectWellFormed(buildSignatureCard({ ...base, latestVersion: 3 }));
    expect(textOf(card)).toContain('There is a newer version (version 3)');
    expect(executes(card)).toEqual([]);
    const same = expectWellFormed(buildSignatureCard({ ...base, latestVersion: 2 }));
    expect(textOf(same)).not.toContain('newer version');
    expect(executes(same)).toHaveLength(2);
  });

  it('leaves the session out for a contract without one', () => {
    const card = expectWellFormed(buildSignatureCard({ ...base, kindTitle: 'Supervision contract', sessionStart: undefined }));
    expect(textOf(card)).not.toContain('Session:');
    expect(textOf(card)).toContain('Please sign: Supervision contract');
    expect(executes(card)).toHaveLength(2);
  });

  it('shows names as typed: a text run, never Markdown', () => {
    const odd = '**Anna** [x](https://example.org)';
    const card = expectWellFormed(buildSignatureCard({ ...base, supervisorName: odd, signatures: [{ userId: ANNA, displayName: odd, at: '2026-06-16T09:05:00Z' }] }));
    expect(ofType(card, 'TextBlock').some((t) => String(t.text).includes('**Anna**'))).toBe(false);
    expect(ofType(card, 'Input.Text').some((t) => String(t.label).includes('**Anna**'))).toBe(false);
    const runs = ofType(card, 'TextRun').map((t) => String(t.text));
    expect(runs).toContain(`Supervisor: ${odd}`);
    expect(runs.some((r) => r.startsWith(`\u2713 ${odd} signed at`))).toBe(true);
  });

  it('carries no case detail: the record id only in button data, the link only as the URL', () => {
    const recordId = 'rec-ZZSECRETZZ';
    const link = 'https://teams.example/ZZLINKZZ';
    for (const viewerId of [ANNA, BEN, 'u-admin']) {
      for (const state of ['awaiting-signatures', 'locked', 'draft'] as const) {
        const card = expectWellFormed(buildSignatureCard({ ...base, recordId, link, viewerId, state }));
        const strings: { key: string; value: string }[] = [];
        for (const node of allNodes(card)) for (const [key, value] of Object.entries(node)) if (typeof value === 'string') strings.push({ key, value });
        expect(strings.filter((s) => s.value.includes('ZZSECRETZZ'))).toEqual(strings.filter((s) => s.key === 'recordId').map(() => ({ key: 'recordId', value: recordId })));
        expect(strings.filter((s) => s.value.includes('ZZLINKZZ'))).toEqual([{ key: 'url', value: link }]);
        // Every word people read is the card's own wording, a name, a time or the fingerprint.
        const words = `${textOf(card)} ${String(card.fallbackText)}`.toLowerCase().match(/[a-z][a-z-]*/g) ?? [];
        expect(words.filter((w) => !VOCABULARY.has(w) && !/^[a-f]+$/.test(w))).toEqual([]);
      }
    }
  });

  it('refuses a link that is not a web address and a fingerprint that is not SHA-256 hex', () => {
    expect(() => buildSignatureCard({ ...base, link: 'javascript:alert(1)' })).toThrow(InvalidInputError);
    expect(() => buildSignatureCard({ ...base, sha256: SHA.toUpperCase() })).toThrow(InvalidInputError);
    expect(() => buildSignatureCard({ ...base, sha256: SHA.slice(1) })).toThrow(/fingerprint/);
  });
});
