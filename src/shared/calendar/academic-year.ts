import type { Division } from '../bank-holidays/divisions.js';
import type { GovUkBankHolidays } from '../bank-holidays/gov-uk-format.js';
import type { IsoDate } from './dates.js';

export const HALF_TERM_IDS = ['autumn1', 'autumn2', 'spring1', 'spring2', 'summer1', 'summer2'] as const;
export type HalfTermId = (typeof HALF_TERM_IDS)[number];

export const HALF_TERM_NAMES: Record<HalfTermId, string> = {
  autumn1: 'Autumn 1',
  autumn2: 'Autumn 2',
  spring1: 'Spring 1',
  spring2: 'Spring 2',
  summer1: 'Summer 1',
  summer2: 'Summer 2',
};

export const TERM_IDS = ['autumn', 'spring', 'summer'] as const;
export type TermId = (typeof TERM_IDS)[number];

/** First and last day the school is open in a half term, both included (INSET days fall inside). */
export interface HalfTerm {
  id: HalfTermId;
  start: IsoDate;
  end: IsoDate;
}

export interface ClosureDay {
  date: IsoDate;
  /** e.g. 'Polling day'. Never case detail. */
  reason: string;
}

export interface InsetDay {
  date: IsoDate;
  note?: string;
}

/** One school year, e.g. '2025/26': six half terms in order, plus closure and INSET days. */
export interface AcademicYear {
  label: string;
  halfTerms: HalfTerm[];
  closureDays: ClosureDay[];
  insetDays: InsetDay[];
}

/** A school's calendar: its years, its bank-holiday division and any gov.uk bank-holiday data. */
export interface SchoolCalendar {
  division: Division;
  years: AcademicYear[];
  bankHolidayOverrides?: GovUkBankHolidays;
}

/** The brand on a calendar that passed `validateSchoolCalendar`: a type only, nothing at run time, not exported. */
declare const validatedCalendar: unique symbol;

/**
 * A school calendar that passed `validateSchoolCalendar` (or came from `defaultEnglandCalendar`). Only this
 * type builds a working calendar, so unchecked dates never reach the day-by-day rules.
 */
export type ValidSchoolCalendar = SchoolCalendar & { readonly [validatedCalendar]: true };

export interface Term {
  id: TermId;
  name: string;
  start: IsoDate;
  end: IsoDate;
  halfTerms: [HalfTerm, HalfTerm];
}

export interface SchoolHoliday {
  /** 'Autumn half term', 'Christmas holiday', … */
  name: string;
  start: IsoDate;
  end: IsoDate;
}
