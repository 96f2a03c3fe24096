import { addMinutes, instantMs, type IsoInstant } from '../../shared/calendar/london-time.js';
import type { Party } from '../../shared/arrangements/arrangement.js';
import type { Interval } from '../../shared/scheduling/intervals.js';
import type { CalendarPort } from '../ports.js';

// getSchedule answers for a period of less than 42 days
// (https://learn.microsoft.com/graph/outlook-get-free-busy-schedule#limits-and-error-conditions).
const MAX_SPAN_MINUTES = 41 * 24 * 60;

/** People whose free/busy is asked of one mailbox's calendar (`/users/{requester}/calendar/getSchedule`). */
export interface ScheduleAsk {
  requester: string;
  people: readonly Party[];
}

/**
 * Busy times by person id from Outlook free/busy, for [from, to). Each group is asked of its own
 * mailbox: Outlook limits requests in flight per mailbox, so spreading them lets `$batch` calls fill.
 */
export async function busyByPerson(calendar: CalendarPort, asks: readonly ScheduleAsk[], from: IsoInstant, to: IsoInstant): Promise<Map<string, Interval[]>> {
  const byMail = new Map<string, string>();
  for (const a of asks) for (const p of a.people) byMail.set(p.mail.toLowerCase(), p.id);
  const busy = new Map<string, Interval[]>([...byMail.values()].map((id) => [id, []]));
  const spans: [IsoInstant, IsoInstant][] = [];
  for (let s = from; instantMs(s) < instantMs(to); s = addMinutes(s, MAX_SPAN_MINUTES)) {
    const e = addMinutes(s, MAX_SPAN_MINUTES);
    spans.push([s, instantMs(e) < instantMs(to) ? e : to]);
  }
  const answers = await calendar.getManySchedules(
    asks
      .filter((a) => a.people.length > 0)
      .flatMap((a) => spans.map(([s, e]) => ({ requesterId: a.requester, addresses: [...new Set(a.people.map((p) => p.mail.toLowerCase()))], startUtc: s, endUtc: e }))),
  );
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
