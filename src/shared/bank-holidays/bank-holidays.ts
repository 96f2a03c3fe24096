import { yearOf, type IsoDate } from '../calendar/dates.js';
import { computeBankHolidays } from './compute-bank-holidays.js';
import type { BankHoliday, Division } from './divisions.js';
import type { GovUkBankHolidays } from './gov-uk-format.js';

const SUBSTITUTE = /substitute/i;

/**
 * gov.uk marks a substitute day in `notes` ("Substitute day") and keeps the plain title ("Boxing Day");
 * the computed list names it "Boxing Day (substitute day)". Both are read, and the title made to match.
 */
function publishedHoliday(date: IsoDate, title: string, notes: string | undefined): BankHoliday {
  const substitute = SUBSTITUTE.test(title) || SUBSTITUTE.test(notes ?? '');
  return { date, title: substitute && !SUBSTITUTE.test(title) ? `${title} (substitute day)` : title, substitute };
}

/**
 * Bank holidays for a division and year. Where gov.uk data covers that year for that division it is
 * authoritative (it carries one-off holidays such as the 2023 coronation and moved days such as VE Day
 * 2020); other years are computed.
 */
export function bankHolidaysFor(division: Division, year: number, overrides?: GovUkBankHolidays): BankHoliday[] {
  const published = overrides?.[division]?.events.filter((e) => yearOf(e.date) === year) ?? [];
  if (published.length === 0) return computeBankHolidays(division, year);
  return published.map((e) => publishedHoliday(e.date, e.title, e.notes)).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The set of bank-holiday dates for every year from `fromYear` to `toYear` inclusive. */
export function bankHolidayDates(division: Division, fromYear: number, toYear: number, overrides?: GovUkBankHolidays): Map<IsoDate, BankHoliday> {
  const out = new Map<IsoDate, BankHoliday>();
  for (let y = fromYear; y <= toYear; y++) for (const h of bankHolidaysFor(division, y, overrides)) out.set(h.date, h);
  return out;
}
