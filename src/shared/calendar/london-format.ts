import { instantMs } from './london-time.js';

const dateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "Thu 3 Dec 2026, 13:00" in UK time, for chat replies and cards. */
export function formatLondonDateTime(instant: string): string {
  const parts = Object.fromEntries(dateTime.formatToParts(new Date(instantMs(instant))).map((p) => [p.type, p.value]));
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute}`;
}
