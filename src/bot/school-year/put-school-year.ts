import canonicalize from 'canonicalize';
import type { Caller } from '../../shared/access/app-roles.js';
import { canManageSchedule } from '../../shared/access/authorise.js';
import type { SchoolCalendar } from '../../shared/calendar/academic-year.js';
import { validateSchoolCalendar } from '../../shared/calendar/validate-calendar.js';
import { yearLabelIssues } from '../../shared/calendar/year-labels.js';
import { audited } from '../audit/audited.js';
import type { AppPorts } from '../ports.js';
import { invalid, refuse, type Outcome } from '../use-case.js';
import { getSchoolYear, versionTag, type SchoolYearView } from './get-school-year.js';
import { currentCalendar } from './school-calendar.js';

/** Saves the school year after checking every date (each problem named by its field). */
export async function putSchoolYear(
  deps: Pick<AppPorts, 'schoolCalendar' | 'clock' | 'audit'>,
  input: { caller: Caller; calendar: SchoolCalendar; version: string },
): Promise<Outcome<SchoolYearView>> {
  const allowed = canManageSchedule(input.caller);
  if (!allowed.ok) return audited(deps.audit, input.caller, 'school-year.save', 'school-calendar', refuse('forbidden', 'forbidden', allowed.reason));
  const checked = validateSchoolCalendar(input.calendar);
  const issues = checked.ok ? yearLabelIssues(checked.value.years) : checked.issues;
  if (!checked.ok || issues.length > 0)
    return audited(deps.audit, input.caller, 'school-year.save', 'school-calendar', invalid(issues.map((i) => ({ field: `calendar.${i.field}`, message: i.message }))));
  const current = await currentCalendar(deps.schoolCalendar);
  if (versionTag(current.stored?.version) !== input.version) {
    return audited(deps.audit, input.caller, 'school-year.save', 'school-calendar', versionConflict());
  }
  const saved = await deps.schoolCalendar.save(checked.value, current.stored);
  // The first save creates the item by its key, and a create that finds it made meanwhile returns that one:
  // then someone else's year was saved, not this one.
  if (!current.stored && canonicalize(saved.value) !== canonicalize(checked.value))
    return audited(deps.audit, input.caller, 'school-year.save', 'school-calendar', versionConflict());
  return audited(deps.audit, input.caller, 'school-year.save', 'school-calendar', await getSchoolYear(deps, { caller: input.caller }), (v) => `${v.calendar.years.length} years`);
}

function versionConflict() {
  return refuse('conflict', 'version_conflict', 'Someone else saved the school year since you opened it. Reload it, make your change again and save.', { field: 'version' });
}
