// Shared by the bot integration tests: the demo people, the school's working calendar, and booking one
// arrangement's session on a chosen day through the admin's use cases (preview with a move, then start).

import type { Caller } from '../../../src/shared/access/app-roles.js';
import type { Arrangement } from '../../../src/shared/arrangements/arrangement.js';
import { addDays, type IsoDate } from '../../../src/shared/calendar/dates.js';
import { instantToLondon, londonToInstant, type IsoInstant } from '../../../src/shared/calendar/london-time.js';
import { validateSchoolCalendar } from '../../../src/shared/calendar/validate-calendar.js';
import { isPlannableDay, makeWorkingCalendar, type WorkingCalendar } from '../../../src/shared/calendar/working-calendar.js';
import type { Session } from '../../../src/shared/sessions/session.js';
import type { StartedApp } from '../../../src/bot/compose.js';
import { ADMIN_ID } from '../../../tools/m365-emulator/src/index.js';
import { botChat, type BotChat } from '../../support/bot-activities.js';
import { startFakeConnector, type FakeConnector } from '../../support/fake-connector.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';

// The fictional demo school (tools/m365-emulator/src/seed/demo-school.ts).
export const PRIYA = ADMIN_ID; // the safeguarding admin (SAFEGUARDING_ADMIN_IDS in the local stack)
export const DANIEL = 'a1000000-0000-4000-8000-000000000002';
export const HANNAH = 'a1000000-0000-4000-8000-000000000003';
export const MARCUS = 'a1000000-0000-4000-8000-000000000004';
export const SOPHIE = 'a1000000-0000-4000-8000-000000000005';
export const GRACE = 'a1000000-0000-4000-8000-000000000007';
export const LIAM = 'a1000000-0000-4000-8000-000000000008';
export const RACHEL = 'a1000000-0000-4000-8000-000000000009';

export const ADMIN: Caller = { id: ADMIN_ID, roles: ['Safeguarding.Admin'] };
export const REMINDER_JOB: Caller = { id: 'system:reminders', roles: [] };

type App = Pick<StartedApp, 'useCases' | 'idle'>;

/** The demo arrangement with this supervisor and (first) supervisee. */
export async function arrangementOf(app: App, supervisorId: string, superviseeId: string): Promise<Arrangement> {
  const listed = await app.useCases.listArrangements({ caller: ADMIN });
  if (!listed.ok) throw new Error(`arrangements: ${listed.refusal.message}`);
  const found = listed.value.find((a) => a.supervisor.id === supervisorId && a.supervisees.some((s) => s.id === superviseeId));
  if (!found) throw new Error(`no demo arrangement ${supervisorId} → ${superviseeId}`);
  return found;
}

/** The school's calendar as the server uses it (the default England one until the admin saves another). */
export async function workingCalendarOf(app: App): Promise<WorkingCalendar> {
  const year = await app.useCases.getSchoolYear({ caller: ADMIN });
  if (!year.ok) throw new Error(`school year: ${year.refusal.message}`);
  const checked = validateSchoolCalendar(year.value.calendar);
  if (!checked.ok) throw new Error('the school calendar is not valid');
  return makeWorkingCalendar(checked.value);
}

/** The first school day after `date` on which a session can be booked (a working day, not INSET). */
export function firstSchoolDayAfter(wc: WorkingCalendar, date: IsoDate): IsoDate {
  for (let d = addDays(date, 1), i = 0; i < 60; d = addDays(d, 1), i++) if (isPlannableDay(wc, d, false)) return d;
  throw new Error(`no school day within 60 days of ${date}`);
}

/** The half-term window holding `date`: its academic year and window id ('2026/27:autumn2'). */
export function windowOf(wc: WorkingCalendar, date: IsoDate): { academicYear: string; windowId: string } {
  for (const y of wc.calendar.years) {
    const h = y.halfTerms.find((t) => t.start <= date && date <= t.end);
    if (h) return { academicYear: y.label, windowId: `${y.label}:${h.id}` };
  }
  throw new Error(`${date} is in no half term`);
}

/** Times tried, in order, for a booking on a given day (London). */
const TIMES = ['10:00', '11:00', '14:00', '15:00', '09:00', '12:00', '13:00', '16:00'];

/**
 * Books the arrangement's year through the admin's use cases with the session of `date`'s window moved to
 * `date` (the first of TIMES when everyone is free), waits for the booking job, and returns that session.
 */
export async function bookOn(app: App, arrangementId: string, date: IsoDate, times: readonly string[] = TIMES): Promise<Session> {
  const wc = await workingCalendarOf(app);
  const { academicYear, windowId } = windowOf(wc, date);
  for (const time of times) {
    const moves = [{ arrangementId, windowId, start: londonToInstant(date, time) as IsoInstant }];
    const request = { academicYear, arrangementIds: [arrangementId], moves };
    const preview = await app.useCases.previewBooking({ caller: ADMIN, request });
    if (!preview.ok) throw new Error(`preview: ${preview.refusal.message}`);
    if (preview.value.refusedMoves.length > 0) continue;
    const proposed = preview.value.arrangements[0]?.sessions.find((s) => s.windowId === windowId);
    if (proposed?.status !== 'moved') throw new Error(`the ${windowId} session is ${proposed?.status ?? 'missing'}: ${proposed?.reason ?? ''}`);
    const started = await app.useCases.startBooking({ caller: ADMIN, request });
    if (!started.ok) throw new Error(`booking: ${started.refusal.message}`);
    await app.idle();
    const job = await app.useCases.getBookingJob({ caller: ADMIN, jobId: started.value.id });
    if (!job.ok || job.value.state !== 'done' || job.value.failed.length > 0) throw new Error(`booking job: ${JSON.stringify(job)}`);
    const view = await app.useCases.getSession({ caller: ADMIN, sessionId: proposed.sessionId });
    if (!view.ok) throw new Error(`session ${proposed.sessionId}: ${view.refusal.message}`);
    return view.value.session;
  }
  throw new Error(`no free time on ${date} for arrangement ${arrangementId}`);
}

/** Books the demo arrangement between these two on the first school day after today (London), as bookOn does. */
export async function bookOnNextSchoolDay(app: App, supervisorId: string, superviseeId: string): Promise<Session> {
  const wc = await workingCalendarOf(app);
  const arrangement = await arrangementOf(app, supervisorId, superviseeId);
  return bookOn(app, arrangement.id, firstSchoolDayAfter(wc, instantToLondon(new Date().toISOString()).date));
}

export interface ChatStack {
  stack: RunningStack;
  connector: FakeConnector;
  chat: BotChat;
  /** Grace and Liam's session on the next school day. */
  session: Session;
  /** Waits for background work, then stops the connector and the stack. */
  stop(): Promise<void>;
}

/**
 * A stack with a fake Bot Connector, Grace and Liam's session booked on the next school day, and the app
 * installed for Grace, Liam and Sophie (who is not in that session).
 */
export async function startChatStack(): Promise<ChatStack> {
  const stack = await startStack();
  const connector = await startFakeConnector();
  const chat = botChat({ serverUrl: stack.serverUrl, connectorUrl: connector.url });
  const session = await bookOnNextSchoolDay(stack.app, GRACE, LIAM);
  for (const id of [GRACE, LIAM, SOPHIE]) {
    const status = await chat.installFor(id);
    if (status !== 200) throw new Error(`installing the app for ${id}: HTTP ${status}`);
  }
  return {
    stack,
    connector,
    chat,
    session,
    stop: async () => {
      await stack.app.idle();
      await connector.close();
      await stack.stop();
    },
  };
}
