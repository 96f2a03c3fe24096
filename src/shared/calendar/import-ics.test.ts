import { describe, expect, it } from 'vitest';
import { importAcademicYearFromIcs } from './import-ics.js';
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
