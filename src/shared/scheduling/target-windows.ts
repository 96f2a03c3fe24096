import { HALF_TERM_NAMES, type AcademicYear } from '../calendar/academic-year.js';
import { addDays, isoDate, maxDate, minDate, weekday, yearOf, type IsoDate } from '../calendar/dates.js';
import { termsOf } from '../calendar/terms.js';
import { workingDayIndexes } from '../calendar/calendar-days.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { Cadence } from '../policy/supervision-policy.js';

/** A span of school days in which one session should fall. */
export interface TargetWindow {
  id: string;
  label: string;
  start: IsoDate;
  end: IsoDate;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function findYear(wc: WorkingCalendar, label: string): AcademicYear {
  const year = wc.calendar.years.find((y) => y.label === label);
  if (!year) {
    const known = wc.calendar.years.map((y) => y.label).join(', ');
    throw new RangeError(`No academic year ${label} in the school calendar (it has ${known}): add it first`);
  }
  return year;
}

/**
 * The windows for one academic year under a cadence: one per half term, one per term, one per
 * calendar month, or one per N-week block from the first day of term. Windows with no working day are
 * left out; as-required debriefs have none.
 */
export function targetWindows(wc: WorkingCalendar, yearLabel: string, cadence: Cadence): TargetWindow[] {
  const year = findYear(wc, yearLabel);
  const first = year.halfTerms[0]?.start ?? '';
  const last = year.halfTerms[5]?.end ?? '';
  const hasWorkingDay = (w: TargetWindow) => workingDayIndexes(wc, w.start, w.end).length > 0;

  switch (cadence.kind) {
    case 'half-termly':
      return year.halfTerms.map((h) => ({ id: `${year.label}:${h.id}`, label: HALF_TERM_NAMES[h.id], start: h.start, end: h.end }));
    case 'termly':
      return termsOf(year).map((t) => ({ id: `${year.label}:${t.id}`, label: t.name, start: t.start, end: t.end }));
    case 'monthly': {
      const out: TargetWindow[] = [];
      for (let m = isoDate(yearOf(first), Number(first.slice(5, 7)), 1); m <= last; m = isoDate(yearOf(m), Number(m.slice(5, 7)) + 1, 1)) {
        const monthEnd = isoDate(yearOf(m), Number(m.slice(5, 7)) + 1, 0);
        out.push({
          id: `${year.label}:${m.slice(0, 7)}`,
          label: `${MONTHS[Number(m.slice(5, 7)) - 1]} ${yearOf(m)}`,
          start: maxDate(m, first),
          end: minDate(monthEnd, last),
        });
      }
      return out.filter(hasWorkingDay);
    }
    case 'every-n-weeks': {
      const out: TargetWindow[] = [];
      const monday = addDays(first, 1 - weekday(first));
      for (let k = 0, s = monday; s <= last; k++, s = addDays(s, cadence.weeks * 7)) {
        const start = maxDate(s, first);
        const end = minDate(addDays(s, cadence.weeks * 7 - 1), last);
        out.push({
          id: `${year.label}:w${k * cadence.weeks + 1}`,
          label: `Weeks ${k * cadence.weeks + 1}–${(k + 1) * cadence.weeks} (${start} to ${end})`,
          start,
          end,
        });
      }
      return out.filter(hasWorkingDay);
    }
    case 'as-required':
      return [];
  }
}
