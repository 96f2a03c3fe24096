// The pure parts of the School year screen: which form keys exist (so server problems land next to
// an input that is really there), merging an imported year, and small edits.
import type { AcademicYear, SchoolCalendar } from '../../api/operations/school-year.js';

const KEY = /^years\.(\d+)(?:\.(halfTerms|insetDays|closureDays)\.(\d+)\.(start|end|date|note|reason))?$/;
const FIELDS: Record<string, readonly string[]> = { halfTerms: ['start', 'end'], insetDays: ['date', 'note'], closureDays: ['date', 'reason'] };

/** True when the form shows an input (or, for 'years.N', a year heading) for this key. */
export function calendarKeyExists(calendar: Pick<SchoolCalendar, 'years'>, key: string): boolean {
  const m = KEY.exec(key);
  if (!m) return false;
  const year = calendar.years[Number(m[1])];
  if (!year) return false;
  if (!m[2]) return true;
  const list = m[2] as 'halfTerms' | 'insetDays' | 'closureDays';
  return Number(m[3]) < year[list].length && (FIELDS[list] ?? []).includes(m[4] ?? '');
}

/** Adds an imported year, replacing one with the same label; years stay in order. */
export function mergeYear(calendar: SchoolCalendar, year: AcademicYear): { calendar: SchoolCalendar; index: number; replaced: boolean } {
  const replaced = calendar.years.some((y) => y.label === year.label);
  const years = [...calendar.years.filter((y) => y.label !== year.label), year].sort((a, b) => a.label.localeCompare(b.label));
  return { calendar: { ...calendar, years }, index: years.indexOf(year), replaced };
}

/** A year whose last half term ended before `today` (YYYY-MM-DD): shown folded. */
export function yearHasEnded(year: Pick<AcademicYear, 'halfTerms'>, today: string): boolean {
  return year.halfTerms.length > 0 && year.halfTerms.every((h) => h.end < today);
}

type ListName = 'halfTerms' | 'insetDays' | 'closureDays';

/** A copy of the calendar with one field of one list item changed. */
export function withField(calendar: SchoolCalendar, yearIndex: number, list: ListName, itemIndex: number, field: string, value: string): SchoolCalendar {
  return withYear(calendar, yearIndex, (y) => ({
    ...y,
    [list]: (y[list] as readonly Record<string, unknown>[]).map((item, i) => (i === itemIndex ? withOptional(item, field, value) : item)),
  }));
}

export function withItemAdded(calendar: SchoolCalendar, yearIndex: number, list: 'insetDays' | 'closureDays'): SchoolCalendar {
  const blank = list === 'insetDays' ? { date: '' } : { date: '', reason: '' };
  return withYear(calendar, yearIndex, (y) => ({ ...y, [list]: [...y[list], blank] }));
}

export function withItemRemoved(calendar: SchoolCalendar, yearIndex: number, list: 'insetDays' | 'closureDays', itemIndex: number): SchoolCalendar {
  return withYear(calendar, yearIndex, (y) => ({ ...y, [list]: y[list].filter((_, i) => i !== itemIndex) }));
}

function withYear(calendar: SchoolCalendar, yearIndex: number, change: (y: AcademicYear) => AcademicYear): SchoolCalendar {
  return { ...calendar, years: calendar.years.map((y, i) => (i === yearIndex ? change(y) : y)) };
}

/** An INSET day's note is optional: an empty note is left out rather than sent as ''. */
function withOptional(item: Record<string, unknown>, field: string, value: string): Record<string, unknown> {
  if (field === 'note' && value.trim() === '') {
    const { note: _note, ...rest } = item;
    return rest;
  }
  return { ...item, [field]: value };
}
