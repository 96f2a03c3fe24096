import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testCalendar, validOrThrow } from '../calendar/test-fixtures.js';
import { isWorkingDay, makeWorkingCalendar } from '../calendar/working-calendar.js';
import { addWorkingDays } from '../calendar/working-days.js';
import { londonToInstant, addMinutes, instantMs } from '../calendar/london-time.js';
import { addDays } from '../calendar/dates.js';
import { checkCadence, checkMaximumGap } from './supervision-frequency.js';
import { checkContractReview, checkContractSigned } from './contract.js';
import { checkAction, checkDecisionRecord, checkRecordSignOff } from './records-and-actions.js';
import { complianceSettings, DEFAULT_COMPLIANCE_SETTINGS as S } from './compliance-settings.js';
import { runComplianceChecks } from './run-compliance-checks.js';
import type { ArrangementFacts, SessionFacts } from './types.js';

const wc = makeWorkingCalendar(testCalendar());

function held(id: string, date: string, status: SessionFacts['status'] = 'held'): SessionFacts {
  const start = londonToInstant(date, '10:00');
  return { id, start, end: addMinutes(start, 60), status };
}

/** A session first booked on `booked` and postponed to `to`, as the product stores it (postponements[0].fromStart). */
function moved(id: string, booked: string, to: string, status: SessionFacts['status'] = 'held'): SessionFacts {
  return { ...held(id, to, status), firstBookedStart: londonToInstant(booked, '10:00') };
}

const arrangement = (sessions: SessionFacts[], extra: Partial<ArrangementFacts> = {}): ArrangementFacts => ({
  id: 'arr-1',
  cadence: { kind: 'half-termly' },
  maxGapMonths: 3,
  startDate: '2025-09-01',
  sessions,
  ...extra,
});

describe('overdue by cadence (half-termly)', () => {
  it('is overdue when the last finished half term had no session, and escalates', () => {
    const a = arrangement([held('s0', '2025-07-10')]);
    const f = checkCadence(wc, a, '2025-11-05T12:00:00Z');
    expect(f[0]).toMatchObject({ rule: 'overdue-cadence', status: 'overdue', dueBy: '2025-10-24', escalateTo: 'supervisor-manager' });
    expect(checkCadence(wc, a, '2025-10-24T15:00:00Z').filter((x) => x.status === 'overdue')).toEqual([]);
  });

  it('half-term boundary: a session on the last day of the half term counts', () => {
    const a = arrangement([held('s1', '2025-10-24'), held('s2', '2025-11-20', 'planned')]);
    expect(checkCadence(wc, a, '2025-11-05T12:00:00Z')).toEqual([]);
  });

  it('warns when the current half term has nothing booked', () => {
    const a = arrangement([held('s1', '2025-10-01')]);
    expect(checkCadence(wc, a, '2025-11-05T12:00:00Z')).toEqual([
      expect.objectContaining({ status: 'due-soon', dueBy: '2025-12-19', message: 'No session is held or booked in Autumn 2, which ends on 2025-12-19.' }),
    ]);
  });

  it('ignores a half term the arrangement began after the middle of', () => {
    const a = arrangement([], { startDate: '2025-10-15' });
    expect(checkCadence(wc, a, '2025-11-05T12:00:00Z').some((f) => f.status === 'overdue')).toBe(false);
  });
});

describe('overdue beyond the maximum gap (3 months)', () => {
  it('overdue the day after three calendar months', () => {
    const a = arrangement([held('s1', '2025-11-30')]);
    expect(checkMaximumGap(a, '2026-02-28T12:00:00Z', S)?.status).toBe('due-soon');
    expect(checkMaximumGap(a, '2026-03-01T12:00:00Z', S)).toMatchObject({ status: 'overdue', dueBy: '2026-02-28', escalateTo: 'supervisor-manager' });
  });
  it('no warning when a session is booked in time', () => {
    const a = arrangement([held('s1', '2025-11-30'), held('s2', '2026-02-20', 'planned')]);
    expect(checkMaximumGap(a, '2026-02-18T12:00:00Z', S)).toBeUndefined();
  });
});

describe('contract', () => {
  const three = [held('s1', '2025-09-10'), held('s2', '2025-11-10'), held('s3', '2026-01-12')];
  it('overdue when not signed by the end of the third session', () => {
    expect(checkContractSigned(arrangement(three), '2026-01-12T11:00:00Z', S)).toMatchObject({ status: 'overdue', subjectId: 's3' });
    expect(checkContractSigned(arrangement(three), '2026-01-12T10:59:00Z', S)).toMatchObject({ status: 'due-soon' });
    expect(checkContractSigned(arrangement(three, { contract: { signedAt: '2026-01-12T10:30:00Z' } }), '2026-02-01T00:00:00Z', S)).toBeUndefined();
  });
  it('annual review', () => {
    const a = arrangement(three, { contract: { signedAt: '2025-09-10T10:00:00Z' } });
    expect(checkContractReview(a, '2026-07-01T00:00:00Z', S)).toBeUndefined();
    expect(checkContractReview(a, '2026-08-20T00:00:00Z', S)?.status).toBe('due-soon');
    expect(checkContractReview(a, '2026-09-11T00:00:00Z', S)).toMatchObject({ status: 'overdue', dueBy: '2026-09-10' });
  });
  it('annual review counts from the later of the last review and the last signing', () => {
    const resigned = arrangement(three, { contract: { lastReviewedAt: '2025-09-10T10:00:00Z', signedAt: '2026-03-02T10:00:00Z' } });
    expect(checkContractReview(resigned, '2026-09-11T00:00:00Z', S)).toBeUndefined();
    expect(checkContractReview(resigned, '2027-03-03T00:00:00Z', S)).toMatchObject({ status: 'overdue', dueBy: '2027-03-02' });
    const reviewed = arrangement(three, { contract: { signedAt: '2025-09-10T10:00:00Z', lastReviewedAt: '2026-06-01T10:00:00Z' } });
    expect(checkContractReview(reviewed, '2027-06-02T00:00:00Z', S)).toMatchObject({ status: 'overdue', dueBy: '2027-06-01' });
  });
});

describe('records, decisions and actions', () => {
  it('record unsigned 5 working days after the session, counted across half term', () => {
    const r = { id: 'r1', arrangementId: 'arr-1', sessionId: 's1', sessionDate: '2025-10-22', signatories: ['sup', 'see'], signedBy: ['sup'] };
    expect(checkRecordSignOff(wc, r, '2025-11-05T16:00:00Z', S)).toBeUndefined();
    expect(checkRecordSignOff(wc, r, '2025-11-06T08:00:00Z', S)).toMatchObject({ status: 'overdue', dueBy: '2025-11-05' });
    expect(checkRecordSignOff(wc, { ...r, signedBy: ['see', 'sup'] }, '2026-01-01T00:00:00Z', S)).toBeUndefined();
  });
  it('decision record not confirmed on the case system within 24 hours', () => {
    const d = { id: 'd1', arrangementId: 'arr-1', decidedAt: '2025-10-24T14:00:00Z' };
    expect(checkDecisionRecord(d, '2025-10-25T13:59:00Z', S)?.status).toBe('due-soon');
    expect(checkDecisionRecord(d, '2025-10-25T14:01:00Z', S)).toMatchObject({ status: 'overdue', dueBy: '2025-10-25T14:00:00Z' });
    expect(checkDecisionRecord({ ...d, confirmedOnCaseSystemAt: '2025-10-24T16:00:00Z' }, '2025-11-01T00:00:00Z', S)).toBeUndefined();
  });
  it('actions past due', () => {
    const x = { id: 'x1', arrangementId: 'arr-1', dueDate: '2025-10-24', done: false };
    expect(checkAction(x, '2025-10-24T22:30:00Z')).toBeUndefined(); // 23:30 on 24 Oct in London (BST)
    expect(checkAction(x, '2025-10-25T00:30:00Z')).toMatchObject({ status: 'overdue' });
    expect(checkAction({ ...x, done: true }, '2026-01-01T00:00:00Z')).toBeUndefined();
  });
});

describe('all rules together', () => {
  it('lists overdue findings first and never mentions case detail', () => {
    const findings = runComplianceChecks({
      calendar: wc,
      arrangements: [arrangement([])],
      decisions: [{ id: 'd1', arrangementId: 'arr-1', decidedAt: '2025-12-01T10:00:00Z' }],
      actions: [{ id: 'x1', arrangementId: 'arr-1', dueDate: '2025-10-01', done: false }],
      now: '2025-12-01T12:00:00Z',
    });
    expect(findings.map((f) => [f.rule, f.status])).toEqual([
      ['action-past-due', 'overdue'],
      ['overdue-cadence', 'overdue'],
      ['overdue-max-gap', 'due-soon'],
      ['decision-not-on-case-system', 'due-soon'],
      ['overdue-cadence', 'due-soon'],
    ]);
  });

  it('an arrangement with a held session in every finished half term is never overdue by cadence (property)', () => {
    const halfTerms = wc.calendar.years.flatMap((y) => y.halfTerms);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 12, maxLength: 12 }), fc.integer({ min: 0, max: 690 }), (offsets, nowOffset) => {
        const sessions = halfTerms.map((h, i) => {
          const d = addDays(h.start, offsets[i] ?? 0);
          return held(`s${i}`, d <= h.end ? d : h.end);
        });
        const now = londonToInstant(addDays('2025-09-01', nowOffset), '12:00');
        const past = sessions.filter((s) => s.start <= now);
        const f = checkCadence(wc, arrangement(past), now);
        expect(f.filter((x) => x.status === 'overdue')).toEqual([]);
      }),
    );
  });
});

// seed 000 "Frequency of Safeguarding Supervision": postponed → alternate within a working week.
// As postponeSession stores it: one session, its start moved, the time first booked in postponements[0].
describe('a permitted postponement', () => {
  it('re-held on the deadline the system computes (22 Oct → 5 Nov) still counts for Autumn 1', () => {
    const a = arrangement([moved('s1', '2025-10-22', '2025-11-05'), held('s2', '2025-11-20', 'planned')]);
    expect(checkCadence(wc, a, '2025-11-10T12:00:00Z')).toEqual([]);
    expect(runComplianceChecks({ calendar: wc, arrangements: [a], now: '2025-11-10T12:00:00Z' }).filter((f) => f.escalateTo)).toEqual([]);
  });

  it('re-held a day after the deadline does not, and counts for Autumn 2 instead; on time it does not also stand for Autumn 2', () => {
    const late = arrangement([moved('s1', '2025-10-22', '2025-11-06')]);
    expect(checkCadence(wc, late, '2025-11-10T12:00:00Z')).toEqual([expect.objectContaining({ status: 'overdue', dueBy: '2025-10-24', escalateTo: 'supervisor-manager' })]);
    const onTime = arrangement([moved('s1', '2025-10-22', '2025-11-05')]);
    expect(checkCadence(wc, onTime, '2025-11-10T12:00:00Z')).toEqual([expect.objectContaining({ status: 'due-soon', dueBy: '2025-12-19' })]);
  });

  it('a longer working week in the settings forgives a later alternate (22 Oct → 6 Nov with 6 working days)', () => {
    const a = arrangement([moved('s1', '2025-10-22', '2025-11-06')]);
    expect(checkCadence(wc, a, '2025-11-10T12:00:00Z', { postponementWorkingDays: 6 }).filter((f) => f.status === 'overdue')).toEqual([]);
  });

  it('moved earlier into the previous half term: it counts where it was held, not where it was booked', () => {
    const a = arrangement([held('s1', '2025-10-15'), moved('s2', '2025-11-05', '2025-10-20')]);
    expect(checkCadence(wc, a, '2025-11-10T12:00:00Z')).toEqual([expect.objectContaining({ status: 'due-soon', dueBy: '2025-12-19' })]);
  });

  it('across the summer (Mon 20 Jul → Thu 3 Sep 2026) it counts for Summer 2', () => {
    const halfTerms = wc.calendar.years[0]?.halfTerms ?? [];
    const rest = halfTerms.slice(0, 5).map((h, i) => held(`h${i}`, addDays(h.start, 3)));
    const a = arrangement([...rest, moved('s6', '2026-07-20', '2026-09-03')]);
    expect(checkCadence(wc, a, '2026-09-10T12:00:00Z').filter((f) => f.status === 'overdue')).toEqual([]);
    // Before it is held, over the holiday: not overdue, due by the deadline.
    const ahead = arrangement([...rest, moved('s6', '2026-07-20', '2026-09-03', 'planned')]);
    expect(checkCadence(wc, ahead, '2026-08-10T12:00:00Z')).toEqual([expect.objectContaining({ status: 'due-soon', dueBy: '2026-09-03' })]);
  });
});

// seed 000 "Frequency of Safeguarding Supervision": until the alternate's deadline the window is not missed.
describe('a postponed session still booked ahead', () => {
  const pending = arrangement([moved('s1', '2025-10-22', '2025-11-05', 'planned'), held('s2', '2025-11-20', 'planned')]);

  it('Autumn 1 postponed 22 Oct → 5 Nov: on Tue 28 Oct it is due-soon by 5 Nov, not overdue and not escalated', () => {
    expect(checkCadence(wc, pending, '2025-10-28T12:00:00Z')).toEqual([
      expect.objectContaining({ rule: 'overdue-cadence', status: 'due-soon', dueBy: '2025-11-05', message: expect.stringContaining('Autumn 1') }),
    ]);
    expect(runComplianceChecks({ calendar: wc, arrangements: [pending], now: '2025-10-28T12:00:00Z' }).filter((f) => f.escalateTo)).toEqual([]);
    expect(checkCadence(wc, pending, '2025-11-05T08:00:00Z').filter((f) => f.status === 'overdue')).toEqual([]);
  });

  it('once the deadline has passed with the session not held (still marked planned), Autumn 1 is overdue', () => {
    expect(checkCadence(wc, pending, '2025-11-06T12:00:00Z')).toEqual([expect.objectContaining({ status: 'overdue', dueBy: '2025-10-24', escalateTo: 'supervisor-manager' })]);
  });

  it('booked past the deadline (moved in Outlook to 6 Nov): Autumn 1 is overdue straight away', () => {
    const late = arrangement([moved('s1', '2025-10-22', '2025-11-06', 'planned')]);
    expect(checkCadence(wc, late, '2025-10-28T12:00:00Z')).toEqual([expect.objectContaining({ status: 'overdue', dueBy: '2025-10-24' })]);
  });
});

describe('a postponement within the working week never makes its window overdue (property)', () => {
  const halfTerms = wc.calendar.years.flatMap((y) => y.halfTerms.map((h) => ({ ...h, year: y.label })));
  const workingDaysIn = (from: string, to: string) => {
    const out: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkingDay(wc, d)) out.push(d);
    return out;
  };
  it('holds for any half term, original day, working days 1–10 and any day asked', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: halfTerms.length - 1 }),
        fc.nat(),
        fc.integer({ min: 1, max: 10 }),
        fc.nat(),
        fc.integer({ min: 0, max: 760 }),
        (which, originalPick, workingDays, alternatePick, nowOffset) => {
          const h = halfTerms[which];
          if (!h) return;
          const days = workingDaysIn(h.start, h.end);
          const original = days[originalPick % days.length] ?? h.start;
          let deadline: string;
          try {
            deadline = addWorkingDays(wc, original, workingDays);
          } catch {
            fc.pre(false);
            return;
          }
          const choices = workingDaysIn(original, deadline);
          const alternate = choices[alternatePick % choices.length] ?? original;
          const now = londonToInstant(addDays('2025-09-01', nowOffset), '12:00');
          // Every other half term has its own session on its first working day.
          const sessions = halfTerms.flatMap((o, i): SessionFacts[] => {
            const first = workingDaysIn(o.start, o.end)[0] ?? o.start;
            if (i !== which) return [held(`h${i}`, first)];
            return [moved(`h${i}`, original, alternate)];
          });
          const asOfNow = sessions.map((s): SessionFacts => ({ ...s, status: instantMs(s.end) <= instantMs(now) ? 'held' : 'planned' }));
          const f = checkCadence(wc, arrangement(asOfNow), now, { postponementWorkingDays: workingDays });
          expect(f.filter((x) => x.status === 'overdue')).toEqual([]);
        },
      ),
    );
  });
});

// seed 000 "Entitlement": "not receiving safeguarding supervision at the required frequency during the year".
describe('a missed half term stays missed during the year', () => {
  it('Autumn 1 missed, Autumn 2 held: still overdue for Autumn 1 until the year ends', () => {
    const a = arrangement([held('s2', '2025-11-20'), held('s3', '2026-01-20', 'planned')]);
    expect(checkCadence(wc, a, '2026-01-07T12:00:00Z')).toEqual([
      expect.objectContaining({
        status: 'overdue',
        dueBy: '2025-10-24',
        message: expect.stringContaining('No session was held in Autumn 1 (2025-09-01 to 2025-10-24) and it has not been made up'),
      }),
    ]);
    const nextYear = arrangement([held('s', '2026-09-10'), held('t', '2026-11-10', 'planned')]);
    expect(checkCadence(wc, nextYear, '2026-11-05T12:00:00Z')).toEqual([]);
  });
});

// seed 002 §4.1 d): "within 24 hours" of the decision.
describe('the 24-hour decision record across a weekend and a clock change', () => {
  const d = { id: 'd1', arrangementId: 'arr-1', decidedAt: londonToInstant('2025-10-17', '15:00') }; // a Friday in term
  const working = { ...S, decisionRecordClock: 'working-days' as const };

  it('by default counts elapsed time: Friday 15:00 → Saturday 15:00', () => {
    expect(checkDecisionRecord(d, londonToInstant('2025-10-18', '15:01'), S)).toMatchObject({ status: 'overdue', dueBy: londonToInstant('2025-10-18', '15:00') });
    expect(checkDecisionRecord(d, londonToInstant('2025-10-18', '15:01'), S, wc)?.status).toBe('overdue');
  });

  it('in working time: Friday 15:00 → Monday 15:00', () => {
    expect(checkDecisionRecord(d, londonToInstant('2025-10-20', '14:59'), working, wc)).toMatchObject({
      status: 'due-soon',
      dueBy: londonToInstant('2025-10-20', '15:00'),
      message: "Confirm the decision on the child's case record by 2025-10-20 15:00.",
    });
    expect(checkDecisionRecord(d, londonToInstant('2025-10-20', '15:01'), working, wc)?.status).toBe('overdue');
    // The last day before half term: the holiday week is not working time; INSET Monday 3 Nov is.
    const beforeHalfTerm = { ...d, decidedAt: londonToInstant('2025-10-24', '15:00') };
    expect(checkDecisionRecord(beforeHalfTerm, '2025-10-27T12:00:00Z', working, wc)?.dueBy).toBe(londonToInstant('2025-11-03', '15:00'));
  });

  it('across the autumn clock change: by the London clock in working time, by the hour by default', () => {
    // A school whose Autumn 1 runs to Fri 31 Oct 2025, so term spans Sun 26 Oct (clocks go back).
    const cal = testCalendar();
    const y = cal.years[0];
    if (y) y.halfTerms = y.halfTerms.map((h) => (h.id === 'autumn1' ? { ...h, end: '2025-10-31' } : h.id === 'autumn2' ? { ...h, start: '2025-11-10' } : h));
    if (y) y.insetDays = y.insetDays.filter((x) => x.date !== '2025-11-03');
    const late = makeWorkingCalendar(validOrThrow(cal));
    const fri = { ...d, decidedAt: londonToInstant('2025-10-24', '15:00') }; // 14:00Z (BST)
    // Working time: Monday 15:00 GMT = 15:00Z, 73 real hours later.
    expect(checkDecisionRecord(fri, '2025-10-27T14:30:00Z', working, late)).toMatchObject({ status: 'due-soon', dueBy: '2025-10-27T15:00:00Z' });
    // Elapsed: 24 real hours, Saturday 15:00 BST.
    expect(checkDecisionRecord(fri, '2025-10-25T14:01:00Z', S, late)).toMatchObject({ status: 'overdue', dueBy: '2025-10-25T14:00:00Z' });
    // A 48-hour elapsed limit crosses the change: Friday 14:00Z + 48 h = Sunday 14:00Z = 14:00 GMT, not 15:00.
    expect(checkDecisionRecord(fri, '2025-10-26T13:00:00Z', { ...S, decisionRecordHours: 48 })?.dueBy).toBe('2025-10-26T14:00:00Z');
  });

  it('runComplianceChecks passes the calendar', () => {
    const f = runComplianceChecks({ calendar: wc, arrangements: [], decisions: [d], settings: { decisionRecordClock: 'working-days' }, now: '2025-10-19T12:00:00Z' });
    expect(f).toEqual([expect.objectContaining({ status: 'due-soon', dueBy: londonToInstant('2025-10-20', '15:00') })]);
  });
});

describe('ordering', () => {
  it('ties sort by code units, not by locale', () => {
    const actions = ['b', 'B', 'a', 'A'].map((id) => ({ id, arrangementId: 'arr-1', dueDate: '2025-10-01', done: false }));
    const f = runComplianceChecks({ calendar: wc, arrangements: [], actions, now: '2025-12-01T12:00:00Z' });
    expect(f.map((x) => x.subjectId)).toEqual(['A', 'B', 'a', 'b']);
  });
});

describe('complianceSettings', () => {
  it('keeps the default of a key given as undefined', () => {
    expect(complianceSettings({ contractBySession: undefined, postponementWorkingDays: undefined, dueSoonDays: 3 })).toEqual({ ...S, dueSoonDays: 3 });
    expect(complianceSettings()).toEqual(S);
  });
});
