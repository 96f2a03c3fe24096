// Shared by the calendar-sync tests: reading a session as stored, waiting for the background sync, the
// cards a person got, and picking school days. `current` gives the running stack (set in each beforeAll).
import type { StartedApp } from '../../../src/bot/compose.js';
import { addDays, type IsoDate } from '../../../src/shared/calendar/dates.js';
import type { Session } from '../../../src/shared/sessions/session.js';
import type { BotChat } from '../../support/bot-activities.js';
import { cardOf, cardText, type FakeConnector } from '../../support/fake-connector.js';
import { ADMIN, firstSchoolDayAfter, workingCalendarOf } from '../bot/bot-test-kit.js';

/** The Graph path of a session's Outlook meeting in its organiser's mailbox. */
export const eventPath = (s: Session) => `/users/${encodeURIComponent(s.organiserMailbox)}/events/${encodeURIComponent(s.eventId)}`;
/** An instant as Graph's dateTimeTimeZone in UTC (what a PATCH of start/end takes). */
export const utcTime = (instant: string) => ({ dateTime: instant.replace('Z', ''), timeZone: 'UTC' });

export function syncTestKit(current: () => { app: StartedApp; connector: FakeConnector; chat: BotChat }) {
  return {
    /** The session as stored now. */
    async sessionNow(id: string): Promise<Session> {
      const view = await current().app.useCases.getSession({ caller: ADMIN, sessionId: id });
      if (!view.ok) throw new Error(view.refusal.message);
      return view.value.session;
    },
    /** Polls until `check` holds (the notification, the sync and the cards run after the change, in the background). */
    async eventually(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (await check()) return;
        if (Date.now() > deadline) throw new Error(`not within ${timeoutMs / 1000} s: ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    /** Cards the bot posted to a person since `from` (an index into the connector's records), as text. */
    cardsTo(userId: string, from = 0): string[] {
      const { connector, chat } = current();
      return connector
        .since(from, chat.conversationOf(userId))
        .map((r) => cardOf(r.body))
        .filter((c) => c !== undefined)
        .map((c) => cardText(c));
    },
    /** The next school day on or after `from` that falls on one of these weekdays (1 Monday … 5 Friday). */
    async schoolDayOn(from: IsoDate, weekdays: readonly number[]): Promise<IsoDate> {
      const wc = await workingCalendarOf(current().app);
      for (let d = firstSchoolDayAfter(wc, addDays(from, -1)), i = 0; i < 60; d = firstSchoolDayAfter(wc, d), i++) {
        if (weekdays.includes(new Date(`${d}T12:00:00Z`).getUTCDay())) return d;
      }
      throw new Error(`no school day on ${weekdays.join(', ')} after ${from}`);
    },
  };
}
