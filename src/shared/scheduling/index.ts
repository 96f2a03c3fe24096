export type { Interval, ParticipantBusy } from './intervals.js';
export type { Slot } from './free-slots.js';
export {
  schedulingSettingsSchema,
  workingHoursSchema,
  DEFAULT_SCHEDULING_SETTINGS,
  schedulingSettings,
  type SchedulingSettings,
  type WorkingHours,
} from './scheduling-settings.js';
export { arrangementPreferencesSchema, type ArrangementPreferences } from './preferences.js';
export { targetWindows, findYear, type TargetWindow } from './target-windows.js';
export { planSessions, type PlanRequest, type PlannedSession } from './plan-sessions.js';
export { rescheduleOptions, type RescheduleRequest, type RescheduleResult, type RankedSlot } from './reschedule.js';
