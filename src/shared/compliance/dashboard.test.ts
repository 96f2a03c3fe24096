import { describe, expect, it } from 'vitest';
import { testArrangement } from '../arrangements/test-arrangement.js';
import type { Arrangement } from '../arrangements/arrangement.js';
import { testCalendar } from '../calendar/test-fixtures.js';
import { addMinutes, londonToInstant, type IsoInstant } from '../calendar/london-time.js';
import { makeWorkingCalendar } from '../calendar/working-calendar.js';
import type { DecisionRecord } from '../records/decision-record.js';
import type { AgreedAction } from '../records/record.js';
import type { Session } from '../sessions/session.js';
import { arrangementFacts } from '../sessions/session-facts.js';
import { buildDashboard, type DashboardInput, type DashboardRecord } from './dashboard.js';
import { runComplianceChecks } from './run-compliance-checks.js';

const calendar = makeWorkingCalendar(testCalendar());
/** Wednesday of the first week of Autumn 2 (2025/26). */
const NOW = '2025-11-05T12:00:00Z' as IsoInstant;
const SUPERVISOR = { id: 'sup-1', displayName: 'Ada Quillgate', mail: 'ada@school.example', role: 'dsl' as const };

function arrangement(id: string, superviseeName: string, extra: Partial<Arrangement> = {}): Arrangement {
  return testArrangement({
    id,
    supervisor: SUPERVISOR,
    supervisees: [{ id: `${id}-supervisee`, displayName: superviseeName, mail: `${id}@school.example`, role: 'teaching-assistant' }],
    ...extra,
  });
}

function session(arrangementId: string, n: number, date: string, status: Session['status'] = 'held'): Session {
  const start = londonToInstant(date, '10:00');
  return {
    id: `${arrangementId}-s${n}`,
    arrangementId,
    academicYear: '2025/26',
    windowId: 'w',
    windowLabel: 'w',
    start,
    end: addMinutes(start, 60),
    status,
    organiserMailbox: 'sup-1',
    eventId: `e${n}`,
    iCalUId: `i${n}`,
    postponements: [],
  };
}

function record(a: Arrangement, s: Session, state: DashboardRecord['state'], actions: AgreedAction[] = [], kind: DashboardRecord['kind'] = 'individual'): DashboardRecord {
  const signatories = [{ id: a.supervisor.id, displayName: a.supervisor.displayName }, ...a.supervisees.map((p) => ({ id: p.id, displayName: p.displayName }))];
  return {
    recordId: `${s.id}.${kind}`,
    arrangementId: a.id,
    sessionId: s.id,
    sessionStart: s.start,
    kind,
    state,
    signatories: state === 'draft' ? [] : signatories,
    signatures: [],
    ...(state === 'locked' ? { lockedAt: s.end } : {}),
    content: { actions },
  };
}

function decision(a: Arrangement, id: string, decidedAt: string, confirmed = false): DecisionRecord {
  return {
    id,
    sessionId: `${a.id}-s1`,
    arrangementId: a.id,
    decidedById: a.supervisor.id,
    decidedAt: decidedAt as IsoInstant,
    childReference: 'J.B.',
    concerns: 'Attendance.',
    actions: [],
    referredToManager: false,
    chronologyEntry: true,
    caseSystem: 'CPOMS',
    ...(confirmed ? { enteredOnCaseSystem: { reference: 'CPOMS-1', at: decidedAt as IsoInstant, byId: a.supervisor.id } } : {}),
  } as DecisionRecord;
}

const action = (id: string, dueDate: string, done: boolean): AgreedAction => ({ id, text: 'Read the policy', ownerId: 'x', dueDate, done });

const dashboard = (input: Partial<DashboardInput>) =>
  buildDashboard({ calendar, now: NOW, arrangements: [], sessions: [], records: [], decisions: [], unreachableIds: new Set(), ...input });
const rowOf = (input: Partial<DashboardInput>, arrangementId: string) => {
  const row = dashboard(input).rows.find((r) => r.arrangementId === arrangementId);
  if (!row) throw new Error(`no row for ${arrangementId}`);
  return row;
};

describe('buildDashboard: where each supervisee stands', () => {
  it('overdue: no session for more than three months (escalated to the supervisor’s manager)', () => {
    const a = arrangement('a1', 'Bea Thistlecombe', { startDate: '2025-05-01' });
    const row = rowOf({ arrangements: [a], sessions: [session('a1', 1, '2025-07-10')] }, 'a1');
    expect(row.status).toBe('overdue');
    expect(row.lastSession).toBe(londonToInstant('2025-07-10', '10:00'));
    expect(row.findings).toContainEqual(expect.objectContaining({ rule: 'overdue-max-gap', status: 'overdue', escalateTo: 'supervisor-manager' }));
  });

  it('due soon: the current half term has nothing held or booked', () => {
    const a = arrangement('a1', 'Bea Thistlecombe');
    const row = rowOf({ arrangements: [a], sessions: [session('a1', 1, '2025-10-01')] }, 'a1');
    expect(row.status).toBe('due-soon');
    expect(row.findings.map((f) => [f.rule, f.status])).toEqual([['overdue-cadence', 'due-soon']]);
  });

  it('on track: last half term held, this one booked; next and last sessions shown', () => {
    const a = arrangement('a1', 'Bea Thistlecombe');
    const sessions = [session('a1', 1, '2025-10-01'), session('a1', 2, '2025-11-20', 'booked')];
    const row = rowOf({ arrangements: [a], sessions }, 'a1');
    expect(row).toMatchObject({ status: 'on-track', findings: [], lastSession: sessions[0]?.start, nextSession: sessions[1]?.start, contract: 'not-signed' });
  });

  it('counts the records not yet locked (drafts and those awaiting signatures), and flags an unsigned one past its deadline', () => {
    const a = arrangement('a1', 'Bea Thistlecombe');
    const s = [session('a1', 1, '2025-09-10'), session('a1', 2, '2025-10-01'), session('a1', 3, '2025-11-20', 'booked')];
    const records = [record(a, s[0] as Session, 'locked'), record(a, s[1] as Session, 'awaiting-signatures'), record(a, s[1] as Session, 'draft', [], 'wellbeing')];
    const row = rowOf({ arrangements: [a], sessions: s, records }, 'a1');
    expect(row.unsignedRecords).toBe(1);
    expect(row.findings).toContainEqual(expect.objectContaining({ rule: 'record-unsigned', status: 'overdue', subjectId: `${s[1]?.id}.individual` }));
    const withDraft = rowOf({ arrangements: [a], sessions: s, records: [...records, record(a, s[0] as Session, 'draft', [], 'group')] }, 'a1');
    expect(withDraft.unsignedRecords).toBe(2);
  });

  it("contract: 'overdue' when not signed by the end of the third session; 'signed' when it was", () => {
    const a = arrangement('a1', 'Bea Thistlecombe');
    const s = [session('a1', 1, '2025-09-10'), session('a1', 2, '2025-09-24'), session('a1', 3, '2025-10-08'), session('a1', 4, '2025-11-20', 'booked')];
    const unsigned = rowOf({ arrangements: [a], sessions: s }, 'a1');
    expect(unsigned.contract).toBe('overdue');
    expect(unsigned.status).toBe('overdue');
    const contract: DashboardRecord = { ...record(a, s[1] as Session, 'locked', [], 'contract'), recordId: 'a1.contract' };
    const signed = rowOf({ arrangements: [a], sessions: s, records: [contract] }, 'a1');
    expect(signed.contract).toBe('signed');
    expect(signed.status).toBe('on-track');
  });

  it("contract under review: a newer version in draft after a signed one is still 'signed', and its review date runs from that signing", () => {
    const a = arrangement('a1', 'Bea Thistlecombe');
    const s = [session('a1', 1, '2025-09-10'), session('a1', 2, '2025-09-24'), session('a1', 3, '2025-10-08'), session('a1', 4, '2025-11-20', 'booked')];
    const { lockedAt: _lockedAt, ...draftFields } = record(a, s[0] as Session, 'draft', [], 'contract');
    const underReview: DashboardRecord = { ...draftFields, recordId: 'a1.contract', previousLockedAt: (s[1] as Session).end };
    const row = rowOf({ arrangements: [a], sessions: s, records: [underReview] }, 'a1');
    expect(row.contract).toBe('signed');
    expect(row.findings.filter((f) => f.rule === 'contract-by-third-session' && f.status === 'overdue')).toEqual([]);
    // Never signed at all: a draft first version is not a contract.
    const neverSigned = rowOf({ arrangements: [a], sessions: s, records: [{ ...draftFields, recordId: 'a1.contract' }] }, 'a1');
    expect(neverSigned.contract).toBe('overdue');
  });

  it('decisions: awaiting confirmation counted; older than 24 hours overdue; confirmed ones not counted', () => {
    const a = arrangement('a1', 'Bea Thistlecombe');
    const sessions = [session('a1', 1, '2025-10-01'), session('a1', 2, '2025-11-20', 'booked')];
    const decisions = [decision(a, 'd-old', '2025-11-03T10:00:00Z'), decision(a, 'd-new', '2025-11-05T09:00:00Z'), decision(a, 'd-done', '2025-11-01T09:00:00Z', true)];
    const row = rowOf({ arrangements: [a], sessions, decisions }, 'a1');
    expect(row).toMatchObject({ decisionsAwaiting: 2, decisionsOverdue: 1, status: 'overdue' });
    expect(row.findings.filter((f) => f.rule === 'decision-not-on-case-system').map((f) => [f.subjectId, f.status])).toEqual([
      ['d-old', 'overdue'],
      ['d-new', 'due-soon'],
    ]);
  });

  it('actions: open and overdue come from the latest session record only', () => {
    const a = arrangement('a1', 'Bea Thistlecombe');
    const s = [session('a1', 1, '2025-09-10'), session('a1', 2, '2025-10-01'), session('a1', 3, '2025-11-20', 'booked')];
    const records = [
      record(a, s[0] as Session, 'locked', [action('old', '2025-09-20', false)]),
      record(a, s[1] as Session, 'locked', [action('x1', '2025-09-30', true), action('x2', '2025-12-01', false), action('x3', '2025-10-20', false)]),
    ];
    const row = rowOf({ arrangements: [a], sessions: s, records }, 'a1');
    expect(row).toMatchObject({ openActions: 2, overdueActions: 1, status: 'overdue' });
    expect(row.findings.filter((f) => f.rule === 'action-past-due').map((f) => f.subjectId)).toEqual([`${s[1]?.id}.individual:x3`]);
  });

  it('marks the supervisees the bot cannot reach; ended arrangements have no row; overdue rows first', () => {
    const a = arrangement('a1', 'Bea Thistlecombe');
    const b = arrangement('a2', 'Abe Wrenholt', { startDate: '2025-05-01' });
    const ended = arrangement('a3', 'Cal Larchdale', { status: 'ended' });
    const d = dashboard({ arrangements: [a, b, ended], sessions: [session('a1', 1, '2025-10-01')], unreachableIds: new Set(['a1-supervisee']) });
    expect(d.rows.map((r) => [r.arrangementId, r.status, r.unreachable])).toEqual([
      ['a2', 'overdue', false],
      ['a1', 'due-soon', true],
    ]);
  });
});

describe('buildDashboard: sessions held against due per half term', () => {
  it('counts each arrangement once per window that has started; held when a session took place in it', () => {
    const a = arrangement('a1', 'Bea Thistlecombe');
    const b = arrangement('a2', 'Abe Wrenholt');
    const sessions = [session('a1', 1, '2025-10-01'), session('a1', 2, '2025-11-20', 'booked'), session('a2', 1, '2025-10-02', 'cancelled')];
    const { windows } = dashboard({ arrangements: [a, b], sessions });
    expect(windows).toEqual([
      { schoolId: 'school', windowId: '2025/26:autumn1', label: 'Autumn 1 2025/26', due: 2, held: 1 },
      { schoolId: 'school', windowId: '2025/26:autumn2', label: 'Autumn 2 2025/26', due: 2, held: 0 },
    ]);
  });

  it('leaves out as-required arrangements and windows before an arrangement began', () => {
    const a = arrangement('a1', 'Bea Thistlecombe', { startDate: '2025-11-03' });
    const debrief = arrangement('a2', 'Abe Wrenholt', { cadence: { kind: 'as-required' } });
    const { windows } = dashboard({ arrangements: [a, debrief] });
    expect(windows.map((w) => [w.windowId, w.due, w.held])).toEqual([['2025/26:autumn2', 1, 0]]);
  });

  // The cadence rule counts a window only if the arrangement began by its midpoint: the tally must agree.
  it('does not count as due a half term the arrangement began after the middle of, as the cadence rule does not', () => {
    const a = arrangement('a1', 'Bea Thistlecombe', { startDate: '2025-10-15' });
    const d = dashboard({ arrangements: [a] });
    expect(d.rows[0]?.findings.some((f) => f.rule === 'overdue-cadence' && f.status === 'overdue')).toBe(false);
    expect(d.windows.map((w) => [w.windowId, w.due, w.held])).toEqual([['2025/26:autumn2', 1, 0]]);
  });
});

// seed 000 "Frequency of Safeguarding Supervision": as postponeSession stores a postponement (start moved,
// the time first booked in postponements[0]), the session counts for the half term it was booked in.
describe('buildDashboard: a postponed session counts for the half term it was booked in', () => {
  function postponed(arrangementId: string, n: number, booked: string, to: string[]): Session {
    const times = [booked, ...to].map((d) => londonToInstant(d, '10:00'));
    const last = times.at(-1) ?? times[0];
    const s = session(arrangementId, n, to.at(-1) ?? booked, 'booked');
    return {
      ...s,
      start: last ?? s.start,
      end: addMinutes(last ?? s.start, 60),
      postponements: times.slice(1).map((t, i) => ({
        fromStart: times[i] ?? t,
        fromEnd: addMinutes(times[i] ?? t, 60),
        toStart: t,
        toEnd: addMinutes(t, 60),
        reason: 'illness' as const,
        byId: 'sup-1',
        at: times[i] ?? t,
      })),
    };
  }
  const a = arrangement('a1', 'Bea Thistlecombe');
  const tally = (d: ReturnType<typeof dashboard>) => d.windows.map((w) => [w.windowId, w.held]);
  const cadence = (d: ReturnType<typeof dashboard>) => d.rows[0]?.findings.filter((f) => f.rule === 'overdue-cadence').map((f) => [f.status, f.dueBy]);

  it('booked Wed 22 Oct 2025, re-held Wed 5 Nov (the 5th working day): Autumn 1 held, no overdue, nothing escalated', () => {
    const d = dashboard({ arrangements: [a], sessions: [postponed('a1', 1, '2025-10-22', ['2025-11-05'])], now: '2025-11-10T12:00:00Z' });
    expect(tally(d)).toEqual([
      ['2025/26:autumn1', 1],
      ['2025/26:autumn2', 0],
    ]);
    expect(cadence(d)).toEqual([['due-soon', '2025-12-19']]);
    expect(d.rows[0]?.findings.filter((f) => f.escalateTo)).toEqual([]);
  });

  it('arrangementFacts carries the time first booked, so runComplianceChecks escalates nothing either', () => {
    const sessions = [postponed('a1', 1, '2025-10-22', ['2025-11-05'])];
    expect(arrangementFacts(a, sessions).sessions).toEqual([expect.objectContaining({ status: 'planned', firstBookedStart: londonToInstant('2025-10-22', '10:00') })]);
    const findings = runComplianceChecks({ calendar, arrangements: [arrangementFacts(a, sessions, '2025-11-10T12:00:00Z')], now: '2025-11-10T12:00:00Z' });
    expect(findings.filter((f) => f.escalateTo)).toEqual([]);
  });

  it('postponed twice (22 Oct → 4 Nov → 5 Nov): the working week still counts from the time first booked', () => {
    const d = dashboard({ arrangements: [a], sessions: [postponed('a1', 1, '2025-10-22', ['2025-11-04', '2025-11-05'])], now: '2025-11-10T12:00:00Z' });
    expect(tally(d)).toEqual([
      ['2025/26:autumn1', 1],
      ['2025/26:autumn2', 0],
    ]);
  });

  it('moved past its working week (22 Oct → Thu 6 Nov): counts for Autumn 2, where it was held; Autumn 1 is overdue', () => {
    const d = dashboard({ arrangements: [a], sessions: [postponed('a1', 1, '2025-10-22', ['2025-11-06'])], now: '2025-11-10T12:00:00Z' });
    expect(tally(d)).toEqual([
      ['2025/26:autumn1', 0],
      ['2025/26:autumn2', 1],
    ]);
    expect(cadence(d)).toEqual([['overdue', '2025-10-24']]);
  });

  it('while the alternate is still ahead (Tue 28 Oct, booked for 5 Nov): due soon by 5 Nov, not overdue', () => {
    const d = dashboard({ arrangements: [a], sessions: [postponed('a1', 1, '2025-10-22', ['2025-11-05'])], now: '2025-10-28T12:00:00Z' });
    expect(d.rows[0]?.status).toBe('due-soon');
    expect(cadence(d)).toEqual([['due-soon', '2025-11-05']]);
    expect(tally(d)).toEqual([['2025/26:autumn1', 0]]);
  });

  it('a longer working week in the settings reaches the tally and the rule alike', () => {
    const sessions = [postponed('a1', 1, '2025-10-22', ['2025-11-06'])];
    const d = dashboard({ arrangements: [a], sessions, now: '2025-11-10T12:00:00Z', settings: { postponementWorkingDays: 6 } });
    expect(tally(d)).toEqual([
      ['2025/26:autumn1', 1],
      ['2025/26:autumn2', 0],
    ]);
    expect(cadence(d)).toEqual([['due-soon', '2025-12-19']]);
  });
});
