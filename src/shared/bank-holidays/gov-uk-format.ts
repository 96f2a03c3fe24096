import { z } from 'zod';
import { isIsoDate } from '../calendar/dates.js';

const event = z.object({
  title: z.string().min(1),
  date: z.string().refine(isIsoDate, { message: 'not a date (expected YYYY-MM-DD)' }),
  notes: z.string().optional(),
  bunting: z.boolean().optional(),
});

const divisionData = z.object({ division: z.string(), events: z.array(event) });

/** The shape of https://www.gov.uk/bank-holidays.json (any division may be left out). */
export const govUkBankHolidaysSchema = z.object({
  'england-and-wales': divisionData.optional(),
  scotland: divisionData.optional(),
  'northern-ireland': divisionData.optional(),
});

export type GovUkBankHolidays = z.infer<typeof govUkBankHolidaysSchema>;
