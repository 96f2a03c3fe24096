import { describe, expect, it } from 'vitest';
import { REASON_MAX_LENGTH as SERVER_REASON_MAX, REASON_MIN_LENGTH as SERVER_REASON_MIN } from '../../../bot/compliance/export-evidence-pack.js';
import { EVIDENCE_MAX_MONTHS as SERVER_MAX_MONTHS, validateEvidenceRange } from '../../../shared/compliance/evidence-pack.js';
import { evidencePackQuery } from '../../api/operations/compliance.js';
import {
  checkEvidenceDraft,
  defaultEvidenceDraft,
  EVIDENCE_MAX_MONTHS,
  fallbackFilename,
  filenameFromDisposition,
  formFieldOf,
  REASON_MAX_LENGTH,
  REASON_MIN_LENGTH,
  savedMessage,
  tidyReason,
  WHOLE_TRUST,
  type EvidencePackDraft,
} from './evidence-pack-form.js';

const SCHOOLS = ['oakfield-academy', 'riverside-primary'];
const dsl = { mayIncludeCaseDetail: true, schoolIds: SCHOOLS };
const oversight = { mayIncludeCaseDetail: false, schoolIds: SCHOOLS };
const draft = (over: Partial<EvidencePackDraft> = {}): EvidencePackDraft => ({ ...defaultEvidenceDraft('2026-06-15'), ...over });

describe('the evidence pack form', () => {
  it('keeps the same limits as the server', () => {
    expect(EVIDENCE_MAX_MONTHS).toBe(SERVER_MAX_MONTHS);
    expect(REASON_MIN_LENGTH).toBe(SERVER_REASON_MIN);
    expect(REASON_MAX_LENGTH).toBe(SERVER_REASON_MAX);
  });

  it('starts with the last 12 months up to today, the whole trust, PDF and no case detail', () => {
    expect(defaultEvidenceDraft('2026-06-15')).toEqual({ from: '2025-06-15', to: '2026-06-15', scope: WHOLE_TRUST, format: 'pdf', includeCaseDetail: false, reason: '' });
    // 29 February a year back is the last day of February.
    expect(defaultEvidenceDraft('2028-02-29').from).toBe('2027-02-28');
    expect(checkEvidenceDraft(defaultEvidenceDraft('2026-06-15'), oversight)).toEqual({ ok: true, request: { from: '2025-06-15', to: '2026-06-15', format: 'pdf' } });
  });

  it('refuses a date that does not exist or is missing, next to its field', () => {
    const result = checkEvidenceDraft(draft({ from: '2027-02-30', to: '' }), oversight);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.from).toMatch(/^2027-02-30 is not a date that exists/);
    expect(result.problems.to).toMatch(/^Enter the last day/);
    expect(Object.keys(result.problems).sort()).toEqual(['from', 'to']);
  });

  it('refuses a range that ends before it starts, and accepts a single day', () => {
    const before = checkEvidenceDraft(draft({ from: '2026-06-15', to: '2026-06-14' }), oversight);
    expect(before).toEqual({ ok: false, problems: { to: expect.stringMatching(/is before the first/) as unknown } });
    expect(checkEvidenceDraft(draft({ from: '2026-06-15', to: '2026-06-15' }), oversight).ok).toBe(true);
  });

  it('allows at most two years, as the server does', () => {
    for (const [from, to] of [
      ['2024-09-01', '2026-09-01'],
      ['2024-09-01', '2026-09-02'],
      ['2024-02-29', '2026-02-28'],
      ['2024-02-29', '2026-03-01'],
      ['2025-01-31', '2025-01-30'],
    ] as const) {
      const mine = checkEvidenceDraft(draft({ from, to }), oversight);
      expect(mine.ok, `${from}..${to}`).toBe(validateEvidenceRange(from, to).ok);
    }
    const over = checkEvidenceDraft(draft({ from: '2024-09-01', to: '2026-09-02' }), oversight);
    expect(over.ok ? '' : over.problems.to).toMatch(/at most two years.*Tue 1 Sept? 2026 at the latest/);
  });

  it('sends one school, or nothing for the whole trust, and refuses a school that is not listed', () => {
    const one = checkEvidenceDraft(draft({ scope: 'riverside-primary', format: 'csv' }), oversight);
    expect(one).toEqual({ ok: true, request: { from: '2025-06-15', to: '2026-06-15', format: 'csv', schoolId: 'riverside-primary' } });
    expect(checkEvidenceDraft(draft({ scope: 'elsewhere' }), oversight)).toEqual({ ok: false, problems: { scope: expect.any(String) as unknown } });
  });

  it('asks the DSL for a reason of 5 to 200 characters with case detail, counted after spaces are tidied', () => {
    const none = checkEvidenceDraft(draft({ includeCaseDetail: true, reason: '   ' }), dsl);
    expect(none.ok ? '' : none.problems.reason).toMatch(/^Say why case detail is needed \(5 to 200 characters\)/);
    const short = checkEvidenceDraft(draft({ includeCaseDetail: true, reason: ' a   b ' }), dsl);
    expect(short.ok ? '' : short.problems.reason).toMatch(/too short/);
    const long = checkEvidenceDraft(draft({ includeCaseDetail: true, reason: 'x'.repeat(203) }), dsl);
    expect(long.ok ? '' : long.problems.reason).toBe('The reason is 3 characters too long: use at most 200.');
    expect(checkEvidenceDraft(draft({ includeCaseDetail: true, reason: 'x'.repeat(200) }), dsl).ok).toBe(true);

    const ok = checkEvidenceDraft(draft({ includeCaseDetail: true, reason: '  Ofsted   inspection,\n case sample ' }), dsl);
    expect(ok).toEqual({ ok: true, request: { from: '2025-06-15', to: '2026-06-15', format: 'pdf', caseDetail: { reason: 'Ofsted inspection, case sample' } } });
    // Without the box ticked the reason is not sent.
    expect(checkEvidenceDraft(draft({ reason: 'Ofsted inspection' }), dsl)).toEqual({ ok: true, request: { from: '2025-06-15', to: '2026-06-15', format: 'pdf' } });
    expect(tidyReason(' a \t b\n')).toBe('a b');
  });

  it('never asks for case detail for someone who is not the DSL', () => {
    expect(checkEvidenceDraft(draft({ includeCaseDetail: true, reason: '' }), oversight)).toEqual({ ok: true, request: { from: '2025-06-15', to: '2026-06-15', format: 'pdf' } });
  });

  it('builds the query the server reads', () => {
    expect(evidencePackQuery({ from: '2025-06-15', to: '2026-06-15', format: 'csv' })).toBe('?from=2025-06-15&to=2026-06-15&format=csv');
    expect(evidencePackQuery({ from: '2025-06-15', to: '2026-06-15', format: 'pdf', schoolId: 'oakfield-academy', caseDetail: { reason: 'Ofsted & LA audit' } })).toBe(
      '?from=2025-06-15&to=2026-06-15&format=pdf&schoolId=oakfield-academy&includeCaseDetail=true&reason=Ofsted+%26+LA+audit',
    );
  });

  it('maps the server’s fields onto the form', () => {
    expect(formFieldOf('schoolId')).toBe('scope');
    expect(formFieldOf('to')).toBe('to');
    expect(formFieldOf('reason')).toBe('reason');
    expect(formFieldOf('includeCaseDetail')).toBeUndefined();
    expect(formFieldOf(undefined)).toBeUndefined();
  });

  it('reads the file name from Content-Disposition, and never a folder', () => {
    const fallback = fallbackFilename({ from: '2025-06-15', to: '2026-06-15', format: 'csv' });
    expect(fallback).toBe('evidence-pack_2025-06-15_2026-06-15.csv');
    expect(fallbackFilename({ from: '2025-06-15', to: '2026-06-15', format: 'pdf', caseDetail: { reason: 'Ofsted' } })).toBe('evidence-pack_2025-06-15_2026-06-15_case-detail.pdf');
    expect(fallbackFilename({ from: '2025-06-15', to: '2026-06-15', format: 'csv' }, 'Oakfield Academy')).toBe('evidence-pack_oakfield-academy_2025-06-15_2026-06-15.csv');
    expect(filenameFromDisposition('attachment; filename="evidence-pack_2025-06-15_2026-06-15.pdf"', fallback)).toBe('evidence-pack_2025-06-15_2026-06-15.pdf');
    expect(filenameFromDisposition('attachment; filename="a.csv"; filename*=UTF-8\'\'pack%20%C3%A9.csv', fallback)).toBe('pack é.csv');
    expect(filenameFromDisposition('attachment; filename=plain.csv', fallback)).toBe('plain.csv');
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"', fallback)).toBe('passwd');
    expect(filenameFromDisposition('attachment; filename=".."', fallback)).toBe(fallback);
    expect(filenameFromDisposition('attachment', fallback)).toBe(fallback);
    expect(filenameFromDisposition('attachment; filename="a\u0007b.csv"', fallback)).toBe('ab.csv');
    expect(filenameFromDisposition(null, fallback)).toBe(fallback);
  });

  it('says what was saved, in words', () => {
    expect(savedMessage({ from: '2025-06-15', to: '2026-06-15', format: 'csv', schoolId: 'oakfield-academy' }, 'Oakfield Academy', 'pack.csv')).toBe(
      'Saved pack.csv: the evidence pack for Oakfield Academy, Sun 15 Jun 2025 to Mon 15 Jun 2026, CSV, without case detail.',
    );
    expect(savedMessage({ from: '2025-06-15', to: '2026-06-15', format: 'pdf', caseDetail: { reason: 'Ofsted' } }, 'the whole trust', 'p.pdf')).toMatch(
      /PDF, with case detail \(your reason is in the audit log\)\.$/,
    );
  });
});
