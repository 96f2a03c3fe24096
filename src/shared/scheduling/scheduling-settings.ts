import { z } from 'zod';
import { isLocalTime, minutesOfDay } from '../calendar/london-time.js';
import { DEFAULT_POSTPONEMENT_WORKING_DAYS } from '../calendar/working-days.js';

const localTime = z.string().refine(isLocalTime, { message: 'expected a time of day HH:mm' });

export const workingHoursSchema = z
  .object({ start: localTime, end: localTime })
  .refine((h) => minutesOfDay(h.end) > minutesOfDay(h.start), { message: 'working hours must end after they start', path: ['end'] });
export type WorkingHours = z.infer<typeof workingHoursSchema>;

export const schedulingSettingsSchema = z.object({
  /** London times between which sessions may be planned or offered. */
  workingHours: workingHoursSchema.default({ start: '08:30', end: '17:00' }),
  /** INSET days are staff working days but are avoided unless the school allows them. */
  allowInsetDays: z.boolean().default(false),
  /** Slots start on this grid (minutes past the hour). */
  slotStepMinutes: z.number().int().min(5).max(60).default(15),
  // seed 000 "Frequency of Safeguarding Supervision": alternate within a working week of the original.
  postponementWorkingDays: z.number().int().min(1).max(20).default(DEFAULT_POSTPONEMENT_WORKING_DAYS),
  /** How many re-booking options to offer, and at most how many on one day. */
  rescheduleCandidates: z.number().int().min(1).max(20).default(5),
  rescheduleCandidatesPerDay: z.number().int().min(1).max(10).default(2),
});
export type SchedulingSettings = z.infer<typeof schedulingSettingsSchema>;

export const DEFAULT_SCHEDULING_SETTINGS: SchedulingSettings = schedulingSettingsSchema.parse({});

export function schedulingSettings(partial?: Partial<SchedulingSettings>): SchedulingSettings {
  return { ...DEFAULT_SCHEDULING_SETTINGS, ...partial };
}

/** An arrangement's own hours (a part-time supervisee, say) narrow the school's, never widen them. */
export function narrowHours(school: WorkingHours, own: WorkingHours | undefined): WorkingHours {
  if (!own) return school;
  const start = minutesOfDay(own.start) > minutesOfDay(school.start) ? own.start : school.start;
  const end = minutesOfDay(own.end) < minutesOfDay(school.end) ? own.end : school.end;
  return { start, end };
}
