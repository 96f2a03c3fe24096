import { describe, expect, it } from 'vitest';
import { arrangementPreferencesSchema } from './preferences.js';
import { assertWorkingHours, DEFAULT_SCHEDULING_SETTINGS, schedulingSettings, type SchedulingSettings } from './scheduling-settings.js';
import { refusalOf } from '../errors/refusal-of.js';

const refusal = refusalOf;

describe('scheduling settings', () => {
  it('are the defaults with the school’s values on top; an undefined value keeps the default', () => {
    expect(schedulingSettings()).toEqual(DEFAULT_SCHEDULING_SETTINGS);
    expect(schedulingSettings({ slotStepMinutes: 30, allowInsetDays: undefined })).toEqual({ ...DEFAULT_SCHEDULING_SETTINGS, slotStepMinutes: 30 });
    expect(schedulingSettings({ workingHours: { start: '09:00', end: '15:00' } }).workingHours).toEqual({ start: '09:00', end: '15:00' });
  });

  it('refuse working hours that end before (or when) they start', () => {
    expect(refusal(() => schedulingSettings({ workingHours: { start: '17:00', end: '08:30' } }))).toMatchObject({
      field: 'workingHours',
      message: 'Working hours must end after they start (got 17:00 to 08:30)',
    });
    expect(refusal(() => schedulingSettings({ workingHours: { start: '09:00', end: '09:00' } })).field).toBe('workingHours');
    expect(refusal(() => schedulingSettings({ workingHours: { start: '9am', end: '17:00' } })).message).toBe(
      'Working hours must be a start and an end time of day, HH:mm (got 9am to 17:00)',
    );
  });

  it('refuse a step, a window or a number of options out of range, naming the setting', () => {
    const cases: [Partial<SchedulingSettings>, string, string][] = [
      [{ slotStepMinutes: 0 }, 'slotStepMinutes', 'The slot step in minutes must be a whole number from 5 to 60 (got 0)'],
      [{ slotStepMinutes: 7.5 }, 'slotStepMinutes', 'The slot step in minutes must be a whole number from 5 to 60 (got 7.5)'],
      [{ slotStepMinutes: 90 }, 'slotStepMinutes', 'The slot step in minutes must be a whole number from 5 to 60 (got 90)'],
      [{ postponementWorkingDays: -1 }, 'postponementWorkingDays', 'The re-booking window in working days must be a whole number from 1 to 20 (got -1)'],
      [{ rescheduleCandidates: 0 }, 'rescheduleCandidates', 'The number of re-booking options must be a whole number from 1 to 20 (got 0)'],
      [{ rescheduleCandidatesPerDay: Number.NaN }, 'rescheduleCandidatesPerDay', 'The number of re-booking options on one day must be a whole number from 1 to 10 (got NaN)'],
    ];
    for (const [partial, field, message] of cases) expect(refusal(() => schedulingSettings(partial))).toMatchObject({ field, message });
  });

  it('assertWorkingHours names the caller’s field', () => {
    expect(() => assertWorkingHours({ start: '08:00', end: '16:00' }, 'preferences.workingHours')).not.toThrow();
    expect(refusal(() => assertWorkingHours({ start: '16:00', end: '08:00' }, 'preferences.workingHours')).field).toBe('preferences.workingHours');
    expect(refusal(() => assertWorkingHours(undefined, 'hours')).message).toBe('Working hours must be a start and an end time of day, HH:mm (got undefined)');
  });

  it('the schemas at the edge say the same in plain words', () => {
    const r = arrangementPreferencesSchema.safeParse({ workingHours: { start: '15:00', end: '09:00' }, times: [{ from: '11:00', to: '10:00' }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['times.0.to', 'A preferred time must end after it starts (got 11:00 to 10:00)'],
      ['workingHours.end', 'Working hours must end after they start (got 15:00 to 09:00)'],
    ]);
    // A time that is not one is an issue, not a thrown error from the end-after-start check.
    const t = arrangementPreferencesSchema.safeParse({ workingHours: { start: '25:00', end: '09:00' }, times: [{ from: '10:00', to: '10:75' }] });
    expect(t.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['times.0.to', '10:75 is not a time of day (expected HH:mm, 00:00 to 23:59)'],
      ['workingHours.start', '25:00 is not a time of day (expected HH:mm, 00:00 to 23:59)'],
    ]);
  });
});
