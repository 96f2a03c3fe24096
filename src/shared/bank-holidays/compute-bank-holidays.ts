import { addDays, isoDate, isWeekend, weekday, type IsoDate } from '../calendar/dates.js';
import type { BankHoliday, Division } from './divisions.js';
import { easterSunday } from './easter.js';

function firstMonday(year: number, month: number): IsoDate {
  const first = isoDate(year, month, 1);
  return addDays(first, (8 - weekday(first)) % 7);
}

function lastMonday(year: number, month: number): IsoDate {
  const last = isoDate(year, month + 1, 0);
  return addDays(last, -((weekday(last) + 6) % 7));
}

interface Fixed {
  date: IsoDate;
  title: string;
}

/**
 * Holidays on fixed dates move to the next weekday that is not already a holiday when they fall on a
 * weekend (Christmas on a Saturday → Monday 27th, Boxing Day → Tuesday 28th). gov.uk names these
 * "(substitute day)".
 */
function withSubstitutes(fixed: Fixed[], taken: Set<IsoDate>): BankHoliday[] {
  const out: BankHoliday[] = [];
  for (const f of fixed) if (!isWeekend(f.date)) taken.add(f.date);
  for (const f of fixed) {
    if (!isWeekend(f.date)) {
      out.push({ date: f.date, title: f.title, substitute: false });
      continue;
    }
    let d = addDays(f.date, 1);
    while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    out.push({ date: d, title: `${f.title} (substitute day)`, substitute: true });
  }
  return out;
}

/**
 * The bank holidays of a division in a calendar year under the standing rules (Banking and Financial
 * Dealings Act 1971 and royal proclamations). One-off changes (a coronation, a moved May holiday) come
 * from gov.uk data: see `bankHolidaysFor`.
 */
export function computeBankHolidays(division: Division, year: number): BankHoliday[] {
  const easter = easterSunday(year);
  const moveable: BankHoliday[] = [
    { date: addDays(easter, -2), title: 'Good Friday', substitute: false },
    { date: firstMonday(year, 5), title: 'Early May bank holiday', substitute: false },
    { date: lastMonday(year, 5), title: 'Spring bank holiday', substitute: false },
  ];
  if (division !== 'scotland') moveable.push({ date: addDays(easter, 1), title: 'Easter Monday', substitute: false });
  moveable.push(
    division === 'scotland'
      ? { date: firstMonday(year, 8), title: 'Summer bank holiday', substitute: false }
      : { date: lastMonday(year, 8), title: 'Summer bank holiday', substitute: false },
  );

  const fixed: Fixed[] = [{ date: isoDate(year, 1, 1), title: 'New Year’s Day' }];
  if (division === 'scotland') fixed.push({ date: isoDate(year, 1, 2), title: '2nd January' });
  if (division === 'northern-ireland') {
    fixed.push({ date: isoDate(year, 3, 17), title: 'St Patrick’s Day' });
    fixed.push({ date: isoDate(year, 7, 12), title: 'Battle of the Boyne (Orangemen’s Day)' });
  }
  if (division === 'scotland') fixed.push({ date: isoDate(year, 11, 30), title: 'St Andrew’s Day' });
  fixed.push({ date: isoDate(year, 12, 25), title: 'Christmas Day' }, { date: isoDate(year, 12, 26), title: 'Boxing Day' });

  const taken = new Set(moveable.map((h) => h.date));
  const all = [...moveable, ...withSubstitutes(fixed, taken)];
  return all.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
