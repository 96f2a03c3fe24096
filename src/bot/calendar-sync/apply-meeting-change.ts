import { partiesOf, type Arrangement } from '../../shared/arrangements/arrangement.js';
import type { WorkingCalendar } from '../../shared/calendar/working-calendar.js';
import { buildNoSlotCard, buildSlotsCard } from '../../shared/cards/reschedule-cards.js';
import { buildCancelledInOutlookCard, buildMovedLateCard } from '../../shared/cards/outlook-change-cards.js';
import { schedulingSettings } from '../../shared/scheduling/scheduling-settings.js';
import { outlookChangesOf, type OutlookChange, type OutlookMeeting } from '../../shared/sessions/outlook-change.js';
import type { Session } from '../../shared/sessions/session.js';
import { publishAgendaLater } from '../agenda/publish-agenda.js';
import type { AppPorts, Stored } from '../ports.js';
import { offerReschedule } from '../reschedule/offer-reschedule.js';
import { notifyPeople } from '../reschedule/notify.js';
import { once } from '../claims/once.js';

/** The calendar sync's own identity in the audit log. */
export const CALENDAR_SYNC = { id: 'system:calendar-sync', roles: [] as [] };

export type MeetingChangeDeps = Pick<
  AppPorts,
  | 'sessions'
  | 'arrangements'
  | 'schoolCalendar'
  | 'calendar'
  | 'reminderClaims'
  | 'conversations'
  | 'messenger'
  | 'settings'
  | 'links'
  | 'clock'
  | 'audit'
  | 'postedCards'
  | 'agendaItems'
  | 'afterwards'
  | 'compliance'
  | 'records'
>;

const DECLINE_INTRO = 'You declined this supervision meeting in Outlook. It must be held again within one working week: pick a time when everyone is free.';

/**
 * Brings one session into step with its Outlook meeting, as the organiser's mailbox shows it now (seed 000
 * "Frequency of Safeguarding Supervision", Appendix 3 §3): cancelled in Outlook → the session is cancelled
 * and the admin told; moved → the session follows, and a move past the working week tells the supervisor
 * and the admin; declined → that person gets the times they could move it to. Anything already in step,
 * or already told, is left alone. Returns what it did.
 */
export async function applyMeetingChange(
  deps: MeetingChangeDeps,
  input: { stored: Stored<Session>; arrangement: Arrangement; meeting: OutlookMeeting; calendar: WorkingCalendar },
): Promise<OutlookChange[]> {
  const session = input.stored.value;
  const changes = outlookChangesOf({
    session,
    parties: partiesOf(input.arrangement),
    meeting: input.meeting,
    calendar: input.calendar,
    postponementWorkingDays: schedulingSettings(deps.settings.scheduling).postponementWorkingDays,
  });
  const names = partiesOf(input.arrangement).map((p) => p.displayName);
  const link = deps.links.session(session.id);
  const admins = deps.settings.safeguardingAdminIds ?? [];
  const claimant = deps.settings.instanceId ?? 'server';
  let current = input.stored;
  for (const change of changes) {
    if (change.kind === 'cancelled') {
      current = await deps.sessions.update(current, {
        ...current.value,
        status: 'cancelled',
        cancellation: { reason: 'Cancelled in Outlook', byId: CALENDAR_SYNC.id, at: deps.clock.now() },
      });
      await deps.audit.append({ actorId: CALENDAR_SYNC.id, action: 'session.cancel', targetId: session.id, outcome: 'done', detail: 'cancelled in Outlook' });
      await once(deps, { key: `outlook-cancel:${session.id}`, sessionId: session.id, userId: CALENDAR_SYNC.id, sessionStart: session.start }, claimant, async () => {
        await notifyPeople(deps, admins, () => buildCancelledInOutlookCard({ start: session.start, partyNames: names, sessionLink: link }));
      });
    } else if (change.kind === 'moved') {
      const before = current.value;
      current = await deps.sessions.update(current, {
        ...before,
        start: change.start,
        end: change.end,
        postponements: [
          ...before.postponements,
          {
            fromStart: before.start,
            fromEnd: before.end,
            toStart: change.start,
            toEnd: change.end,
            reason: 'other',
            note: 'Moved in Outlook',
            byId: CALENDAR_SYNC.id,
            at: deps.clock.now(),
          },
        ],
      });
      await deps.audit.append({
        actorId: CALENDAR_SYNC.id,
        action: 'session.move',
        targetId: session.id,
        outcome: 'done',
        detail: `moved in Outlook; ${change.withinWindow ? 'within' : 'past'} the working week`,
      });
      // The agenda and reminder cards already posted show the new time.
      publishAgendaLater(deps, current.value, input.arrangement);
      if (!change.withinWindow)
        await once(deps, { key: `outlook-move:${session.id}:${change.start}`, sessionId: session.id, userId: CALENDAR_SYNC.id, sessionStart: change.start }, claimant, async () => {
          await notifyPeople(deps, [input.arrangement.supervisor.id, ...admins], () =>
            buildMovedLateCard({ fromStart: before.start, toStart: change.start, deadline: change.deadline, partyNames: names, sessionLink: link }),
          );
        });
    } else {
      for (const userId of change.userIds) {
        await once(
          deps,
          { key: `outlook-decline:${session.id}:${userId}:${current.value.start}`, sessionId: session.id, userId, sessionStart: current.value.start },
          claimant,
          async () => {
            // As if they had pressed "I can't make it": the same rules, the same escalation when nothing fits.
            const offer = await offerReschedule(deps, { caller: { id: userId, roles: [] }, sessionId: session.id, reason: 'unavailable' });
            if (!offer.ok) return;
            const o = offer.value;
            const card =
              o.kind === 'slots'
                ? buildSlotsCard({
                    sessionId: o.sessionId,
                    originalStart: o.originalStart,
                    currentStart: o.currentStart,
                    deadline: o.deadline,
                    slots: o.slots,
                    reason: 'unavailable',
                    intro: DECLINE_INTRO,
                  })
                : buildNoSlotCard({ originalStart: o.originalStart, deadline: o.deadline });
            await notifyPeople(deps, [userId], () => card);
          },
        );
      }
    }
  }
  return changes;
}
