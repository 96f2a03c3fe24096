import ICAL from 'ical.js';
import type { AcademicYear, ClosureDay, HalfTerm, InsetDay } from './academic-year.js';
import { HALF_TERM_IDS } from './academic-year.js';
import { addDays, isoDate, isWeekend, type IsoDate } from './dates.js';
import { validateAcademicYear } from './validate-calendar.js';
import type { ValidationIssue } from './validation-issue.js';

/**
 * A file that gives six half terms is read into a year even when its dates break a rule: `issues` names
 * each problem against its field so the admin can see and fix it in the preview. A file that cannot be
 * read into a year at all is `ok: false`.
 */
export type IcsImportResult = { ok: true; year: AcademicYear; notes: string[]; issues: ValidationIssue[] } | { ok: false; issues: ValidationIssue[] };

type EventKind = 'inset' | 'closure' | 'bank-holiday' | 'holiday' | 'term-start' | 'term-end' | 'term' | 'other';

interface DayRange {
  summary: string;
  start: IsoDate;
  end: IsoDate; // inclusive
}

// Term-date feeds name things in many ways; these patterns cover the usual English ones.
function classify(summary: string): EventKind {
  const s = summary.toLowerCase();
  if (/\binset\b|training day|staff development|non[- ]pupil|teacher day|\btd day\b/.test(s)) return 'inset';
  if (/bank holiday|may day/.test(s)) return 'bank-holiday';
  if (/half[- ]?term|holiday|break|vacation/.test(s)) return 'holiday';
  if (/polling|election|clos(ed|ure)/.test(s)) return 'closure';
  if (/autumn|spring|summer|\bterm\b/.test(s)) {
    if (/start|begin|first day|opens|return/.test(s)) return 'term-start';
    if (/\bend|finish|last day|closes|break up/.test(s)) return 'term-end';
    return 'term';
  }
  return 'other';
}

function toIso(t: ICAL.Time): IsoDate {
  return isoDate(t.year, t.month, t.day);
}

function rangeOf(event: ICAL.Event): DayRange {
  const start = toIso(event.startDate);
  const endTime = event.endDate;
  // DTEND of an all-day event is the day after; a timed event ends on its own day.
  let end = endTime ? (endTime.isDate ? addDays(toIso(endTime), -1) : toIso(endTime)) : start;
  if (end < start) end = start;
  return { summary: event.summary ?? '', start, end };
}

function weekdaysIn(r: DayRange): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = r.start; d <= r.end; d = addDays(d, 1)) if (!isWeekend(d)) out.push(d);
  return out;
}

/**
 * Reads a school's term dates from an iCalendar file: term events (ranges, or start and end markers)
 * give the school's open days, holiday events cut them into half terms, INSET and closure events give
 * those days, bank holidays are ignored (they are computed). The year is validated like any other and
 * is meant for an admin to check and edit.
 */
export function importAcademicYearFromIcs(ics: string, options: { label?: string } = {}): IcsImportResult {
  let events: ICAL.Event[];
  try {
    const root = new ICAL.Component(ICAL.parse(ics));
    events = root.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  } catch (e) {
    return { ok: false, issues: [{ field: 'file', message: `This is not a readable iCalendar (.ics) file: ${e instanceof Error ? e.message : String(e)}` }] };
  }

  const byKind = new Map<EventKind, DayRange[]>();
  for (const ev of events) {
    if (!ev.startDate) continue;
    const r = rangeOf(ev);
    const k = classify(r.summary);
    byKind.set(k, [...(byKind.get(k) ?? []), r]);
  }
  const of = (k: EventKind) => (byKind.get(k) ?? []).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const notes: string[] = [];

  const open = new Set<IsoDate>();
  for (const r of of('term')) for (const d of weekdaysIn(r)) open.add(d);
  const starts = of('term-start');
  const ends = of('term-end');
  for (const s of starts) {
    const e = ends.find((x) => x.start >= s.start);
    if (e) for (const d of weekdaysIn({ summary: '', start: s.start, end: e.end })) open.add(d);
    else notes.push(`"${s.summary}" on ${s.start} has no matching end of term and was left out`);
  }
  for (const r of of('inset')) for (const d of weekdaysIn(r)) open.add(d); // INSET days are in term
  if (open.size === 0) {
    return { ok: false, issues: [{ field: 'file', message: 'No term dates found: the file needs events naming the terms (e.g. "Autumn term") or their start and end days' }] };
  }
  for (const r of of('holiday')) for (const d of weekdaysIn(r)) open.delete(d);

  // Runs of open weekdays (weekends do not break a run) are the half terms.
  const days = [...open].sort();
  const runs: { start: IsoDate; end: IsoDate }[] = [];
  for (const d of days) {
    const last = runs[runs.length - 1];
    let bridge = last ? addDays(last.end, 1) : '';
    while (last && bridge < d && isWeekend(bridge)) bridge = addDays(bridge, 1);
    if (last && bridge === d) last.end = d;
    else runs.push({ start: d, end: d });
  }
  if (runs.length !== 6) {
    return {
      ok: false,
      issues: [
        {
          field: 'file',
          message: `Found ${runs.length} blocks of term time instead of six half terms (${runs.map((r) => `${r.start} to ${r.end}`).join('; ')}). Check the holiday events in the file, or enter the dates by hand.`,
        },
      ],
    };
  }

  const first = runs[0]?.start ?? '';
  const label = options.label ?? `${first.slice(0, 4)}/${String((Number(first.slice(0, 4)) + 1) % 100).padStart(2, '0')}`;
  const halfTerms: HalfTerm[] = runs.map((r, i) => ({ id: HALF_TERM_IDS[i] ?? 'summer2', start: r.start, end: r.end }));
  const insetDays: InsetDay[] = [...new Set(of('inset').flatMap(weekdaysIn))].sort().map((date) => ({ date }));
  const closureDays: ClosureDay[] = of('closure').flatMap((r) => weekdaysIn(r).map((date) => ({ date, reason: r.summary })));
  if (of('bank-holiday').length) notes.push(`${of('bank-holiday').length} bank-holiday event(s) ignored: bank holidays are worked out for the school's region`);
  if (of('other').length)
    notes.push(
      `${of('other').length} event(s) not recognised and ignored: ${of('other')
        .map((r) => `"${r.summary}"`)
        .join(', ')}`,
    );

  const year: AcademicYear = { label, halfTerms, insetDays, closureDays };
  const checked = validateAcademicYear(year);
  return checked.ok ? { ok: true, year: checked.value, notes, issues: [] } : { ok: true, year, notes, issues: checked.issues };
}
