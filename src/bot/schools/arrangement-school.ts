import { checkArrangementSchool } from '../../shared/schools/schools.js';
import type { ValidationIssue } from '../../shared/calendar/validation-issue.js';
import type { SchoolRepository } from '../ports.js';
import { schoolsOf } from './trust-schools.js';

/** Problems with the school an arrangement is put in (none when it names no school): it must be one of the trust's. */
export async function arrangementSchoolIssues(repo: SchoolRepository, schoolId: string | undefined): Promise<ValidationIssue[]> {
  if (schoolId === undefined) return [];
  return checkArrangementSchool(schoolId, await schoolsOf(repo));
}
