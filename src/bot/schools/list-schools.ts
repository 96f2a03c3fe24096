import type { Caller } from '../../shared/access/app-roles.js';
import { arrangementCounts, canReadSchools, DEFAULT_SCHOOL, type School } from '../../shared/schools/schools.js';
import { audited } from '../audit/audited.js';
import type { AppPorts } from '../ports.js';
import { done, refuse, type Outcome } from '../use-case.js';
import { savedSchools, type SavedSchools } from './trust-schools.js';

export type SchoolsDeps = Pick<AppPorts, 'schools' | 'arrangements' | 'audit'>;

export interface SchoolsView {
  /** The trust's schools in order, each with how many arrangements (active or ended) count in it; empty while none are set. */
  schools: (School & { arrangements: number })[];
  /** 'default' while none are set: every arrangement then counts in the one implicit school. */
  source: 'default' | 'saved';
  /** The school every arrangement counts in while none are set ('school', 'All staff'). */
  defaultSchool: School;
  /** Pass back to saveSchools. */
  version: string;
}

/** The view of the schools as stored, with each school's arrangement count. */
export async function schoolsView(deps: Pick<AppPorts, 'arrangements'>, saved: SavedSchools): Promise<SchoolsView> {
  const arrangements = saved.schools.length > 0 ? (await deps.arrangements.list()).map((a) => a.value) : [];
  const counts = arrangementCounts(arrangements, saved.schools);
  return {
    schools: saved.schools.map((s) => ({ ...s, arrangements: counts.get(s.id) ?? 0 })),
    source: saved.schools.length > 0 ? 'saved' : 'default',
    defaultSchool: { ...DEFAULT_SCHOOL },
    version: saved.version,
  };
}

/** The trust's schools: for the safeguarding admin, a designated safeguarding lead and oversight. */
export async function listSchools(deps: SchoolsDeps, input: { caller: Caller }): Promise<Outcome<SchoolsView>> {
  const { caller } = input;
  const allowed = canReadSchools(caller);
  if (!allowed.ok) return audited(deps.audit, caller, 'schools.list', 'schools', refuse('forbidden', 'forbidden', allowed.reason));
  const view = await schoolsView(deps, await savedSchools(deps.schools));
  return audited(deps.audit, caller, 'schools.list', 'schools', done(view), (v) => `${v.schools.length} schools`);
}
