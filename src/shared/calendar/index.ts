export * from './dates.js';
export * from './london-time.js';
export * from './academic-year.js';
export type { ValidationIssue, Validated } from './validation-issue.js';
export { academicYearSchema, schoolCalendarSchema, halfTermSchema } from './calendar-schema.js';
export { validateAcademicYear, validateSchoolCalendar, academicYearIssues } from './validate-calendar.js';
export { termsOf, holidaysOf, halfTermName } from './terms.js';
export { DEFAULT_ENGLAND_2025_26, DEFAULT_ENGLAND_2026_27, DEFAULT_ENGLAND_2027_28, defaultEnglandCalendar } from './default-england.js';
export { nextYearWarning } from './next-year-warning.js';
export { makeWorkingCalendar, dayKind, describeDayKind, isWorkingDay, isInsetDay, isPlannableDay, type DayKind, type WorkingCalendar } from './working-calendar.js';
export {
  addWorkingDays,
  workingDaysBetween,
  workingDaysIn,
  postponementWindow,
  postponementDeadline,
  DEFAULT_POSTPONEMENT_WORKING_DAYS,
  OutsideCalendarError,
  type PostponementWindow,
} from './working-days.js';
export { importAcademicYearFromIcs, type IcsImportResult } from './import-ics.js';
