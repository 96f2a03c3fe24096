import type { SchoolCalendar } from './academic-year.js';
import { defaultEnglandCalendar } from './default-england.js';

/** The default England calendar with a polling-day closure, for tests across the shared folders. */
export function testCalendar(): SchoolCalendar {
  const cal = defaultEnglandCalendar();
  cal.years[0]?.closureDays.push({ date: '2026-05-07', reason: 'Polling day' });
  return cal;
}
