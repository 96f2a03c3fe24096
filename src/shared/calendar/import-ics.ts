import ICAL from 'ical.js';
import type { AcademicYear, ClosureDay, HalfTerm, InsetDay } from './academic-year.js';
import { HALF_TERM_IDS } from './academic-year.js';
import { addDays, daysBetween, isIsoDate, isoDate, isRealDate, isWeekend, type IsoDate } from './dates.js';
import { instantToLondon } from './london-time.js';
import { validateAcademicYear } from './validate-calendar.js';
import { yearLabelIssues, yearLabelStarting } from './year-labels.js';
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
  // "Breaks up" is the last day of term, not a holiday.
  if (/half[- ]?term|holiday|break(?!s? up)|vacation/.test(s)) return 'holiday';
  if (/polling|election|clos(ed|ure)/.test(s)) return 'closure';
  if (/autumn|spring|summer|\bterm\b/.test(s)) {
    if (/start|begin|first day|opens|return/.test(s)) return 'term-start';
    if (/\bend|finish|last day|closes|breaks? up/.test(s)) return 'term-end';
    return 'term';
  }
  return 'other';
}

/** An event the import cannot use as it stands: the file is refused with this message, naming the event. */
class UnreadableEvent extends Error {}

/** Longest event read: a term or a holiday is never longer than a year, and this keeps a bad file quick to refuse. */
const MAX_EVENT_DAYS = 366;
/** Occurrences of a repeating event read, and how far after its first one: a year's file needs no more. */
const MAX_OCCURRENCES = 800;
const MAX_OCCURRENCE_DAYS = 2 * 366;

/** The London day and time of an iCalendar time: a UTC time is moved to London, any other is read as written. */
function londonOf(t: ICAL.Time, summary: string): { date: IsoDate; midnight: boolean } {
  // Never roll over a date that does not exist (docs/rules.md "How dates and times are written").
  if (!isRealDate(t.year, t.month, t.day) || t.year > 9999) throw new UnreadableEvent(`"${summary}" has a date outside the years this app reads: correct it in the file`);
  if (t.isDate) return { date: isoDate(t.year, t.month, t.day), midnight: true };
  if (t.zone?.tzid === 'UTC') {
    const london = instantToLondon(new Date(t.toUnixTime() * 1000).toISOString());
    return { date: london.date, midnight: london.time === '00:00' && t.second === 0 };
  }
  return { date: isoDate(t.year, t.month, t.day), midnight: t.hour === 0 && t.minute === 0 && t.second === 0 };
}

function rangeOf(summary: string, startTime: ICAL.Time, endTime: ICAL.Time | undefined): DayRange {
  const start = londonOf(startTime, summary).date;
  // DTEND is exclusive: an all-day event (or a timed one ending at midnight) ends the day before.
  const endAt = endTime ? londonOf(endTime, summary) : undefined;
  let end = endAt ? (endAt.midnight ? addDays(endAt.date, -1) : endAt.date) : start;
  if (end < start) end = start;
  if (daysBetween(start, end) >= MAX_EVENT_DAYS) throw new UnreadableEvent(`"${summary}" runs from ${start} to ${end}, more than a year: correct its dates in the file`);
  return { summary, start, end };
}

const DATE_PROPERTIES = ['dtstart', 'dtend', 'exdate', 'rdate', 'recurrence-id'];

/** The parser carries a date that does not exist over (20270230 becomes 2 March), so the text is checked first. */
function checkDatesExist(vevent: ICAL.Component, summary: string): void {
  for (const p of vevent.getAllProperties()) {
    if (!DATE_PROPERTIES.includes(p.name)) continue;
    for (const value of p.jCal.slice(3)) {
      const date = typeof value === 'string' ? value.slice(0, 10) : '';
      if (date && !isIsoDate(date)) throw new UnreadableEvent(`"${summary}" has a date that does not exist (${date}): correct it in the file`);
    }
  }
}

/** Each day range of an event: one, or one for each occurrence of a repeating event (its exceptions left out). */
function rangesOf(event: ICAL.Event): DayRange[] {
  const summary = event.summary ?? '';
  if (!event.isRecurring()) return [rangeOf(summary, event.startDate, event.endDate)];
  const out: DayRange[] = [];
  const iterator = event.iterator();
  for (let next = iterator.next(); next && out.length < MAX_OCCURRENCES; next = iterator.next()) {
    const occurrence = event.getOccurrenceDetails(next);
    const range = rangeOf(summary, occurrence.startDate, occurrence.endDate);
    if (out[0] && daysBetween(out[0].start, range.start) > MAX_OCCURRENCE_DAYS) break;
    out.push(range);
  }
  return out;
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
  const byKind = new Map<EventKind, DayRange[]>();
  const ignored: Record<'bank-holiday' | 'other', string[]> = { 'bank-holiday': [], other: [] };
  try {
    // Windows tools often save a byte-order mark first, which the parser does not expect.
    const text = ics.replace(/^\uFEFF/, '');
    if (!/^\s*BEGIN:VCALENDAR/i.test(text)) throw new Error('it does not start with BEGIN:VCALENDAR');
    const root = new ICAL.Component(ICAL.parse(text));
    const vevents = root.getAllSubcomponents('vevent');
    const series = new Set(vevents.filter((v) => !v.hasProperty('recurrence-id')).map((v) => String(v.getFirstPropertyValue('uid'))));
    for (const v of vevents) {
      const ev = new ICAL.Event(v);
      checkDatesExist(v, ev.summary ?? '');
      // A moved occurrence (RECURRENCE-ID) is read with its series, which ical.js relates to it.
      if (ev.isRecurrenceException() && series.has(ev.uid)) continue;
      if (!ev.startDate) continue;
      const k = classify(ev.summary ?? '');
      // Ignored events are only named in the notes, so their dates are not read.
      if (k === 'other' || k === 'bank-holiday') ignored[k].push(ev.summary ?? '');
      else byKind.set(k, [...(byKind.get(k) ?? []), ...rangesOf(ev)]);
    }
  } catch (e) {
    if (e instanceof UnreadableEvent) return { ok: false, issues: [{ field: 'file', message: e.message }] };
    return { ok: false, issues: [{ field: 'file', message: `This is not a readable iCalendar (.ics) file: ${e instanceof Error ? e.message : String(e)}` }] };
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
  const label = options.label ?? yearLabelStarting(Number(first.slice(0, 4)));
  const halfTerms: HalfTerm[] = runs.map((r, i) => ({ id: HALF_TERM_IDS[i] ?? 'summer2', start: r.start, end: r.end }));
  const insetDays: InsetDay[] = [...new Set(of('inset').flatMap(weekdaysIn))].sort().map((date) => ({ date }));
  const closureDays: ClosureDay[] = of('closure').flatMap((r) => weekdaysIn(r).map((date) => ({ date, reason: r.summary })));
  if (ignored['bank-holiday'].length) notes.push(`${ignored['bank-holiday'].length} bank-holiday event(s) ignored: bank holidays are worked out for the school's region`);
  if (ignored.other.length) notes.push(`${ignored.other.length} event(s) not recognised and ignored: ${ignored.other.map((s) => `"${s}"`).join(', ')}`);

  const year: AcademicYear = { label, halfTerms, insetDays, closureDays };
  // A label typed for the file that names another year would replace that year when added.
  const labelIssues = yearLabelIssues([year], () => 'label');
  if (labelIssues.length > 0) return { ok: false, issues: labelIssues };
  const checked = validateAcademicYear(year);
  return checked.ok ? { ok: true, year: checked.value, notes, issues: [] } : { ok: true, year, notes, issues: checked.issues };
}
