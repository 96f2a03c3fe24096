import { z } from 'zod';
import { isLocalTime, minutesOfDay } from '../calendar/london-time.js';
import { localTimeSchema as localTime, workingHoursSchema } from './scheduling-settings.js';

// Zod runs the refinement even when a time failed: only compare two real times (else minutesOfDay throws).
const timeRange = z.object({ from: localTime, to: localTime }).refine((t) => !isLocalTime(t.from) || !isLocalTime(t.to) || minutesOfDay(t.to) > minutesOfDay(t.from), {
  error: (iss) => {
    const t = iss.input as { from: string; to: string };
    return `A preferred time must end after it starts (got ${t.from} to ${t.to})`;
  },
  path: ['to'],
});

/** What an arrangement would like; planning relaxes these, one at a time, when nothing fits. */
export const arrangementPreferencesSchema = z.object({
  /** ISO weekdays, Monday = 1 … Friday = 5. */
  days: z.array(z.number().int().min(1).max(5)).optional(),
  /** The whole session should fall inside one of these London time ranges. */
  times: z.array(timeRange).optional(),
  /** Week of the half term (or of the window) to aim for, 1 = the week it starts. */
  weekOfHalfTerm: z.number().int().min(1).max(10).optional(),
  /** Keep clear of the first / last N working days of the half term (or window). */
  avoidFirstDays: z.number().int().min(0).max(10).optional(),
  avoidLastDays: z.number().int().min(0).max(10).optional(),
  /** Narrower working hours for this arrangement (e.g. a part-time supervisee). */
  workingHours: workingHoursSchema.optional(),
});
export type ArrangementPreferences = z.infer<typeof arrangementPreferencesSchema>;
