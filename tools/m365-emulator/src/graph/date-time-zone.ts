import { DateTime } from 'luxon';

// Windows zone names Graph uses, for the zones a UK school meets. Others: IANA names pass through.
const WINDOWS_TO_IANA: Record<string, string> = {
  UTC: 'UTC',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Romance Standard Time': 'Europe/Paris',
  'Pacific Standard Time': 'America/Los_Angeles',
  'Eastern Standard Time': 'America/New_York',
};

export function toIanaZone(timeZone: string): string | undefined {
  const zone = WINDOWS_TO_IANA[timeZone] ?? timeZone;
  return DateTime.now().setZone(zone).isValid ? zone : undefined;
}

/** dateTimeTimeZone → UTC ISO instant, or undefined when unparseable. */
export function toUtcInstant(value: { dateTime: string; timeZone?: string | null | undefined }): string | undefined {
  const zone = toIanaZone(value.timeZone ?? 'UTC');
  if (!zone) return undefined;
  const parsed = DateTime.fromISO(value.dateTime, { zone, setZone: false });
  return parsed.isValid ? (parsed.toUTC().toISO({ suppressMilliseconds: true }) ?? undefined) : undefined;
}

/** UTC instant → Graph's dateTimeTimeZone, e.g. `{ dateTime: '2026-01-12T09:00:00.0000000', timeZone: 'UTC' }`. */
export function fromUtcInstant(instant: string, timeZone = 'UTC'): { dateTime: string; timeZone: string } {
  const zone = toIanaZone(timeZone) ?? 'UTC';
  const local = DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone);
  return { dateTime: `${local.toFormat("yyyy-MM-dd'T'HH:mm:ss")}.0000000`, timeZone: zone === 'UTC' ? 'UTC' : timeZone };
}

/** `Prefer: outlook.timezone="GMT Standard Time"` */
export function preferredTimeZone(prefer: string | undefined): string {
  const m = /outlook\.timezone="?([^";,]+)"?/i.exec(prefer ?? '');
  return m?.[1]?.trim() ?? 'UTC';
}
