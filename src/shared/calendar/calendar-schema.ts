import { z } from 'zod';
import { DIVISIONS } from '../bank-holidays/divisions.js';
import { govUkBankHolidaysSchema } from '../bank-holidays/gov-uk-format.js';
import { HALF_TERM_IDS } from './academic-year.js';

// Shapes only; date rules (real dates, order, overlaps) are checked in validate-calendar.ts so that
// messages can name the half term and the dates.
export const halfTermSchema = z.object({
  id: z.enum(HALF_TERM_IDS),
  start: z.string(),
  end: z.string(),
});

export const academicYearSchema = z.object({
  label: z.string().min(1),
  halfTerms: z.array(halfTermSchema),
  closureDays: z.array(z.object({ date: z.string(), reason: z.string().min(1) })).default([]),
  insetDays: z.array(z.object({ date: z.string(), note: z.string().optional() })).default([]),
});

export const schoolCalendarSchema = z.object({
  division: z.enum(DIVISIONS).default('england-and-wales'),
  years: z.array(academicYearSchema).min(1),
  bankHolidayOverrides: govUkBankHolidaysSchema.optional(),
});
