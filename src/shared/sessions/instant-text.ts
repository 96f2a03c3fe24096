import { isIsoDate } from '../calendar/dates.js';

const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,3})?)?Z$/;

/** A UTC instant as the API speaks it ('2027-02-12T09:00:00Z') whose date exists (2027-02-30 does not). */
export function isIsoInstantText(value: string): boolean {
  const m = INSTANT.exec(value);
  return m !== null && isIsoDate(m[1] as string);
}
