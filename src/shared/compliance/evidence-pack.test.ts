import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testArrangement } from '../arrangements/test-arrangement.js';
import type { Arrangement } from '../arrangements/arrangement.js';
import { testCalendar } from '../calendar/test-fixtures.js';
import { addMinutes, londonToInstant, type IsoInstant } from '../calendar/london-time.js';
import { addDays } from '../calendar/dates.js';
import { isWorkingDay, makeWorkingCalendar } from '../calendar/working-calendar.js';
import type { DecisionRecord } from '../records/decision-record.js';
import type { AgreedAction, RecordKind, RecordVersion, Signatory } from '../records/record.js';
import { editRecord, sendForSignature, signRecord, startRecord } from '../records/sign-off.js';
import type { Session } from '../sessions/session.js';
import { buildDashboard } from './dashboard.js';
import { buildEvidencePack, validateEvidenceRange, type EvidenceInput } from './evidence-pack.js';

const calendar = makeWorkingCalendar(testCalendar());
/** Wednesday of the first week of Autumn 2 (2025/26). */
const NOW = '2025-11-05T12:00:00Z' as IsoInstant;
const RANGE = { from: '2025-09-01', to: '2025-11-05' };
const ADA = { id: 'sup-1', displayName: 'Ada Quillgate', mail: 'ada@school.example', role: 'dsl' as const };
const SECRET = 'Fictional answer about a child';

function arrangement(id: string, names: string[], extra: Partial<Arrangement> = {}): Arrangement {
  return testArrangement({
    id,
    supervisor: ADA,
    supervisees: names.map((n, i) => ({ id: `${id}-p${i}`, displayName: n, mail: `${id}-${i}@school.example`, role: 'teaching-assistant' as const })),
    ...extra,
  });
}

function session(a: Arrangement, n: number, date: string, status: Session['status'] = 'held'): Session {
  const start = londonToInstant(date, '10:00');
  return {
    id: `${a.id}-s${n}`,
    arrangementId: a.id,
    academicYear: '2025/26',
    windowId: 'w',
    windowLabel: 'w',
    start,
    end: addMinutes(start, 60),
    status,
    organiserMailbox: ADA.id,
    eventId: `e${n}`,
    iCalUId: `i${n}`,
    postponements: [],
  };
}

const partiesOf = (a: Arrangement): Signatory[] => [a.supervisor, ...a.supervisees].map((p) => ({ id: p.id, displayName: p.displayName }));

/** A record taken through the real sign-off steps: signed by the first `signers` parties, an hour apart after the session. */
function signedRecord(a: Arrangement, s: Session | undefined, kind: RecordKind, signers: number, actions: AgreedAction[] = []): RecordVersion {
  const at = s?.end ?? londonToInstant(a.startDate, '12:00');
  let r = startRecord(
    { recordId: s ? `${s.id}.${kind}` : `${a.id}.contract`, kind, templateId: 't', arrangementId: a.id, sessionId: s?.id, sessionStart: s?.start },
    { answers: { q1: SECRET }, actions },
    ADA.id,
    at,
  );
  const sent = sendForSignature(r, partiesOf(a), at);
  if (!sent.ok) throw new Error(sent.message);
  r = sent.record;
  partiesOf(a)
    .slice(0, signers)
    .forEach((p, i) => {
      const signed = signRecord(r, p, { version: r.version, sha256: r.sentSha256 ?? '' }, addMinutes(at, 60 * (i + 1)));
      if (!signed.ok) throw new Error(signed.message);
      r = signed.record;
    });
  return r;
}

function decision(a: Arrangement, id: string, decidedAt: string, confirmedAt?: string): DecisionRecord {
  return {
    id,
    sessionId: `${a.id}-s1`,
    arrangementId: a.id,
    decidedById: ADA.id,
    decidedAt,
    childReference: 'J.B. (ref 24-117)',
    concerns: 'Fictional concerns.',
    actions: [{ text: 'Call the family', timescale: 'By Friday' }],
    referredToManager: false,
    chronologyEntry: true,
    caseSystem: 'CPOMS',
    ...(confirmedAt ? { enteredOnCaseSystem: { reference: 'CP-77', at: confirmedAt, byId: ADA.id } } : {}),
  };
}

const action = (id: string, dueDate: string, done: boolean): AgreedAction => ({ id, text: `Fictional action ${id}`, ownerId: ADA.id, dueDate, done });

// Liam: half-termly, two sessions held in Autumn 1, one booked in Autumn 2; the first record signed by both,
// the second by Ada only; the contract signed. A group (termly) with nothing held yet. An arrangement that
// began after the range.
const liam = arrangement('liam', ['Liam Barker']);
const group = arrangement('group', ['Sam Ode', 'Ria Penn'], { cadence: { kind: 'termly' } });
const later = arrangement('later', ['Zed Late'], { startDate: '2025-12-01' });
const s1 = session(liam, 1, '2025-09-17');
const s2 = session(liam, 2, '2025-10-15');
const s3 = session(liam, 3, '2025-11-20', 'booked');
const r1 = signedRecord(liam, s1, 'individual', 2, [action('a1', '2025-10-01', false)]);
const r2 = signedRecord(liam, s2, 'individual', 1, [action('a1', '2025-10-01', true), action('a2', '2025-10-30', false)]);
const contract = signedRecord(liam, s1, 'contract', 2);
const wellbeing = signedRecord(liam, s2, 'wellbeing', 2);

const input = (extra: Partial<EvidenceInput> = {}): EvidenceInput => ({
  calendar,
  now: NOW,
  range: RANGE,
  arrangements: [liam, group, later],
  sessions: [s1, s2, s3],
  records: [r1, r2, { ...contract, recordId: 'liam.contract', sessionId: undefined }, wellbeing],
  decisions: [
    decision(liam, 'd-on-time', '2025-09-17T11:00:00Z', '2025-09-18T09:00:00Z'),
    decision(liam, 'd-late', '2025-10-15T11:00:00Z', '2025-10-17T09:00:00Z'),
    decision(liam, 'd-awaiting', '2025-11-05T09:00:00Z'),
    decision(liam, 'd-before', '2025-07-01T09:00:00Z'),
  ],
  scope: { label: 'The whole trust' },
  ...extra,
});

describe('the evidence range', () => {
  it('must be real dates, in order, at most two years', () => {
    expect(validateEvidenceRange('2026-02-30', '2026-03-01')).toMatchObject({ ok: false, issues: [{ field: 'from' }] });
    expect(validateEvidenceRange('2026-02-01', '')).toMatchObject({ ok: false, issues: [{ field: 'to' }] });
    expect(validateEvidenceRange('2026-03-02', '2026-03-01')).toMatchObject({ ok: false, issues: [{ field: 'to', message: expect.stringContaining('ends before it starts') }] });
    expect(validateEvidenceRange('2025-09-01', '2027-09-01')).toEqual({ ok: true, value: { from: '2025-09-01', to: '2027-09-01' } });
    expect(validateEvidenceRange('2025-09-01', '2027-09-02')).toMatchObject({ ok: false, issues: [{ field: 'to', message: expect.stringContaining('at most two years') }] });
    expect(validateEvidenceRange('2026-03-01', '2026-03-01').ok).toBe(true);
  });
});

describe('the evidence pack', () => {
  const pack = buildEvidencePack(input());

  it('counts sessions required by the cadence (as the dashboard does) and held, per supervisee', () => {
    expect(pack.supervisees.map((s) => [s.superviseeName, s.sessionsRequired, s.requiredWindowsMet, s.sessionsHeld])).toEqual([
      ['Liam Barker', 2, 1, 2], // Autumn 1 (held) and Autumn 2 (under way, booked only)
      ['Ria Penn', 1, 0, 0], // the autumn term
      ['Sam Ode', 1, 0, 0],
    ]);
  });

  it('does not require a half term the arrangement began after the middle of (as the cadence rule and the dashboard)', () => {
    const lateStart = arrangement('late-start', ['Una Late'], { startDate: '2025-10-15' });
    const p = buildEvidencePack(input({ arrangements: [lateStart], sessions: [], records: [], decisions: [] }));
    expect(p.supervisees[0]).toMatchObject({ sessionsRequired: 1, requiredWindowsMet: 0 }); // Autumn 2 only
  });

  it('lists each held session with its record, signatories and signature times', () => {
    expect(pack.sessions.map((s) => [s.date, s.recordState, s.signatures.map((g) => [g.name, g.at])])).toEqual([
      [
        '2025-09-17',
        'locked',
        [
          ['Ada Quillgate', '2025-09-17T11:00:00Z'],
          ['Liam Barker', '2025-09-17T12:00:00Z'],
        ],
      ],
      ['2025-10-15', 'awaiting-signatures', [['Ada Quillgate', '2025-10-15T11:00:00Z']]],
    ]);
    expect(pack.sessions[0]).toMatchObject({ lockedAt: '2025-09-17T12:00:00Z', signatoryNames: ['Ada Quillgate', 'Liam Barker'], recordKind: 'individual' });
    expect(pack.supervisees[0]).toMatchObject({ recordsLocked: 1, recordsAwaitingSignature: 1 });
  });

  it('gives the contract signing date and when its review is due', () => {
    expect(pack.supervisees[0]).toMatchObject({ contractSignedAt: '2025-09-17T12:00:00Z', contractReviewDue: '2026-09-17' });
    expect(pack.contracts).toEqual([expect.objectContaining({ recordId: 'liam.contract', state: 'locked', signatures: [expect.anything(), expect.anything()] })]);
  });

  it('a contract under review (version 2 in draft) still gives the date version 1 was signed', () => {
    const signed = { ...contract, recordId: 'liam.contract', sessionId: undefined };
    const review = editRecord(signed, { answers: { q1: 'reviewed' }, actions: [] }, ADA.id, '2026-09-01T09:00:00Z').record;
    const reviewing = buildEvidencePack(input({ records: [r1, r2, review, wellbeing] }));
    expect(reviewing.supervisees[0]).toMatchObject({ contractSignedAt: '2025-09-17T12:00:00Z', contractReviewDue: '2026-09-17' });
    expect(reviewing.contracts).toEqual([expect.objectContaining({ recordId: 'liam.contract', version: 2, state: 'draft', signedAt: '2025-09-17T12:00:00Z' })]);
  });

  it('counts actions once each, with the latest record’s word on them', () => {
    expect(pack.supervisees[0]).toMatchObject({ actionsAgreed: 2, actionsDone: 1, actionsOverdue: 1 });
  });

  it('gives each decision in the range its deadline and when it was confirmed on the case system', () => {
    expect(pack.decisions.map((d) => [d.id, d.dueBy, d.confirmedAt, d.status])).toEqual([
      ['d-on-time', '2025-09-18T11:00:00Z', '2025-09-18T09:00:00Z', 'on-time'],
      ['d-late', '2025-10-16T11:00:00Z', '2025-10-17T09:00:00Z', 'late'],
      ['d-awaiting', '2025-11-06T09:00:00Z', undefined, 'awaiting'],
    ]);
    expect(pack.supervisees[0]).toMatchObject({ decisions: 3, decisionsConfirmedInTime: 1 });
  });

  it('sums per arrangement: a group’s figures count once', () => {
    expect(pack.summary).toMatchObject({
      supervisees: 3,
      sessionsRequired: 3,
      requiredWindowsMet: 1,
      sessionsHeld: 2,
      recordsLocked: 1,
      recordsAwaitingSignature: 1,
      contractsSigned: 1,
      actionsAgreed: 2,
      actionsDone: 1,
      actionsOverdue: 1,
      decisions: 3,
      decisionsConfirmedInTime: 1,
      decisionsConfirmedLate: 1,
      decisionsNotConfirmed: 1,
    });
  });

  it('holds no case detail and no wellbeing record unless asked', () => {
    const text = JSON.stringify(pack);
    for (const secret of [SECRET, 'J.B.', 'Fictional concerns', 'Call the family', 'Fictional action', 'CP-77', 'wellbeing']) expect(text).not.toContain(secret);
    expect(pack.caseDetail).toEqual({ included: false });
  });

  it('holds case detail when the DSL asked, with the reason', () => {
    const detailed = buildEvidencePack(input({ caseDetail: { reason: 'Ofsted case sample' } }));
    expect(detailed.caseDetail).toEqual({ included: true, reason: 'Ofsted case sample' });
    expect(detailed.decisions[0]).toMatchObject({ childReference: 'J.B. (ref 24-117)', concerns: 'Fictional concerns.', caseSystemReference: 'CP-77' });
    expect(detailed.sessions[0]?.answers).toEqual({ q1: SECRET });
    expect(detailed.actions.map((x) => x.text)).toEqual(['Fictional action a1', 'Fictional action a2']);
    expect(JSON.stringify(detailed)).not.toContain('wellbeing');
  });

  it('shows a record being revised by its last signed version', () => {
    const v2 = editRecord(r1, { answers: { q1: 'changed' }, actions: [] }, ADA.id, NOW).record;
    const revised = buildEvidencePack(input({ records: [r1, v2, r2] }));
    expect(revised.sessions[0]).toMatchObject({ recordVersion: 1, recordState: 'locked' });
  });

  it('keeps to the range and the school asked for', () => {
    const narrow = buildEvidencePack(input({ range: { from: '2025-10-01', to: '2025-10-31' } }));
    expect(narrow.sessions.map((s) => s.date)).toEqual(['2025-10-15']);
    expect(narrow.supervisees[0]).toMatchObject({ sessionsRequired: 1, requiredWindowsMet: 1, sessionsHeld: 1 });
    const other = buildEvidencePack(input({ scope: { schoolId: 'north', label: 'North' }, schoolOf: (a) => (a.id === 'group' ? 'north' : 'south') }));
    expect(other.supervisees.map((s) => s.superviseeName)).toEqual(['Ria Penn', 'Sam Ode']);
  });
});

// seed 000 "Frequency of Safeguarding Supervision": a session postponed within its working week is its own
// half term's, in the evidence pack as on the dashboard and in the cadence rule.
describe('the evidence pack: a postponed session', () => {
  const pat = arrangement('pat', ['Pat Rowe']);
  function postponed(booked: string, to: string, n = 1): Session {
    const from = londonToInstant(booked, '10:00');
    const moved = session(pat, n, to, 'booked');
    return {
      ...moved,
      postponements: [{ fromStart: from, fromEnd: addMinutes(from, 60), toStart: moved.start, toEnd: moved.end, reason: 'clash', byId: ADA.id, at: from }],
    };
  }
  const packFor = (sessions: Session[], now: IsoInstant, range = { from: '2025-09-01', to: '2026-07-22' }) =>
    buildEvidencePack(input({ arrangements: [pat], sessions, records: [], decisions: [], now, range }));
  const dashboardFor = (sessions: Session[], now: IsoInstant) =>
    buildDashboard({ calendar, now, arrangements: [pat], sessions, records: [], decisions: [], unreachableIds: new Set() });

  it('booked 22 Oct 2025, held 5 Nov: Autumn 1 is met, Autumn 2 is not; held past the working week, the reverse', () => {
    const AUTUMN_1 = { from: '2025-09-01', to: '2025-10-24' };
    const AUTUMN_2 = { from: '2025-11-03', to: '2025-12-19' };
    const onTime = [postponed('2025-10-22', '2025-11-05')];
    expect(packFor(onTime, '2025-11-10T12:00:00Z', AUTUMN_1).supervisees[0]).toMatchObject({ sessionsRequired: 1, requiredWindowsMet: 1 });
    expect(packFor(onTime, '2025-11-10T12:00:00Z', AUTUMN_2).supervisees[0]).toMatchObject({ sessionsRequired: 1, requiredWindowsMet: 0, sessionsHeld: 1 });
    const late = [postponed('2025-10-22', '2025-11-06')];
    expect(packFor(late, '2025-11-10T12:00:00Z', AUTUMN_1).supervisees[0]).toMatchObject({ sessionsRequired: 1, requiredWindowsMet: 0 });
    expect(packFor(late, '2025-11-10T12:00:00Z', AUTUMN_2).supervisees[0]).toMatchObject({ sessionsRequired: 1, requiredWindowsMet: 1, sessionsHeld: 1 });
  });

  it('counts the windows met as the dashboard tallies them, for any postponement and any day (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 300 }), (bookedOffset, laterDays, nowOffset) => {
        const booked = addDays('2025-09-01', bookedOffset);
        fc.pre(isWorkingDay(calendar, booked));
        const to = addDays(booked, laterDays);
        const now = londonToInstant(addDays('2025-09-01', nowOffset), '12:00');
        const sessions = [postponed(booked, to)];
        const d = dashboardFor(sessions, now);
        const p = packFor(sessions, now);
        expect(p.supervisees[0]?.requiredWindowsMet ?? 0).toBe(d.windows.reduce((n, w) => n + w.held, 0));
        expect(p.supervisees[0]?.sessionsRequired ?? 0).toBe(d.windows.reduce((n, w) => n + w.due, 0));
      }),
    );
  });
});

// An arrangement that ended owes nothing after it ended: only the windows that began on or before its end
// date are required, however far the range runs.
describe('the evidence pack: an ended arrangement', () => {
  const YEAR = { from: '2025-09-01', to: '2026-07-22' };
  const AFTER = '2026-07-23T12:00:00Z' as IsoInstant;
  const packFor = (a: Arrangement, sessions: Session[]) => buildEvidencePack(input({ arrangements: [a], sessions, records: [], decisions: [], now: AFTER, range: YEAR }));

  it('ended in Autumn 2 (20 Nov 2025): Autumn 1 and Autumn 2 are required, nothing after', () => {
    const ended = arrangement('ended', ['Eve Ended'], { status: 'ended', endDate: '2025-11-20' });
    const p = packFor(ended, [session(ended, 1, '2025-09-17')]);
    expect(p.supervisees[0]).toMatchObject({ arrangementStatus: 'ended', arrangementEndedOn: '2025-11-20', sessionsRequired: 2, requiredWindowsMet: 1, sessionsHeld: 1 });
    expect(p.summary).toMatchObject({ sessionsRequired: 2, requiredWindowsMet: 1 });
  });

  it('ended on the first day of a half term: that half term is required', () => {
    const ended = arrangement('ended', ['Eve Ended'], { status: 'ended', endDate: '2025-11-03' });
    expect(packFor(ended, []).supervisees[0]).toMatchObject({ sessionsRequired: 2, requiredWindowsMet: 0 });
  });

  it('made active again: every window up to today is required, as before', () => {
    const active = arrangement('active', ['Ann Active']);
    expect(packFor(active, []).supervisees[0]).toMatchObject({ sessionsRequired: 6, arrangementEndedOn: undefined });
  });

  // Ended before end dates were kept: no end date, so the last session held or booked stands for it.
  it('ended with no end date (saved before end dates were kept): nothing after its last held or booked session', () => {
    const legacy = arrangement('legacy', ['Leo Legacy'], { status: 'ended' });
    const sessions = [session(legacy, 1, '2025-09-17'), session(legacy, 2, '2025-11-20', 'booked'), session(legacy, 3, '2026-03-04', 'cancelled')];
    expect(packFor(legacy, sessions).supervisees[0]).toMatchObject({ arrangementEndedOn: undefined, sessionsRequired: 2, requiredWindowsMet: 2 });
  });

  it('ended with no end date and no session: nothing after its start date', () => {
    const legacy = arrangement('legacy', ['Leo Legacy'], { status: 'ended', startDate: '2025-11-10' });
    expect(packFor(legacy, []).supervisees[0]).toMatchObject({ sessionsRequired: 1, requiredWindowsMet: 0 }); // Autumn 2 only
  });
});
