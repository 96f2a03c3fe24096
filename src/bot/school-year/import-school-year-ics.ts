import type { Caller } from '../../shared/access/app-roles.js';
import { canManageSchedule } from '../../shared/access/authorise.js';
import type { AcademicYear } from '../../shared/calendar/academic-year.js';
import { importAcademicYearFromIcs } from '../../shared/calendar/import-ics.js';
import type { ValidationIssue } from '../../shared/calendar/validation-issue.js';
import { auditedIfRefused } from '../audit/audited.js';
import type { AppPorts } from '../ports.js';
import { done, invalid, refuse, type Outcome } from '../use-case.js';

export interface IcsPreview {
  year: AcademicYear;
  notes: string[];
  /** Problems with the imported dates, each against its field; the admin fixes them before saving. */
  issues: ValidationIssue[];
}

/**
 * Reads a school's term dates from an iCalendar file and returns them as a year to preview. Nothing
 * is saved: the admin checks the preview, fixes what is flagged, and saves with putSchoolYear.
 */
export async function importSchoolYearIcs(deps: Pick<AppPorts, 'audit'>, input: { caller: Caller; ics: string; label?: string }): Promise<Outcome<IcsPreview>> {
  const allowed = canManageSchedule(input.caller);
  if (!allowed.ok) return auditedIfRefused(deps.audit, input.caller, 'school-year.import', '-', refuse('forbidden', 'forbidden', allowed.reason));
  const result = importAcademicYearFromIcs(input.ics, input.label ? { label: input.label } : {});
  if (!result.ok) return invalid(result.issues.map((i) => ({ field: i.field === 'file' ? 'ics' : i.field, message: i.message })));
  return done({ year: result.year, notes: result.notes, issues: result.issues });
}
