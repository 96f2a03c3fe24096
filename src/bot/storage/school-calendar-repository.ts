import { schoolCalendarSchema } from '../../shared/calendar/calendar-schema.js';
import type { SchoolCalendar } from '../../shared/calendar/academic-year.js';
import type { RecordStorePort } from '../graph/record-store.js';
import type { SchoolCalendarRepository } from '../ports.js';
import { jsonItems } from './json-items.js';

export const SETTINGS_LIST = 'Settings';
const KEY = 'school-calendar';

/** The school year (terms, half terms, INSET and closure days) is one item of the Settings list. */
export function createSchoolCalendarRepository(store: RecordStorePort): SchoolCalendarRepository {
  const items = jsonItems(store, SETTINGS_LIST, schoolCalendarSchema as unknown as import('zod').ZodType<SchoolCalendar>, () => ({ Title: 'School calendar', Key: KEY }));
  return {
    get: () => items.byKey(KEY),
    save: (calendar, base) => (base ? items.update(base, calendar) : items.create(KEY, calendar)),
  };
}
