import { describe, expect, it } from 'vitest';
import { csvField, evidenceCsv } from './evidence-csv.js';
import type { EvidencePack } from './evidence-pack.js';
import { csvSections, parseCsv } from './test-csv.js';

const pack = (detail: boolean): EvidencePack => ({
  range: { from: '2025-09-01', to: '2025-11-05' },
  generatedAt: '2025-11-05T12:00:00Z',
  scope: { label: 'The whole trust' },
  caseDetail: detail ? { included: true, reason: 'Ofsted, "case sample", requested' } : { included: false },
  decisionRecordHours: 24,
  summary: {
    supervisees: 1,
    sessionsRequired: 2,
    requiredWindowsMet: 1,
    sessionsHeld: 1,
    recordsLocked: 1,
    recordsAwaitingSignature: 0,
    contractsSigned: 0,
    actionsAgreed: 1,
    actionsDone: 0,
    actionsOverdue: 1,
    decisions: 1,
    decisionsConfirmedInTime: 1,
    decisionsConfirmedLate: 0,
    decisionsNotConfirmed: 0,
  },
  supervisees: [
    {
      arrangementId: 'a1',
      schoolId: 'school',
      superviseeId: 'p1',
      superviseeName: '=HYPERLINK("http://evil.example","Liam, B")',
      superviseeRole: 'teaching-assistant',
      supervisorName: "Ada O'Neil",
      cadence: 'once each half term',
      arrangementStatus: 'active',
      sessionsRequired: 2,
      requiredWindowsMet: 1,
      sessionsHeld: 1,
      recordsLocked: 1,
      recordsAwaitingSignature: 0,
      actionsAgreed: 1,
      actionsDone: 0,
      actionsOverdue: 1,
      decisions: 1,
      decisionsConfirmedInTime: 1,
    },
  ],
  sessions: [
    {
      arrangementId: 'a1',
      sessionId: 's1',
      schoolId: 'school',
      date: '2025-09-17',
      time: '10:00',
      supervisorName: "Ada O'Neil",
      superviseeNames: ['Liam B'],
      recordId: 's1.individual',
      recordKind: 'individual',
      recordVersion: 1,
      recordState: 'locked',
      lockedAt: '2025-09-17T12:00:00Z',
      signatoryNames: ["Ada O'Neil", 'Liam B'],
      signatures: [
        { userId: 'sup', name: "Ada O'Neil", at: '2025-09-17T11:00:00Z' },
        { userId: 'p1', name: 'Liam B', at: '2025-09-17T12:00:00Z' },
      ],
      ...(detail ? { answers: { q1: 'Line one\r\nline two, with "quotes"', q2: '-1 +2' } } : {}),
    },
  ],
  contracts: [],
  decisions: [
    {
      id: 'd1',
      arrangementId: 'a1',
      schoolId: 'school',
      sessionId: 's1',
      supervisorName: "Ada O'Neil",
      decidedAt: '2025-09-17T11:00:00Z',
      dueBy: '2025-09-18T11:00:00Z',
      confirmedAt: '2025-09-18T09:00:00Z',
      caseSystem: 'CPOMS',
      status: 'on-time',
      ...(detail ? { childReference: '@J.B.', concerns: 'Fictional', caseSystemReference: 'CP-1', actions: [{ text: 'Call', timescale: 'Friday' }] } : {}),
    },
  ],
  actions: [{ arrangementId: 'a1', id: 'x1', dueDate: '2025-10-01', done: false, overdue: true, ...(detail ? { text: 'Fictional action' } : {}) }],
});

describe('csvField', () => {
  it('quotes commas, quotes and line ends, and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('one\ntwo')).toBe('"one\ntwo"');
    for (const f of ['=1+1', '+44 1234', '-2', '@SUM(A1)', '\tx']) expect(csvField(f)).toBe(`'${f}`);
    expect(csvField('=A1,B1')).toBe(`"'=A1,B1"`);
    expect(csvField(undefined)).toBe('');
    expect(csvField(3)).toBe('3');
  });
});

describe('the evidence CSV', () => {
  it('parses back as RFC 4180 with the pack’s figures, one table per section', () => {
    const text = evidenceCsv(pack(false));
    expect(text.endsWith('\r\n')).toBe(true);
    const sections = csvSections(text);
    expect(sections.get('pack')).toEqual([
      { section: 'pack', from: '2025-09-01', to: '2025-11-05', scope: 'The whole trust', generated_at: '2025-11-05T12:00:00Z', case_detail_included: 'no', case_detail_reason: '' },
    ]);
    expect(sections.get('summary')?.[0]).toMatchObject({ sessions_required: '2', sessions_held: '1', decisions_confirmed_in_time: '1' });
    expect(sections.get('supervisee')?.[0]).toMatchObject({
      supervisee: `'=HYPERLINK("http://evil.example","Liam, B")`,
      supervisor: "Ada O'Neil",
      sessions_required: '2',
      required_windows_met: '1',
      sessions_held: '1',
      contract_signed_at: '',
    });
    expect(sections.get('signature')?.map((r) => [r.signed_by, r.signed_at])).toEqual([
      ["Ada O'Neil", '2025-09-17T11:00:00Z'],
      ['Liam B', '2025-09-17T12:00:00Z'],
    ]);
    expect(sections.get('decision')?.[0]).toMatchObject({ decided_at: '2025-09-17T11:00:00Z', confirmed_at: '2025-09-18T09:00:00Z', status: 'on-time' });
    expect(Object.keys(sections.get('decision')?.[0] ?? {})).not.toContain('child_reference');
    expect(Object.keys(sections.get('session')?.[0] ?? {})).not.toContain('answers');
  });

  it('carries case detail in its own columns only when included, quoted and defused', () => {
    const sections = csvSections(evidenceCsv(pack(true)));
    expect(sections.get('pack')?.[0]).toMatchObject({ case_detail_included: 'yes', case_detail_reason: 'Ofsted, "case sample", requested' });
    expect(sections.get('session')?.[0]?.answers).toBe('q1: Line one\r\nline two, with "quotes"\nq2: -1 +2');
    expect(sections.get('decision')?.[0]).toMatchObject({ child_reference: "'@J.B.", case_system_reference: 'CP-1', actions: 'Call (Friday)' });
    expect(sections.get('action')?.[0]).toMatchObject({ text: 'Fictional action', overdue: 'yes' });
  });

  it('has every row of a section as wide as its header', () => {
    const rows = parseCsv(evidenceCsv(pack(true)));
    expect(rows.filter((r) => r[0] === 'section').map((r) => r[1])).toEqual(['from', 'supervisees', 'school', 'school', 'record_id', 'school', 'school', 'arrangement_id']);
  });

  it('shows when an ended arrangement ended, and nothing for an active one', () => {
    const p = pack(false);
    const base = p.supervisees[0]!;
    const sections = csvSections(evidenceCsv({ ...p, supervisees: [base, { ...base, arrangementId: 'a2', arrangementStatus: 'ended', arrangementEndedOn: '2025-10-17' }] }));
    expect(sections.get('supervisee')?.map((r) => [r.arrangement_status, r.arrangement_ended_on])).toEqual([
      ['active', ''],
      ['ended', '2025-10-17'],
    ]);
  });

  it('keeps names outside ASCII exactly as they are (the export adds the BOM that tells Excel it is UTF-8)', () => {
    const p = pack(false);
    const names = ['Siân Llewelyn', 'Łukasz Żółć', 'Ŵyn ap Siôn', 'Ștefan', 'İlkay Yıldız', 'Nguyễn Thị Minh', 'Γιώργος', 'Жанна', '张伟', 'Zoë 😀'];
    const text = evidenceCsv({ ...p, supervisees: names.map((n) => ({ ...p.supervisees[0]!, superviseeName: n })) });
    expect(
      csvSections(text)
        .get('supervisee')
        ?.map((r) => r.supervisee),
    ).toEqual(names);
    expect(Buffer.from(`\uFEFF${text}`, 'utf8').toString('utf8').slice(1)).toBe(text);
  });
});
