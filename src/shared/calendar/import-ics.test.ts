import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importAcademicYearFromIcs } from './import-ics.js';
import { addDays, weekday } from './dates.js';
import { DEFAULT_ENGLAND_2025_26 } from './default-england.js';

function allDay(summary: string, start: string, endExclusive: string): string {
  return [
    'BEGIN:VEVENT',
    `UID:${summary}-${start}@example.org`,
    'DTSTAMP:20250101T000000Z',
    `DTSTART;VALUE=DATE:${start.replaceAll('-', '')}`,
    `DTEND;VALUE=DATE:${endExclusive.replaceAll('-', '')}`,
    `SUMMARY:${summary}`,
    'END:VEVENT',
  ].join('\r\n');
}

function ics(events: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Example School//Term dates//EN', ...events, 'END:VCALENDAR'].join('\r\n');
}

// A feed in the common "terms as ranges, holidays as ranges" style.
const termsAndHolidays = ics([
  allDay('Autumn Term', '2025-09-01', '2025-12-20'),
  allDay('Autumn Half Term', '2025-10-27', '2025-11-01'),
  allDay('Christmas Holidays', '2025-12-22', '2026-01-03'),
  allDay('Spring Term', '2026-01-05', '2026-03-28'),
  allDay('Spring Half Term', '2026-02-14', '2026-02-23'),
  allDay('Easter Holidays', '2026-03-30', '2026-04-11'),
  allDay('Summer Term', '2026-04-13', '2026-07-23'),
  allDay('Early May Bank Holiday', '2026-05-04', '2026-05-05'),
  allDay('Summer Half Term', '2026-05-25', '2026-05-30'),
  allDay('INSET Day', '2025-09-01', '2025-09-03'),
  allDay('INSET Day', '2025-11-03', '2025-11-04'),
  allDay('INSET Day', '2026-01-05', '2026-01-06'),
  allDay('INSET Day', '2026-07-22', '2026-07-23'),
  allDay('Polling day - school closed', '2026-05-07', '2026-05-08'),
  allDay('Sports day', '2026-06-26', '2026-06-27'),
]);

describe('importing term dates from an .ics file', () => {
  it('builds six half terms, INSET and closure days from terms and holidays', () => {
    const r = importAcademicYearFromIcs(termsAndHolidays);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.year.label).toBe('2025/26');
    expect(r.year.halfTerms).toEqual(DEFAULT_ENGLAND_2025_26.halfTerms);
    expect(r.year.insetDays).toEqual(DEFAULT_ENGLAND_2025_26.insetDays);
    expect(r.year.closureDays).toEqual([{ date: '2026-05-07', reason: 'Polling day - school closed' }]);
    expect(r.notes).toEqual(["1 bank-holiday event(s) ignored: bank holidays are worked out for the school's region", '1 event(s) not recognised and ignored: "Sports day"']);
  });

  it('reads start and end markers as timed events', () => {
    const timed = (summary: string, date: string) =>
      [
        'BEGIN:VEVENT',
        `UID:${summary}@x`,
        'DTSTAMP:20250101T000000Z',
        `DTSTART:${date.replaceAll('-', '')}T083000`,
        `DTEND:${date.replaceAll('-', '')}T153000`,
        `SUMMARY:${summary}`,
        'END:VEVENT',
      ].join('\r\n');
    const r = importAcademicYearFromIcs(
      ics([
        timed('Autumn 1 starts', '2026-09-01'),
        timed('Autumn 1 ends', '2026-10-23'),
        timed('Autumn 2 starts', '2026-11-02'),
        timed('Autumn 2 ends', '2026-12-18'),
        timed('Spring 1 starts', '2027-01-04'),
        timed('Spring 1 ends', '2027-02-12'),
        timed('Spring 2 starts', '2027-02-22'),
        timed('Spring 2 ends', '2027-03-25'),
        timed('Summer 1 starts', '2027-04-12'),
        timed('Summer 1 ends', '2027-05-28'),
        timed('Summer 2 starts', '2027-06-07'),
        timed('Summer 2 ends', '2027-07-22'),
      ]),
      { label: '2026/27' },
    );
    expect(r.ok && r.year.halfTerms.map((h) => [h.start, h.end])).toEqual([
      ['2026-09-01', '2026-10-23'],
      ['2026-11-02', '2026-12-18'],
      ['2027-01-04', '2027-02-12'],
      ['2027-02-22', '2027-03-25'],
      ['2027-04-12', '2027-05-28'],
      ['2027-06-07', '2027-07-22'],
    ]);
  });

  it("refuses a label typed for the file that names another year (it would replace that year's dates), against the label", () => {
    for (const label of ['2026/27', '2025/99']) {
      expect(importAcademicYearFromIcs(termsAndHolidays, { label })).toEqual({
        ok: false,
        issues: [{ field: 'label', message: `The year labelled ${label} starts on 2025-09-01: label it 2025/26.` }],
      });
    }
    expect(importAcademicYearFromIcs(termsAndHolidays, { label: '2025/26' }).ok).toBe(true);
  });

  it('still previews a year whose dates break a rule, naming each problem against its field', () => {
    const withInsetInHalfTerm = termsAndHolidays.replace('END:VCALENDAR', `${allDay('INSET Day', '2025-10-29', '2025-10-30')}\r\nEND:VCALENDAR`);
    const r = importAcademicYearFromIcs(withInsetInHalfTerm);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.year.halfTerms).toHaveLength(6);
    expect(r.year.insetDays.map((d) => d.date)).toContain('2025-10-29');
    expect(r.issues).toEqual([
      expect.objectContaining({ field: expect.stringMatching(/^insetDays\[\d\]\.date$/), message: expect.stringMatching(/2025-10-29 is not inside a half term/) }),
    ]);
  });

  it('has no issues for a year that keeps every rule', () => {
    const r = importAcademicYearFromIcs(termsAndHolidays);
    expect(r.ok && r.issues).toEqual([]);
  });

  it('says what is wrong when the file does not give six half terms', () => {
    const r = importAcademicYearFromIcs(ics([allDay('Autumn Term', '2025-09-01', '2025-12-20'), allDay('Half term', '2025-10-27', '2025-11-01')]));
    expect(r).toEqual({
      ok: false,
      issues: [
        {
          field: 'file',
          message:
            'Found 2 blocks of term time instead of six half terms (2025-09-01 to 2025-10-24; 2025-11-03 to 2025-12-19). Check the holiday events in the file, or enter the dates by hand.',
        },
      ],
    });
  });

  it('rejects a file that is not iCalendar', () => {
    const r = importAcademicYearFromIcs('hello');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.message).toMatch(/^This is not a readable iCalendar \(\.ics\) file/);
  });
});

describe('importing awkward .ics files', () => {
  const event = (...lines: string[]) => ['BEGIN:VEVENT', `UID:${lines.join('').length}-${Math.random()}@x`, 'DTSTAMP:20250101T000000Z', ...lines, 'END:VEVENT'].join('\r\n');
  const withEvents = (...events: string[]) => termsAndHolidays.replace('END:VCALENDAR', `${events.join('\r\n')}\r\nEND:VCALENDAR`);
  const insets = (text: string) => {
    const r = importAcademicYearFromIcs(text);
    return r.ok ? r.year.insetDays.map((d) => d.date) : r.issues;
  };
  const termInsets = ['2025-09-01', '2025-09-02', '2025-11-03', '2026-01-05', '2026-07-22'];

  it('reads a file that starts with a byte-order mark (as Windows tools save it)', () => {
    const r = importAcademicYearFromIcs(`\uFEFF${termsAndHolidays}`);
    expect(r.ok && r.year.halfTerms).toEqual(DEFAULT_ENGLAND_2025_26.halfTerms);
  });

  it('refuses a date that does not exist, naming it, never rolling it over', () => {
    for (const bad of ['20260230', '20261301']) {
      const r = importAcademicYearFromIcs(withEvents(event(`DTSTART;VALUE=DATE:${bad}`, 'SUMMARY:INSET Day')));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues).toEqual([expect.objectContaining({ field: 'file', message: expect.stringContaining('INSET Day') })]);
    }
  });

  it('refuses an event whose date cannot be read instead of failing', () => {
    for (const bad of ['DTSTART:notadate', 'DTSTART;VALUE=DATE:2026']) {
      const r = importAcademicYearFromIcs(withEvents(event(bad, 'SUMMARY:INSET Day')));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues[0]?.field).toBe('file');
    }
  });

  it('reads UTC times as London days: 23:00Z on 1 June in summer time is 2 June, and an end at midnight is not a day', () => {
    expect(insets(withEvents(event('DTSTART:20260601T230000Z', 'DTEND:20260602T000000Z', 'SUMMARY:INSET Day')))).toEqual([...termInsets.slice(0, 4), '2026-06-02', '2026-07-22']);
    expect(insets(withEvents(event('DTSTART:20260609T090000', 'DTEND:20260610T000000', 'SUMMARY:INSET Day')))).toEqual([...termInsets.slice(0, 4), '2026-06-09', '2026-07-22']);
  });

  it('reads every occurrence of a repeating event (RRULE), leaving out its exceptions', () => {
    const repeating = event('DTSTART;VALUE=DATE:20260601', 'DTEND;VALUE=DATE:20260602', 'RRULE:FREQ=DAILY;COUNT=3', 'EXDATE;VALUE=DATE:20260602', 'SUMMARY:INSET Day');
    expect(insets(withEvents(repeating))).toEqual([...termInsets.slice(0, 4), '2026-06-01', '2026-06-03', '2026-07-22']);
  });

  it('reads a moved occurrence of a repeating event (RECURRENCE-ID) on its new day only', () => {
    const uid = 'UID:inset-series@x';
    const master = ['BEGIN:VEVENT', uid, 'DTSTART;VALUE=DATE:20260601', 'DTEND;VALUE=DATE:20260602', 'RRULE:FREQ=DAILY;COUNT=2', 'SUMMARY:INSET Day', 'END:VEVENT'].join('\r\n');
    const moved = ['BEGIN:VEVENT', uid, 'RECURRENCE-ID;VALUE=DATE:20260602', 'DTSTART;VALUE=DATE:20260604', 'DTEND;VALUE=DATE:20260605', 'SUMMARY:INSET Day', 'END:VEVENT'].join(
      '\r\n',
    );
    expect(insets(withEvents(master, moved))).toEqual([...termInsets.slice(0, 4), '2026-06-01', '2026-06-04', '2026-07-22']);
    const closures = importAcademicYearFromIcs(withEvents(master.replaceAll('INSET Day', 'School closed'), moved.replaceAll('INSET Day', 'School closed')));
    expect(closures.ok && [closures.year.closureDays.map((d) => d.date), closures.issues]).toEqual([['2026-05-07', '2026-06-01', '2026-06-04'], []]);
  });

  it('reads "break up" as the last day of a term, not a holiday', () => {
    const one = (summary: string, date: string) => allDay(summary, date, addDays(date, 1));
    const h = DEFAULT_ENGLAND_2025_26.halfTerms;
    const markers = h.flatMap((x, i) => [
      one(`${['Autumn', 'Autumn', 'Spring', 'Spring', 'Summer', 'Summer'][i]} term ${i + 1} starts`, x.start),
      one(`Term ${i + 1}: school breaks up`, x.end),
    ]);
    const r = importAcademicYearFromIcs(ics(markers));
    expect(r.ok && r.year.halfTerms).toEqual(h);
  });

  // The timeout is the point: walking 1900 to 9999 day by day took seconds.
  it('refuses, quickly, an event that runs for more than a year', { timeout: 1000 }, () => {
    const r = importAcademicYearFromIcs(withEvents(event('DTSTART;VALUE=DATE:19000101', 'DTEND;VALUE=DATE:99991231', 'SUMMARY:Summer holiday')));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([expect.objectContaining({ field: 'file', message: expect.stringContaining('Summer holiday') })]);
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('BEGIN:VEVENT', 'END:VEVENT', 'DTSTART:2026', 'DTSTART;VALUE=DATE:20260230', 'DTEND:x', 'RRULE:FREQ=DAILY', 'SUMMARY:INSET Day', ' folded', ''), {
          maxLength: 12,
        }),
        (lines) => {
          const r = importAcademicYearFromIcs(termsAndHolidays.replace('END:VCALENDAR', `${lines.join('\r\n')}\r\nEND:VCALENDAR`));
          expect(typeof r.ok).toBe('boolean');
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('importing term dates: properties', () => {
  // Six half terms of whole weeks (Monday to Friday) with breaks of one to three weeks between them.
  const arbYear = fc
    .record({
      startYear: fc.integer({ min: 2024, max: 2040 }),
      weeks: fc.array(fc.integer({ min: 4, max: 8 }), { minLength: 6, maxLength: 6 }),
      breaks: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 5, maxLength: 5 }),
      newline: fc.constantFrom('\r\n', '\n'),
      bom: fc.boolean(),
    })
    .map(({ startYear, weeks, breaks, newline, bom }) => {
      const firstSept = `${startYear}-09-01`;
      let monday = addDays(firstSept, (8 - weekday(firstSept)) % 7);
      const halfTerms = weeks.map((w, i) => {
        const h = { start: monday, end: addDays(monday, w * 7 - 3) };
        monday = addDays(monday, (w + (breaks[i] ?? 0)) * 7);
        return h;
      });
      return { halfTerms, newline, bom };
    });

  it('reads back the half terms of any year written as term and holiday events, whatever the line endings', () => {
    fc.assert(
      fc.property(arbYear, ({ halfTerms, newline, bom }) => {
        const h = halfTerms as [{ start: string; end: string }, ...{ start: string; end: string }[]];
        const events = [0, 2, 4].map((i) => allDay(`Term ${i / 2 + 1}`, h[i]?.start ?? '', addDays(h[i + 1]?.end ?? '', 1)));
        for (let i = 0; i < 5; i++) events.push(allDay('Holiday', addDays(h[i]?.end ?? '', 1), h[i + 1]?.start ?? ''));
        const text = (bom ? '\uFEFF' : '') + ics(events).replaceAll('\r\n', newline);
        const r = importAcademicYearFromIcs(text);
        expect(r.ok && r.year.halfTerms.map(({ start, end }) => ({ start, end }))).toEqual(halfTerms);
      }),
      { numRuns: 100 },
    );
  });
});
