import { addMinutes, instantMs, type IsoInstant } from '../../shared/calendar/london-time.js';
import type { Party } from '../../shared/arrangements/arrangement.js';
import type { Interval } from '../../shared/scheduling/intervals.js';
import type { CalendarPort } from '../ports.js';

// getSchedule answers for a period of less than 42 days
// (https://learn.microsoft.com/graph/outlook-get-free-busy-schedule#limits-and-error-conditions).
const MAX_SPAN_MINUTES = 41 * 24 * 60;

/** Busy times by person id from Outlook free/busy, for [from, to), asked of `requester`'s calendar. */
export async function busyByPerson(calendar: CalendarPort, requester: string, people: readonly Party[], from: IsoInstant, to: IsoInstant): Promise<Map<string, Interval[]>> {
  const byMail = new Map<string, string>();
  for (const p of people) byMail.set(p.mail.toLowerCase(), p.id);
  const addresses = [...byMail.keys()];
  const busy = new Map<string, Interval[]>([...byMail.values()].map((id) => [id, []]));
  if (addresses.length === 0) return busy;
  const spans: [IsoInstant, IsoInstant][] = [];
  for (let s = from; instantMs(s) < instantMs(to); s = addMinutes(s, MAX_SPAN_MINUTES)) {
    const e = addMinutes(s, MAX_SPAN_MINUTES);
    spans.push([s, instantMs(e) < instantMs(to) ? e : to]);
  }
  const answers = await Promise.all(spans.map(([s, e]) => calendar.getSchedules(requester, addresses, s, e)));
  for (const fb of answers.flat()) {
    const id = byMail.get(fb.address.toLowerCase());
    if (!id) continue;
    const list = busy.get(id) ?? [];
    // Tentative counts as busy; free does not (getSchedule only lists busy-ish items).
    for (const b of fb.busy) if (b.status !== 'free') list.push({ start: b.startUtc, end: b.endUtc });
    busy.set(id, list);
  }
  return busy;
}
