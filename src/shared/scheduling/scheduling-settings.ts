import { z } from 'zod';
import { InvalidInputError } from '../errors/invalid-input.js';
import { isLocalTime, minutesOfDay } from '../calendar/london-time.js';
import { DEFAULT_POSTPONEMENT_WORKING_DAYS } from '../calendar/working-days.js';

/** A London time of day, 'HH:mm' (00:00 to 23:59). */
export const localTimeSchema = z.string().refine(isLocalTime, { error: (iss) => `${String(iss.input)} is not a time of day (expected HH:mm, 00:00 to 23:59)` });

export const workingHoursSchema = z
  .object({ start: localTimeSchema, end: localTimeSchema })
  // Zod runs this even when a time failed above: only compare two real times (else minutesOfDay throws).
  .refine((h) => !isLocalTime(h.start) || !isLocalTime(h.end) || minutesOfDay(h.end) > minutesOfDay(h.start), {
    error: (iss) => {
      const h = iss.input as { start: string; end: string };
      return `Working hours must end after they start (got ${h.start} to ${h.end})`;
    },
    path: ['end'],
  });
export type WorkingHours = z.infer<typeof workingHoursSchema>;

/** A whole number from `min` to `max`, with one plain message for every way of missing it. */
function wholeNumber(what: string, min: number, max: number) {
  const error = (iss: { input?: unknown }) => `${what} must be a whole number from ${min} to ${max} (got ${String(iss.input)})`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

export const schedulingSettingsSchema = z.object({
  /** London times between which sessions may be planned or offered. */
  workingHours: workingHoursSchema.default({ start: '08:30', end: '17:00' }),
  /** INSET days are staff working days but are avoided unless the school allows them. */
  allowInsetDays: z.boolean({ error: (iss) => `Whether sessions may fall on INSET days must be true or false (got ${String(iss.input)})` }).default(false),
  /** Slots start on this grid (minutes past the hour). */
  slotStepMinutes: wholeNumber('The slot step in minutes', 5, 60).default(15),
  // seed 000 "Frequency of Safeguarding Supervision": alternate within a working week of the original.
  postponementWorkingDays: wholeNumber('The re-booking window in working days', 1, 20).default(DEFAULT_POSTPONEMENT_WORKING_DAYS),
  /** How many re-booking options to offer, and at most how many on one day. */
  rescheduleCandidates: wholeNumber('The number of re-booking options', 1, 20).default(5),
  rescheduleCandidatesPerDay: wholeNumber('The number of re-booking options on one day', 1, 10).default(2),
});
export type SchedulingSettings = z.infer<typeof schedulingSettingsSchema>;

export const DEFAULT_SCHEDULING_SETTINGS: SchedulingSettings = schedulingSettingsSchema.parse({});

/**
 * Throws InvalidInputError (naming `field`, e.g. 'preferences.workingHours') unless `hours` are two times of
 * day, HH:mm, the end after the start.
 */
export function assertWorkingHours(hours: unknown, field: string): asserts hours is WorkingHours {
  const h = hours as Partial<WorkingHours> | null | undefined;
  if (typeof h !== 'object' || h === null || typeof h.start !== 'string' || typeof h.end !== 'string' || !isLocalTime(h.start) || !isLocalTime(h.end)) {
    const got = typeof h === 'object' && h !== null ? `${String(h.start)} to ${String(h.end)}` : String(h);
    throw new InvalidInputError(field, `Working hours must be a start and an end time of day, HH:mm (got ${got})`);
  }
  if (minutesOfDay(h.end) <= minutesOfDay(h.start)) {
    throw new InvalidInputError(field, `Working hours must end after they start (got ${h.start} to ${h.end})`);
  }
}

/**
 * The school's settings: the defaults with `partial` on top (an undefined value keeps the default), checked.
 * Throws InvalidInputError naming the setting ('workingHours', 'slotStepMinutes', …) when one is out of
 * range: hours that end before they start, a step that is not a whole number of 5 to 60 minutes, and so on.
 */
export function schedulingSettings(partial?: Partial<SchedulingSettings>): SchedulingSettings {
  if (!partial) return { ...DEFAULT_SCHEDULING_SETTINGS };
  const merged: Record<string, unknown> = { ...DEFAULT_SCHEDULING_SETTINGS };
  for (const [key, value] of Object.entries(partial)) if (value !== undefined) merged[key] = value;
  assertWorkingHours(merged.workingHours, 'workingHours');
  const parsed = schedulingSettingsSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidInputError(issue?.path.map(String).join('.') || 'settings', issue?.message ?? 'The scheduling settings are not valid');
  }
  return parsed.data;
}

/**
 * An arrangement's own hours (a part-time supervisee, say) narrow the school's, never widen them.
 * Undefined when the two do not overlap (17:30–19:00 against 08:30–17:00): there is no time to offer.
 */
export function narrowHours(school: WorkingHours, own: WorkingHours | undefined): WorkingHours | undefined {
  if (!own) return school;
  const start = minutesOfDay(own.start) > minutesOfDay(school.start) ? own.start : school.start;
  const end = minutesOfDay(own.end) < minutesOfDay(school.end) ? own.end : school.end;
  return minutesOfDay(end) > minutesOfDay(start) ? { start, end } : undefined;
}

/** Why nothing can be offered when `narrowHours` gives none, naming both sets of hours. */
export function noOverlapText(school: WorkingHours, own: WorkingHours): string {
  return `the arrangement's working hours (${own.start}–${own.end}) do not overlap the school's (${school.start}–${school.end})`;
}
