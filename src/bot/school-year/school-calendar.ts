import { defaultEnglandCalendar } from '../../shared/calendar/default-england.js';
import type { SchoolCalendar } from '../../shared/calendar/academic-year.js';
import { validateSchoolCalendar } from '../../shared/calendar/validate-calendar.js';
import { makeWorkingCalendar, type WorkingCalendar } from '../../shared/calendar/working-calendar.js';
import type { SchoolCalendarRepository, Stored } from '../ports.js';

export interface CurrentCalendar {
  calendar: SchoolCalendar;
  /** undefined until the admin first saves the school year: the default England calendar applies. */
  stored: Stored<SchoolCalendar> | undefined;
  working: WorkingCalendar;
}

// Building a working calendar computes bank holidays for every year: keep the last one per version.
let cache: { version: string; value: CurrentCalendar } | undefined;

/** The school's calendar as saved by the admin, or the default England calendar until they save one. */
export async function currentCalendar(repo: SchoolCalendarRepository): Promise<CurrentCalendar> {
  const stored = await repo.get();
  const version = stored?.version ?? 'default';
  if (cache?.version === version) return cache.value;
  const calendar = stored?.value ?? defaultEnglandCalendar();
  const checked = validateSchoolCalendar(calendar);
  // A saved calendar was validated before it was saved; an invalid one here means the list was edited by hand.
  if (!checked.ok) throw new Error(`The saved school calendar is not valid (${checked.issues[0]?.field ?? ''}): save it again from the School year screen.`);
  const value = { calendar, stored, working: makeWorkingCalendar(checked.value) };
  cache = { version, value };
  return value;
}
