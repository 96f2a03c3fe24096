import { describe, expect, it } from 'vitest';
import { fingerprintOf } from './fingerprint.js';
import type { RecordContent, RecordVersion, Signatory } from './record.js';
import { integrityOf, requestChange, sendForSignature, startRecord, type SignOffResult } from './sign-off.js';
import { readinessIssues, templateById, type RecordTemplate } from './templates.js';

const T0 = '2026-06-16T08:00:00Z';
const T1 = '2026-06-16T09:00:00Z';
const SUP: Signatory = { id: 'sup', displayName: 'Sam Supervisor' };
const A: Signatory = { id: 'see-a', displayName: 'Alex A' };

const CONTENT: RecordContent = { answers: { q1: 'Fine, thanks', q12: 'yes' }, actions: [] };

function ok(r: SignOffResult): RecordVersion {
  if (!r.ok) throw new Error(`refused: ${r.code} ${r.message}`);
  return r.record;
}

const sent = () =>
  ok(
    sendForSignature(
      startRecord({ recordId: 'sess-1.individual', kind: 'individual', templateId: 'individual-questions', arrangementId: 'arr-1', sessionId: 'sess-1' }, CONTENT, SUP.id, T0),
      [SUP, A],
      T1,
    ),
  );

describe('requestChange on content altered in the store', () => {
  it('is refused, so the sent fingerprint (the evidence of the alteration) is kept', () => {
    const altered: RecordVersion = structuredClone(sent());
    altered.content.answers.q1 = 'Edited outside the app';
    expect(integrityOf(altered).status).toBe('altered');
    const result = requestChange(altered, A, 'Please check', { version: altered.version }, T1);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.code).toBe('fingerprint_mismatch');
  });

  it('is still allowed on an intact version', () => {
    const r = sent();
    expect(r.sentSha256).toBe(fingerprintOf(r));
    expect(ok(requestChange(r, A, 'Please check', { version: r.version }, T1)).state).toBe('draft');
  });
});

describe('group attendance', () => {
  const group = templateById('group') as RecordTemplate;
  const answers = Object.fromEntries(group.questions.filter((q) => q.required).map((q) => [q.id, q.kind === 'yes-no' ? 'yes' : 'Discussed.']));
  const parties = [SUP.id, A.id, 'see-b'];

  const withAttendance = (attendance: RecordContent['attendance']): RecordContent => ({ answers, actions: [], attendance, takesForwardId: A.id });
  const everyoneOnce = [
    { userId: SUP.id, present: true },
    { userId: A.id, present: true },
    { userId: 'see-b', present: false },
  ];

  it('marking someone twice (absent and present) is not ready to send', () => {
    const content = withAttendance([...everyoneOnce, { userId: 'see-b', present: true }]);
    expect(readinessIssues(group, content, parties, SUP.id).map((i) => i.field)).toContain('attendance[3].userId');
  });

  it('each person marked once is ready', () => {
    expect(readinessIssues(group, withAttendance(everyoneOnce), parties, SUP.id)).toEqual([]);
  });
});
