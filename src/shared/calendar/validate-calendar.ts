import type { z } from 'zod';
import { bankHolidayDates } from '../bank-holidays/bank-holidays.js';
import { HALF_TERM_IDS, HALF_TERM_NAMES, type AcademicYear, type ValidSchoolCalendar } from './academic-year.js';
import { academicYearSchema, schoolCalendarSchema } from './calendar-schema.js';
import { daysBetween, isIsoDate, isWeekend, yearOf } from './dates.js';
import type { Validated, ValidationIssue } from './validation-issue.js';

/** Longest summer holiday accepted between consecutive years: 10 weeks. */
const MAX_SUMMER_DAYS = 10 * 7;

function fieldOf(path: readonly PropertyKey[], prefix: string): string {
  let out = prefix;
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out;
}

function zodIssues(error: z.ZodError, prefix = ''): ValidationIssue[] {
  return error.issues.map((i) => ({ field: fieldOf(i.path, prefix), message: i.message }));
}

function inAnyHalfTerm(year: AcademicYear, date: string): boolean {
  return year.halfTerms.some((h) => h.start <= date && date <= h.end);
}

/** Checks one year's dates; `prefix` places the fields inside a whole calendar ('years[1]'). */
export function academicYearIssues(year: AcademicYear, prefix = ''): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const f = (rest: string) => (prefix ? `${prefix}.${rest}` : rest);
  const where = `in ${year.label}`;

  const ids = year.halfTerms.map((h) => h.id);
  const missing = HALF_TERM_IDS.filter((id) => !ids.includes(id));
  for (const id of missing) {
    // Name the neighbours that are there, so the admin sees where the gap is.
    const order = HALF_TERM_IDS.indexOf(id);
    const before = [...HALF_TERM_IDS.slice(0, order)]
      .reverse()
      .map((x) => year.halfTerms.find((h) => h.id === x))
      .find((h) => h !== undefined);
    const after = HALF_TERM_IDS.slice(order + 1)
      .map((x) => year.halfTerms.find((h) => h.id === x))
      .find((h) => h !== undefined);
    const sides = [before && `after ${HALF_TERM_NAMES[before.id]} (ends ${before.end})`, after && `before ${HALF_TERM_NAMES[after.id]} (starts ${after.start})`].filter(Boolean);
    const between =
      before && after ? ` between ${HALF_TERM_NAMES[before.id]} (ends ${before.end}) and ${HALF_TERM_NAMES[after.id]} (starts ${after.start})` : sides.length ? ` ${sides[0]}` : '';
    issues.push({ field: f('halfTerms'), message: `${HALF_TERM_NAMES[id]} is missing ${where}${between}: a year needs all six half terms, Autumn 1 to Summer 2` });
  }
  const seen = new Set<string>();
  year.halfTerms.forEach((h, i) => {
    if (seen.has(h.id)) issues.push({ field: f(`halfTerms[${i}].id`), message: `${HALF_TERM_NAMES[h.id]} appears twice ${where}` });
    seen.add(h.id);
  });
  if (missing.length === 0 && seen.size === 6 && ids.some((id, i) => id !== HALF_TERM_IDS[i])) {
    issues.push({ field: f('halfTerms'), message: `Half terms ${where} must be listed in order, Autumn 1 to Summer 2 (found ${ids.map((id) => HALF_TERM_NAMES[id]).join(', ')})` });
  }

  let datesOk = true;
  year.halfTerms.forEach((h, i) => {
    const name = HALF_TERM_NAMES[h.id];
    for (const key of ['start', 'end'] as const) {
      if (!isIsoDate(h[key])) {
        datesOk = false;
        issues.push({ field: f(`halfTerms[${i}].${key}`), message: `${name} ${key === 'start' ? 'starts' : 'ends'} on ${h[key]}, which is not a date (expected YYYY-MM-DD)` });
      }
    }
  });
  if (!datesOk) return issues;

  year.halfTerms.forEach((h, i) => {
    const name = HALF_TERM_NAMES[h.id];
    if (h.end < h.start) issues.push({ field: f(`halfTerms[${i}].end`), message: `${name} ends before it starts (${h.end} < ${h.start})` });
    const prev = year.halfTerms[i - 1];
    if (prev && h.start <= prev.end) {
      issues.push({
        field: f(`halfTerms[${i}].start`),
        message: `${name} starts on ${h.start}, before ${HALF_TERM_NAMES[prev.id]} ends (${prev.end}): half terms must not overlap`,
      });
    }
    if (isWeekend(h.start)) issues.push({ field: f(`halfTerms[${i}].start`), message: `${name} starts on a weekend (${h.start})` });
    if (isWeekend(h.end)) issues.push({ field: f(`halfTerms[${i}].end`), message: `${name} ends on a weekend (${h.end})` });
  });
  const first = year.halfTerms[0];
  const last = year.halfTerms[year.halfTerms.length - 1];
  if (first && last && daysBetween(first.start, last.end) > 365) {
    issues.push({ field: f('halfTerms'), message: `${year.label} runs from ${first.start} to ${last.end}, longer than a year` });
  }

  const insetSeen = new Set<string>();
  year.insetDays.forEach((d, i) => {
    const field = f(`insetDays[${i}].date`);
    if (!isIsoDate(d.date)) return void issues.push({ field, message: `INSET day ${d.date} is not a date (expected YYYY-MM-DD)` });
    if (insetSeen.has(d.date)) issues.push({ field, message: `INSET day ${d.date} is listed twice` });
    insetSeen.add(d.date);
    if (isWeekend(d.date)) issues.push({ field, message: `INSET day ${d.date} is a weekend` });
    else if (!inAnyHalfTerm(year, d.date)) {
      issues.push({ field, message: `INSET day ${d.date} is not inside a half term ${where}: move the INSET day or the half term's start or end to include it` });
    }
  });
  const closureSeen = new Set<string>();
  year.closureDays.forEach((d, i) => {
    const field = f(`closureDays[${i}].date`);
    if (!isIsoDate(d.date)) return void issues.push({ field, message: `Closure day ${d.date} is not a date (expected YYYY-MM-DD)` });
    if (closureSeen.has(d.date)) issues.push({ field, message: `Closure day ${d.date} is listed twice` });
    closureSeen.add(d.date);
    if (insetSeen.has(d.date)) issues.push({ field, message: `${d.date} is both an INSET day and a closure day: keep one` });
    if (isWeekend(d.date)) issues.push({ field, message: `Closure day ${d.date} is a weekend, when the school is already closed` });
    else if (!inAnyHalfTerm(year, d.date)) issues.push({ field, message: `Closure day ${d.date} is not inside a half term ${where}, so the school is already closed` });
  });
  return issues;
}

export function validateAcademicYear(input: unknown): Validated<AcademicYear> {
  const parsed = academicYearSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
  const issues = academicYearIssues(parsed.data);
  return issues.length ? { ok: false, issues } : { ok: true, value: parsed.data };
}

/**
 * Validates a whole school calendar: every year, the order of years, and INSET days on bank holidays.
 * The value is a new object (the input is not kept), branded as valid for `makeWorkingCalendar`.
 */
export function validateSchoolCalendar(input: unknown): Validated<ValidSchoolCalendar> {
  const parsed = schoolCalendarSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
  const cal = parsed.data;
  const issues = cal.years.flatMap((y, i) => academicYearIssues(y, `years[${i}]`));
  if (issues.length) return { ok: false, issues };

  cal.years.forEach((y, i) => {
    const prev = cal.years[i - 1];
    const start = y.halfTerms[0]?.start ?? '';
    const prevEnd = prev?.halfTerms[5]?.end ?? '';
    if (prev && start <= prevEnd) {
      issues.push({
        field: `years[${i}].halfTerms[0].start`,
        message: `${y.label} starts on ${start}, before ${prev.label} ends (${prevEnd}): list years in order without overlap`,
      });
    } else if (prev && daysBetween(prevEnd, start) > MAX_SUMMER_DAYS) {
      // Otherwise a missing year would silently count as one long summer holiday.
      issues.push({
        field: `years[${i}].halfTerms[0].start`,
        message: `${y.label} starts on ${start}, ${Math.floor(daysBetween(prevEnd, start) / 7)} weeks after ${prev.label} ends (${prevEnd}): a summer holiday is at most 10 weeks. Is a year missing between them?`,
      });
    }
    const from = yearOf(y.halfTerms[0]?.start ?? '2000-01-01');
    const holidays = bankHolidayDates(cal.division, from, from + 1, cal.bankHolidayOverrides);
    y.insetDays.forEach((d, j) => {
      const bh = holidays.get(d.date);
      if (bh) issues.push({ field: `years[${i}].insetDays[${j}].date`, message: `INSET day ${d.date} is a bank holiday (${bh.title})` });
    });
  });
  return issues.length ? { ok: false, issues } : { ok: true, value: cal as ValidSchoolCalendar };
}
