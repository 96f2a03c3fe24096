// Books a demo arrangement's next session for an end-to-end test, through the admin's use cases.

import type { StartedApp } from '../../../src/bot/compose.js';
import type { Caller } from '../../../src/shared/access/app-roles.js';
import type { Move } from '../../../src/shared/booking/check-move.js';
import { addDays, isWeekend } from '../../../src/shared/calendar/dates.js';
import { instantToLondon, londonToInstant } from '../../../src/shared/calendar/london-time.js';
import { ADMIN_ID } from '../../../tools/m365-emulator/src/index.js';

const ADMIN: Caller = { id: ADMIN_ID, roles: ['Safeguarding.Admin'] };

/** The academic year ('2026/27') that today (in London) falls in, or is about to start from August. */
function academicYearOf(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const start = m >= 8 ? y : y - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/**
 * Books the year of the demo arrangement between these two, its next session moved to the first school
 * working day after today that the planner accepts (10:00 or 14:00 London), so it cannot start or end while
 * the test runs. Returns the supervisee's next session.
 */
export async function bookNextSession(app: Pick<StartedApp, 'useCases' | 'idle'>, supervisorId: string, superviseeId: string): Promise<{ sessionId: string; start: string }> {
  const { useCases } = app;
  const listed = await useCases.listArrangements({ caller: ADMIN });
  if (!listed.ok) throw new Error(listed.refusal.message);
  const arrangement = listed.value.find((a) => a.supervisor.id === supervisorId && a.supervisees.some((s) => s.id === superviseeId));
  if (!arrangement) throw new Error(`The demo arrangement ${supervisorId} → ${superviseeId} is missing`);
  const today = instantToLondon(new Date().toISOString()).date;
  const request = { academicYear: academicYearOf(today), arrangementIds: [arrangement.id] };
  const preview = await useCases.previewBooking({ caller: ADMIN, request });
  if (!preview.ok) throw new Error(preview.refusal.message);
  const next = preview.value.arrangements[0]?.sessions.find((s) => s.status === 'proposed');
  if (!next) throw new Error(`No session left to book in ${request.academicYear}`);
  let moves: Move[] = [];
  const days = Array.from({ length: 21 }, (_, i) => addDays(today, i + 1)).filter((d) => !isWeekend(d));
  search: for (const day of days) {
    for (const time of ['10:00', '14:00']) {
      const move = { arrangementId: arrangement.id, windowId: next.windowId, start: londonToInstant(day, time) };
      const tried = await useCases.previewBooking({ caller: ADMIN, request: { ...request, moves: [move] } });
      if (tried.ok && tried.value.refusedMoves.length === 0) {
        moves = [move];
        break search;
      }
    }
  }
  const started = await useCases.startBooking({ caller: ADMIN, request: { ...request, moves } });
  if (!started.ok) throw new Error(started.refusal.message);
  await app.idle();
  const booked = await useCases.nextSessions({ caller: { id: superviseeId, roles: [] } });
  if (!booked.ok || !booked.value[0]) throw new Error(`${superviseeId} has no booked session after the booking`);
  return { sessionId: booked.value[0].sessionId, start: booked.value[0].start };
}
