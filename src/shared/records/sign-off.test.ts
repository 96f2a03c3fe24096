import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprintOf } from './fingerprint.js';
import type { RecordContent, RecordVersion, Signatory } from './record.js';
import { recordVersionSchema } from './record.js';
import { awaitedSignatories, editRecord, integrityOf, requestChange, sendForSignature, signRecord, startRecord, type SignOffResult } from './sign-off.js';

const T0 = '2026-06-16T08:00:00Z';
const T1 = '2026-06-16T09:00:00Z';
const T2 = '2026-06-16T10:00:00Z';
const T3 = '2026-06-16T11:00:00Z';

const SUP: Signatory = { id: 'sup', displayName: 'Sam Supervisor' };
const A: Signatory = { id: 'see-a', displayName: 'Alex A' };
const B: Signatory = { id: 'see-b', displayName: 'Bea B' };
const OUTSIDER: Signatory = { id: 'outsider', displayName: 'Olly Outsider' };

const CONTENT: RecordContent = { answers: { q1: 'Fine, thanks', q12: 'yes' }, actions: [] };
const CHANGED: RecordContent = { answers: { q1: 'Fine, thanks. AB discussed.', q12: 'yes' }, actions: [] };

const draft = (): RecordVersion => startRecord({ recordId: 'sess-1.group', kind: 'group', templateId: 'group', arrangementId: 'arr-1', sessionId: 'sess-1' }, CONTENT, SUP.id, T0);

function ok(r: SignOffResult): RecordVersion {
  if (!r.ok) throw new Error(`refused: ${r.code} ${r.message}`);
  return r.record;
}

function refused(r: SignOffResult): { code: string; message: string } {
  if (r.ok) throw new Error(`expected a refusal, got state ${r.record.state}`);
  return r;
}

const seen = (r: RecordVersion) => ({ version: r.version, sha256: fingerprintOf(r) });

const sent = (signatories: Signatory[] = [SUP, A, B]) => ok(sendForSignature(draft(), signatories, T1));

describe('startRecord', () => {
  it('starts version 1 in draft, with nobody to sign yet, valid against the stored schema', () => {
    const r = draft();
    expect(r).toMatchObject({ version: 1, state: 'draft', signatories: [], signatures: [], changeRequests: [], createdById: SUP.id, createdAt: T0, updatedAt: T0 });
    expect(r.sentSha256).toBeUndefined();
    expect(recordVersionSchema.safeParse(r).success).toBe(true);
  });
});

describe('sendForSignature', () => {
  it('fixes the fingerprint and who must sign', () => {
    const r = sent();
    expect(r.state).toBe('awaiting-signatures');
    expect(r.sentSha256).toBe(fingerprintOf(r));
    expect(r.sentAt).toBe(T1);
    expect(r.signatories.map((s) => s.id)).toEqual([SUP.id, A.id, B.id]);
    expect(awaitedSignatories(r)).toEqual([SUP, A, B]);
    expect(recordVersionSchema.safeParse(r).success).toBe(true);
  });

  it('refuses with nobody to sign', () => {
    expect(refused(sendForSignature(draft(), [], T1)).code).toBe('no_signatories');
  });

  it('refuses a locked version', () => {
    const locked = ok(signRecord(sent([SUP]), SUP, seen(sent([SUP])), T2));
    expect(locked.state).toBe('locked');
    expect(refused(sendForSignature(locked, [SUP], T3)).code).toBe('locked');
  });

  it('does not keep a reference to the caller’s signatory list', () => {
    const list = [SUP, A];
    const r = ok(sendForSignature(draft(), list, T1));
    list.push(B);
    expect(r.signatories).toHaveLength(2);
  });
});

describe('signRecord', () => {
  it('draft → sent → each signs → locked on the last signature', () => {
    const r0 = sent();
    const r1 = ok(signRecord(r0, A, seen(r0), T1));
    expect(r1.state).toBe('awaiting-signatures');
    expect(r1.lockedAt).toBeUndefined();
    expect(awaitedSignatories(r1)).toEqual([SUP, B]);
    const r2 = ok(signRecord(r1, SUP, seen(r1), T2));
    expect(r2.state).toBe('awaiting-signatures');
    const r3 = ok(signRecord(r2, B, seen(r2), T3));
    expect(r3.state).toBe('locked');
    expect(r3.lockedAt).toBe(T3);
    expect(awaitedSignatories(r3)).toEqual([]);
    expect(r3.signatures.map((s) => [s.userId, s.displayName, s.at])).toEqual([
      [A.id, A.displayName, T1],
      [SUP.id, SUP.displayName, T2],
      [B.id, B.displayName, T3],
    ]);
    expect(r3.signatures.every((s) => s.sha256 === r0.sentSha256)).toBe(true);
    expect(integrityOf(r3)).toEqual({ status: 'intact', actual: r0.sentSha256 });
    expect(recordVersionSchema.safeParse(r3).success).toBe(true);
    // Each step returned a new object.
    expect(r0.signatures).toEqual([]);
    expect(r1.signatures).toHaveLength(1);
  });

  it('refuses a fingerprint other than the one the version has', () => {
    const r = sent();
    const e = refused(signRecord(r, A, { version: 1, sha256: 'f'.repeat(64) }, T2));
    expect(e.code).toBe('fingerprint_mismatch');
    expect(refused(signRecord(r, A, { version: 1, sha256: fingerprintOf({ ...r, content: CHANGED }) }, T2)).code).toBe('fingerprint_mismatch');
  });

  it('refuses when the content changed after it was sent, even with the current fingerprint', () => {
    const r = sent();
    const tampered: RecordVersion = { ...r, content: CHANGED };
    expect(refused(signRecord(tampered, A, seen(tampered), T2)).code).toBe('fingerprint_mismatch');
  });

  it('refuses a stale version', () => {
    const r = sent();
    const e = refused(signRecord(r, A, { version: 2, sha256: fingerprintOf(r) }, T2));
    expect(e.code).toBe('stale_version');
    expect(e.message).toContain('version 2');
  });

  it('refuses someone who is not a signatory', () => {
    const r = sent([SUP, A]);
    expect(refused(signRecord(r, B, seen(r), T2)).code).toBe('not_signatory');
    expect(refused(signRecord(r, OUTSIDER, seen(r), T2)).code).toBe('not_signatory');
  });

  it('refuses a second signature from the same person', () => {
    const r = sent();
    const once = ok(signRecord(r, A, seen(r), T2));
    expect(refused(signRecord(once, A, seen(once), T3)).code).toBe('already_signed');
  });

  it('refuses signing a draft', () => {
    const r = { ...draft(), signatories: [SUP] };
    expect(refused(signRecord(r, SUP, seen(r), T2)).code).toBe('not_awaiting_signatures');
  });

  it('a locked version cannot be signed again', () => {
    const r = sent([SUP]);
    const locked = ok(signRecord(r, SUP, seen(r), T2));
    expect(signRecord(locked, SUP, seen(locked), T3).ok).toBe(false);
  });

  it('locks exactly when the last signatory signs, in any order', () => {
    const people = [SUP, A, B, { id: 'see-c', displayName: 'Cal C' }, { id: 'see-d', displayName: 'Dee D' }];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: people.length }).chain((n) => fc.shuffledSubarray(people, { minLength: n, maxLength: n })),
        fc.nat(),
        (signatories, seed) => {
          let r = ok(sendForSignature(draft(), signatories, T1));
          // Sign in an order other than the list's: rotate it by `seed`.
          const order = signatories.map((_, i) => signatories[(i + seed) % signatories.length] as Signatory);
          order.forEach((s, i) => {
            r = ok(signRecord(r, s, seen(r), T2));
            const last = i === order.length - 1;
            expect(r.state).toBe(last ? 'locked' : 'awaiting-signatures');
            expect(r.lockedAt).toBe(last ? T2 : undefined);
            expect(awaitedSignatories(r)).toHaveLength(order.length - i - 1);
          });
          expect(integrityOf(r).status).toBe('intact');
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('editRecord', () => {
  it('saves a draft as it is', () => {
    const { record, newVersion } = editRecord(draft(), CHANGED, SUP.id, T1);
    expect(newVersion).toBe(false);
    expect(record).toMatchObject({ version: 1, state: 'draft', content: CHANGED, updatedAt: T1, createdAt: T0 });
  });

  it('while awaiting signatures: back to draft, signatures and the sent fingerprint cleared', () => {
    const r = sent();
    const signed = ok(signRecord(r, A, seen(r), T2));
    const { record, newVersion } = editRecord(signed, CHANGED, SUP.id, T3);
    expect(newVersion).toBe(false);
    expect(record).toMatchObject({ version: 1, state: 'draft', content: CHANGED, signatures: [], updatedAt: T3 });
    expect(record.sentSha256).toBeUndefined();
    expect(record.sentAt).toBeUndefined();
    // The old signature cannot be replayed: a fresh send is needed, and everyone signs again.
    expect(refused(signRecord(record, A, seen(record), T3)).code).toBe('not_awaiting_signatures');
    const again = ok(sendForSignature(record, [SUP, A, B], T3));
    expect(awaitedSignatories(again)).toHaveLength(3);
    expect(again.sentSha256).not.toBe(r.sentSha256);
  });

  it('when locked: starts the next version in draft and leaves the locked one untouched', () => {
    const r = sent([SUP, A]);
    const locked = ok(signRecord(ok(signRecord(r, SUP, seen(r), T1)), A, seen(r), T2));
    const snapshot = structuredClone(locked);
    const { record, newVersion } = editRecord(locked, CHANGED, SUP.id, T3);
    expect(newVersion).toBe(true);
    expect(record).toMatchObject({
      recordId: locked.recordId,
      version: 2,
      state: 'draft',
      content: CHANGED,
      signatories: [],
      signatures: [],
      changeRequests: [],
      createdAt: T3,
      updatedAt: T3,
    });
    expect(record.sentSha256).toBeUndefined();
    expect(record.sentAt).toBeUndefined();
    expect(record.lockedAt).toBeUndefined();
    // Its revision carries on from the locked one's: a window still holding version 1 cannot save over it.
    expect(record.revision).toBe(locked.revision + 1);
    // The locked version stays in force until this one is locked: the new version says since when.
    expect(record.previousLockedAt).toBe(locked.lockedAt);
    expect(locked.lockedAt).toBeDefined();
    expect(locked).toEqual(snapshot);
    expect(integrityOf(locked).status).toBe('intact');
    expect(recordVersionSchema.safeParse(record).success).toBe(true);
  });

  it('revisions only ever go up, across versions, whatever the supervisor and signatories do', () => {
    type Step = 'edit' | 'send' | 'sign-all' | 'request-change';
    fc.assert(
      fc.property(fc.array(fc.constantFrom<Step>('edit', 'send', 'sign-all', 'request-change'), { minLength: 1, maxLength: 40 }), (steps) => {
        let r = draft();
        const seenRevisions = [r.revision];
        const keep = (next: RecordVersion) => {
          r = next;
          seenRevisions.push(r.revision);
        };
        for (const step of steps) {
          if (step === 'edit') keep(editRecord(r, { ...CHANGED, answers: { ...CHANGED.answers, q2: String(seenRevisions.length) } }, SUP.id, T1).record);
          else if (step === 'send' && r.state === 'draft') keep(ok(sendForSignature(r, [SUP, A], T1)));
          else if (step === 'sign-all' && r.state === 'awaiting-signatures') for (const s of awaitedSignatories(r)) keep(ok(signRecord(r, s, seen(r), T2)));
          else if (step === 'request-change' && r.state === 'awaiting-signatures') keep(ok(requestChange(r, A, 'Please add the date.', { version: r.version }, T2)));
        }
        // Strictly increasing, so a revision loaded from any earlier version (or revision) never matches a later one.
        seenRevisions.slice(1).forEach((rev, i) => expect(rev).toBeGreaterThan(seenRevisions[i] as number));
      }),
      { numRuns: 200 },
    );
  });

  it('a signature shown version 1 does not count on version 2', () => {
    const r = sent([SUP]);
    const locked = ok(signRecord(r, SUP, seen(r), T1));
    const v2 = ok(sendForSignature(editRecord(locked, CHANGED, SUP.id, T2).record, [SUP], T2));
    expect(refused(signRecord(v2, SUP, seen(locked), T3)).code).toBe('stale_version');
  });
});

describe('requestChange', () => {
  it('records the comment and returns the version to draft', () => {
    const r = sent();
    const signed = ok(signRecord(r, SUP, seen(r), T1));
    const back = ok(requestChange(signed, A, 'Please add that we agreed the referral.', { version: 1 }, T2));
    expect(back.state).toBe('draft');
    expect(back.signatures).toEqual([]);
    expect(back.sentSha256).toBeUndefined();
    expect(back.sentAt).toBeUndefined();
    expect(back.changeRequests).toEqual([{ userId: A.id, displayName: A.displayName, at: T2, comment: 'Please add that we agreed the referral.', version: 1 }]);
    expect(back.updatedAt).toBe(T2);
    expect(recordVersionSchema.safeParse(back).success).toBe(true);
  });

  it('keeps earlier change requests', () => {
    const first = ok(requestChange(sent(), A, 'one', { version: 1 }, T1));
    const second = ok(requestChange(ok(sendForSignature(first, [SUP, A, B], T2)), B, 'two', { version: 1 }, T3));
    expect(second.changeRequests.map((c) => c.comment)).toEqual(['one', 'two']);
  });

  it('refuses someone not asked to sign, a stale version, a draft and a locked version', () => {
    const r = sent([SUP, A]);
    expect(refused(requestChange(r, OUTSIDER, 'x', { version: 1 }, T2)).code).toBe('not_signatory');
    expect(refused(requestChange(r, A, 'x', { version: 2 }, T2)).code).toBe('stale_version');
    expect(refused(requestChange({ ...draft(), signatories: [A] }, A, 'x', { version: 1 }, T2)).code).toBe('not_awaiting_signatures');
    const locked = ok(signRecord(ok(signRecord(r, SUP, seen(r), T1)), A, seen(r), T2));
    const e = refused(requestChange(locked, A, 'x', { version: 1 }, T3));
    expect(e.code).toBe('not_awaiting_signatures');
    expect(e.message).toContain('locked');
  });

  it('refuses a request made from a fingerprint that is no longer the one sent (changed and sent again since), and accepts the current one', () => {
    const r = sent([SUP, A]);
    const earlier = seen(r).sha256;
    const resent = ok(
      sendForSignature({ ...ok(requestChange(r, A, 'one', { version: 1 }, T1)), content: { ...r.content, answers: { ...r.content.answers, q1: 'Changed.' } } }, [SUP, A], T2),
    );
    expect(refused(requestChange(resent, A, 'about the old words', { version: 1, sha256: earlier }, T3)).code).toBe('changed_since_shown');
    expect(ok(requestChange(resent, A, 'about these words', { version: 1, sha256: seen(resent).sha256 }, T3)).state).toBe('draft');
  });
});

describe('integrityOf', () => {
  const lockedRecord = () => {
    const r = sent([SUP, A]);
    return ok(signRecord(ok(signRecord(r, SUP, seen(r), T1)), A, seen(r), T2));
  };

  it('a draft never sent is intact', () => {
    expect(integrityOf(draft())).toEqual({ status: 'intact', actual: fingerprintOf(draft()) });
  });

  it('detects content altered in the store after signing', () => {
    const locked = lockedRecord();
    const altered: RecordVersion = structuredClone(locked);
    altered.content.answers.q1 = 'Something else';
    const result = integrityOf(altered);
    expect(result.status).toBe('altered');
    expect(result.expected).toBe(locked.sentSha256);
    expect(result.actual).toBe(fingerprintOf(altered));
  });

  it.each<[string, (r: RecordVersion) => void]>([
    ['an answer removed', (r) => delete r.content.answers.q12],
    ['an action added', (r) => r.content.actions.push({ id: 'x', text: 'x', ownerId: SUP.id, dueDate: '2026-07-01', done: false })],
    ['the version number', (r) => (r.version = 7)],
    ['the template', (r) => (r.templateId = 'individual-two-part')],
  ])('detects %s', (_what, mutate) => {
    const r = structuredClone(lockedRecord());
    mutate(r);
    expect(integrityOf(r).status).toBe('altered');
  });

  it('detects a stored fingerprint swapped to match altered content, because the signatures disagree', () => {
    const r = structuredClone(lockedRecord());
    r.content.answers.q1 = 'Rewritten';
    r.sentSha256 = fingerprintOf(r);
    expect(integrityOf(r).status).toBe('altered');
  });

  it('ignores state and timestamps (they are not signed)', () => {
    const r = { ...lockedRecord(), updatedAt: T3 };
    expect(integrityOf(r).status).toBe('intact');
  });
});
