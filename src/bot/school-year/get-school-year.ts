import type { Caller } from '../../shared/access/app-roles.js';
import { canReadSchoolYear } from '../../shared/access/authorise.js';
import type { SchoolCalendar } from '../../shared/calendar/academic-year.js';
import { instantToLondon } from '../../shared/calendar/london-time.js';
import { nextYearWarning } from '../../shared/calendar/next-year-warning.js';
import type { AppPorts } from '../ports.js';
import { done, refuse, type Outcome } from '../use-case.js';
import { currentCalendar } from './school-calendar.js';

export interface SchoolYearView {
  calendar: SchoolCalendar;
  /** 'default' until the admin saves the school's own dates. */
  source: 'default' | 'saved';
  /** Pass back to putSchoolYear so a save never overwrites someone else's. */
  version: string;
  warnings: string[];
}

export async function getSchoolYear(deps: Pick<AppPorts, 'schoolCalendar' | 'clock'>, input: { caller: Caller }): Promise<Outcome<SchoolYearView>> {
  const allowed = canReadSchoolYear(input.caller);
  if (!allowed.ok) return refuse('forbidden', 'forbidden', allowed.reason);
  const current = await currentCalendar(deps.schoolCalendar);
  const warning = nextYearWarning(current.calendar, instantToLondon(deps.clock.now()).date);
  return done({ calendar: current.calendar, source: current.stored ? 'saved' : 'default', version: versionTag(current.stored?.version), warnings: warning ? [warning] : [] });
}

/** A short opaque tag for the stored version (the eTag), or 'default'. */
export function versionTag(version: string | undefined): string {
  if (!version) return 'default';
  const parsed = JSON.parse(version) as { eTag?: string };
  return parsed.eTag ?? 'default';
}
