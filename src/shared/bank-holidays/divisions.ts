import type { IsoDate } from '../calendar/dates.js';

/** The three gov.uk divisions, spelt as in gov.uk's bank-holidays.json. */
export const DIVISIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type Division = (typeof DIVISIONS)[number];

export interface BankHoliday {
  date: IsoDate;
  title: string;
  /** True when the day replaces one that fell on a weekend. */
  substitute: boolean;
}
