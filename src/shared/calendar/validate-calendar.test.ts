import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_ENGLAND_2025_26, DEFAULT_ENGLAND_2026_27, defaultEnglandCalendar } from './default-england.js';
import { validateAcademicYear, validateSchoolCalendar } from './validate-calendar.js';
import { HALF_TERM_NAMES, type AcademicYear } from './academic-year.js';
import { addDays } from './dates.js';

function edit(change: (y: AcademicYear) => void): AcademicYear {
  const y = structuredClone(DEFAULT_ENGLAND_2026_27);
  change(y);
  return y;
}

function messages(input: unknown) {
  const r = validateAcademicYear(input);
  return r.ok ? [] : r.issues;
}

describe('calendar validation', () => {
  it('accepts the default England calendar, with five INSET days a year', () => {
    expect(validateSchoolCalendar(defaultEnglandCalendar()).ok).toBe(true);
    expect(DEFAULT_ENGLAND_2025_26.insetDays).toHaveLength(5);
    expect(DEFAULT_ENGLAND_2026_27.insetDays).toHaveLength(5);
  });

  it('rejects an end before its start, naming the field and dates', () => {
    const y = edit((y) => {
      y.halfTerms[2] = { id: 'spring1', start: '2027-02-15', end: '2027-02-12' };
    });
    expect(messages(y)).toContainEqual({
      field: 'halfTerms[2].end',
      message: 'Spring 1 ends before it starts (2027-02-12 < 2027-02-15)',
    });
  });

  it('rejects overlapping half terms', () => {
    const y = edit((y) => {
      y.halfTerms[1] = { id: 'autumn2', start: '2026-10-19', end: '2026-12-18' };
    });
    expect(messages(y)).toContainEqual({
      field: 'halfTerms[1].start',
      message: 'Autumn 2 starts on 2026-10-19, before Autumn 1 ends (2026-10-23): half terms must not overlap',
    });
  });

  it('rejects a missing half term', () => {
    const y = edit((y) => {
      y.halfTerms.splice(3, 1);
    });
    expect(messages(y)).toContainEqual({
      field: 'halfTerms',
      message: 'Spring 2 is missing in 2026/27 between Spring 1 (ends 2027-02-12) and Summer 1 (starts 2027-04-12): a year needs all six half terms, Autumn 1 to Summer 2',
    });
  });

  it('rejects a closure day on a weekend, naming the date', () => {
    const y = edit((y) => {
      y.closureDays.push({ date: '2026-10-03', reason: 'Polling day' });
    });
    expect(messages(y)).toEqual([{ field: 'closureDays[0].date', message: 'Closure day 2026-10-03 is a weekend, when the school is already closed' }]);
  });

  it('names the neighbours of a missing first or last half term', () => {
    expect(messages(edit((y) => void y.halfTerms.splice(0, 1)))).toContainEqual({
      field: 'halfTerms',
      message: 'Autumn 1 is missing in 2026/27 before Autumn 2 (starts 2026-11-02): a year needs all six half terms, Autumn 1 to Summer 2',
    });
  });

  it('rejects a gap between years longer than a summer holiday (a missing year)', () => {
    const later = structuredClone(DEFAULT_ENGLAND_2026_27);
    later.label = '2027/28';
    later.halfTerms = later.halfTerms.map((h) => ({ ...h, start: addDays(h.start, 364), end: addDays(h.end, 364) }));
    later.insetDays = [];
    const r = validateSchoolCalendar({ division: 'england-and-wales', years: [DEFAULT_ENGLAND_2025_26, later] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues).toEqual([
        {
          field: 'years[1].halfTerms[0].start',
          message: '2027/28 starts on 2027-08-31, 57 weeks after 2025/26 ends (2026-07-22): a summer holiday is at most 10 weeks. Is a year missing between them?',
        },
      ]);
    }
  });

  it('rejects a date that does not exist', () => {
    const y = edit((y) => {
      y.halfTerms[2] = { id: 'spring1', start: '2027-01-04', end: '2027-02-30' };
    });
    expect(messages(y)).toEqual([{ field: 'halfTerms[2].end', message: 'Spring 1 ends on 2027-02-30, which is not a date (expected YYYY-MM-DD)' }]);
  });

  it('rejects INSET days outside term and closure days in a holiday', () => {
    const y = edit((y) => {
      y.insetDays.push({ date: '2026-10-26' });
      y.closureDays.push({ date: '2026-12-21', reason: 'Polling day' });
    });
    const issues = messages(y);
    expect(issues.map((i) => i.field)).toEqual(['insetDays[5].date', 'closureDays[0].date']);
    expect(issues[0]?.message).toContain('INSET day 2026-10-26 is not inside a half term');
  });

  it('rejects an INSET day on a bank holiday', () => {
    const cal = defaultEnglandCalendar();
    cal.years[1]?.insetDays.push({ date: '2027-05-03' });
    const r = validateSchoolCalendar(cal);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toContainEqual({ field: 'years[1].insetDays[5].date', message: 'INSET day 2027-05-03 is a bank holiday (Early May bank holiday)' });
  });

  it('rejects years out of order', () => {
    const r = validateSchoolCalendar({ division: 'england-and-wales', years: [DEFAULT_ENGLAND_2026_27, DEFAULT_ENGLAND_2025_26] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.message).toBe('2025/26 starts on 2025-09-01, before 2026/27 ends (2027-07-22): list years in order without overlap');
  });

  it('reports wrong shapes with the field path', () => {
    const r = validateSchoolCalendar({ division: 'wales', years: [] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.field)).toEqual(['division', 'years']);
  });
});

describe('validation properties', () => {
  it('any half term made to end before it starts is rejected, naming the field and both dates', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 20 }), (i, back) => {
        const y = structuredClone(DEFAULT_ENGLAND_2025_26);
        const ht = y.halfTerms[i];
        if (!ht) return;
        const start = ht.start;
        const end = new Date(Date.parse(`${start}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
        ht.end = end;
        const issues = messages(y);
        expect(issues).toContainEqual(expect.objectContaining({ field: `halfTerms[${i}].end`, message: expect.stringContaining(`(${end} < ${start})`) }));
      }),
    );
  });

  it('any half term moved to start inside the one before is rejected as an overlap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 10 }), (i, back) => {
        const y = structuredClone(DEFAULT_ENGLAND_2025_26);
        const prev = y.halfTerms[i - 1];
        const ht = y.halfTerms[i];
        if (!prev || !ht) return;
        ht.start = new Date(Date.parse(`${prev.end}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
        expect(messages(y)).toContainEqual({
          field: `halfTerms[${i}].start`,
          message: `${HALF_TERM_NAMES[ht.id]} starts on ${ht.start}, before ${HALF_TERM_NAMES[prev.id]} ends (${prev.end}): half terms must not overlap`,
        });
      }),
    );
  });
});
