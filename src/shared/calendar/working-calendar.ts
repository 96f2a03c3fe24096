import { bankHolidayDates } from '../bank-holidays/bank-holidays.js';
import type { BankHoliday } from '../bank-holidays/divisions.js';
import { HALF_TERM_NAMES, type AcademicYear, type HalfTerm, type ValidSchoolCalendar } from './academic-year.js';
import { isWeekend, yearOf, type IsoDate } from './dates.js';
import { holidaysOf } from './terms.js';

export type DayKind =
  | { kind: 'term'; halfTerm: HalfTerm; year: AcademicYear }
  | { kind: 'inset'; halfTerm: HalfTerm; year: AcademicYear }
  | { kind: 'weekend' }
  | { kind: 'bank-holiday'; title: string }
  | { kind: 'closure'; reason: string }
  | { kind: 'school-holiday'; name: string }
  | { kind: 'outside-calendar' };

/**
 * A school calendar ready for day-by-day questions. Build it once per calendar (`makeWorkingCalendar`)
 * and pass it to the working-day, planning and compliance functions.
 */
export interface WorkingCalendar {
  calendar: ValidSchoolCalendar;
  /** First and last days covered by the calendar's years (inclusive). */
  firstDay: IsoDate;
  lastDay: IsoDate;
  bankHolidays: ReadonlyMap<IsoDate, BankHoliday>;
  closures: ReadonlyMap<IsoDate, string>;
  insets: ReadonlySet<IsoDate>;
}

/**
 * Only a calendar that passed `validateSchoolCalendar` (the type says so): pass the `value` of its result,
 * or `defaultEnglandCalendar()`.
 */
export function makeWorkingCalendar(calendar: ValidSchoolCalendar): WorkingCalendar {
  const years = calendar.years;
  const firstDay = years[0]?.halfTerms[0]?.start;
  const lastDay = years[years.length - 1]?.halfTerms[5]?.end;
  if (!firstDay || !lastDay) throw new RangeError('The school calendar has no complete academic year');
  const closures = new Map<IsoDate, string>();
  const insets = new Set<IsoDate>();
  for (const y of years) {
    for (const c of y.closureDays) closures.set(c.date, c.reason);
    for (const d of y.insetDays) insets.add(d.date);
  }
  return {
    calendar,
    firstDay,
    lastDay,
    bankHolidays: bankHolidayDates(calendar.division, yearOf(firstDay), yearOf(lastDay), calendar.bankHolidayOverrides),
    closures,
    insets,
  };
}

function yearAndHalfTerm(wc: WorkingCalendar, date: IsoDate): { year: AcademicYear; halfTerm: HalfTerm } | undefined {
  for (const year of wc.calendar.years) {
    const halfTerm = year.halfTerms.find((h) => h.start <= date && date <= h.end);
    if (halfTerm) return { year, halfTerm };
  }
  return undefined;
}

function holidayName(wc: WorkingCalendar, date: IsoDate): string {
  for (const year of wc.calendar.years) {
    const h = holidaysOf(year).find((x) => x.start <= date && date <= x.end);
    if (h) return h.name;
  }
  return 'Summer holiday';
}

/** What kind of day `date` is for the school. Weekends and bank holidays win over term. */
export function dayKind(wc: WorkingCalendar, date: IsoDate): DayKind {
  if (isWeekend(date)) return { kind: 'weekend' };
  const bh = wc.bankHolidays.get(date);
  if (bh) return { kind: 'bank-holiday', title: bh.title };
  if (date < wc.firstDay || date > wc.lastDay) return { kind: 'outside-calendar' };
  const closure = wc.closures.get(date);
  if (closure !== undefined) return { kind: 'closure', reason: closure };
  const found = yearAndHalfTerm(wc, date);
  if (!found) return { kind: 'school-holiday', name: holidayName(wc, date) };
  return wc.insets.has(date) ? { kind: 'inset', ...found } : { kind: 'term', ...found };
}

/**
 * A working day is a weekday in a half term that is not a bank holiday or a closure day. INSET days are
 * working days (staff are in). Days outside the calendar's years are unknown, so not working days.
 */
export function isWorkingDay(wc: WorkingCalendar, date: IsoDate): boolean {
  const k = dayKind(wc, date).kind;
  return k === 'term' || k === 'inset';
}

export function isInsetDay(wc: WorkingCalendar, date: IsoDate): boolean {
  return dayKind(wc, date).kind === 'inset';
}

/** True when a session may be planned on `date`: a working day, and not INSET unless the school allows it. */
export function isPlannableDay(wc: WorkingCalendar, date: IsoDate, allowInsetDays: boolean): boolean {
  const k = dayKind(wc, date).kind;
  return k === 'term' || (k === 'inset' && allowInsetDays);
}

/** Plain words for a day, for reasons and messages: 'a bank holiday (Easter Monday)'. */
export function describeDayKind(kind: DayKind): string {
  switch (kind.kind) {
    case 'term':
      return `a school day in ${HALF_TERM_NAMES[kind.halfTerm.id]}`;
    case 'inset':
      return `an INSET day in ${HALF_TERM_NAMES[kind.halfTerm.id]}`;
    case 'weekend':
      return 'a weekend';
    case 'bank-holiday':
      return `a bank holiday (${kind.title})`;
    case 'closure':
      return `a closure day (${kind.reason})`;
    case 'school-holiday':
      return `in the ${kind.name}`;
    case 'outside-calendar':
      return 'outside the school calendar (add that academic year)';
  }
}
