import type { SchoolCalendar, ValidSchoolCalendar } from './academic-year.js';
import { DEFAULT_ENGLAND_2025_26, DEFAULT_ENGLAND_2026_27 } from './default-england.js';
import { validateSchoolCalendar } from './validate-calendar.js';

/**
 * For tests: the validated calendar, or a thrown error listing every issue. A test that edits a calendar
 * passes the edited one through here before `makeWorkingCalendar`, so the edit is checked like an admin's.
 */
export function validOrThrow(input: unknown): ValidSchoolCalendar {
  const result = validateSchoolCalendar(input);
  if (!result.ok) throw new Error(`Invalid test calendar: ${result.issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
  return result.value;
}

/**
 * For tests across the shared folders: the default England 2025/26 and 2026/27 with a polling-day closure
 * (7 May 2026), validated. Pinned to those two years, so tests that reach the calendar's end do not move
 * when `defaultEnglandCalendar` gains a year.
 */
export function testCalendar(): ValidSchoolCalendar {
  const years = [structuredClone(DEFAULT_ENGLAND_2025_26), structuredClone(DEFAULT_ENGLAND_2026_27)];
  years[0]?.closureDays.push({ date: '2026-05-07', reason: 'Polling day' });
  return validOrThrow({ division: 'england-and-wales', years } satisfies SchoolCalendar);
}
