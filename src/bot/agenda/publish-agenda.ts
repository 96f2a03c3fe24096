import type { AgendaView } from '../../shared/agenda/agenda.js';
import { buildAgendaCard } from '../../shared/cards/agenda-card.js';
import { buildReminderCard } from '../../shared/cards/reminder-card.js';
import type { AdaptiveCard } from '@microsoft/teams.cards';
import type { Arrangement } from '../../shared/arrangements/arrangement.js';
import type { Session } from '../../shared/sessions/session.js';
import { UnreachableError, type AppPorts, type PostedCard } from '../ports.js';
import { loadAgendaView } from './agenda-view.js';

/** The card a posted agenda or reminder card should show now, for the person it was posted to. */
export function cardFor(card: Pick<PostedCard, 'kind' | 'userId'>, view: AgendaView, notice?: string): AdaptiveCard {
  return card.kind === 'reminder'
    ? buildReminderCard(view, card.userId)
    : // refresh: Teams asks again for the card whenever its user opens it, so it is current even if an update was missed.
      buildAgendaCard(view, card.userId, { refreshUserIds: [card.userId], ...(notice ? { notice } : {}) });
}

/**
 * Updates in place every agenda and reminder card already posted for the session, so every party sees
 * the agenda as it is now. A card that cannot be updated never undoes the change that caused it.
 * `except` is the card the person is acting on: Teams replaces that one with the invoke's answer.
 */
export async function publishAgenda(
  deps: Pick<AppPorts, 'postedCards' | 'messenger' | 'conversations'>,
  sessionId: string,
  agendaNow: () => Promise<AgendaView>,
  except?: { activityId: string | undefined },
): Promise<{ updated: number; failed: number }> {
  const posted = (await deps.postedCards.listForSession(sessionId)).filter((p) => p.activityId !== except?.activityId);
  // Nothing posted yet: the agenda is not even read.
  if (posted.length === 0) return { updated: 0, failed: 0 };
  const current = await agendaNow();
  let updated = 0;
  let failed = 0;
  await Promise.all(
    posted.map(async (p) => {
      try {
        await deps.messenger.update(p.conversation, p.activityId, cardFor(p, current));
        updated += 1;
      } catch (error) {
        failed += 1;
        if (error instanceof UnreachableError && error.status === 403) await deps.conversations.forget(p.userId).catch(() => undefined);
      }
    }),
  );
  return { updated, failed };
}

/**
 * Updates the session's posted cards after the answer has gone: the person acting is not kept waiting
 * for every other card. Updates for one session run in turn, each reading the agenda as it is then.
 */
export function publishAgendaLater(
  deps: Pick<AppPorts, 'postedCards' | 'messenger' | 'conversations' | 'settings' | 'agendaItems' | 'afterwards' | 'compliance'>,
  session: Session,
  arrangement: Arrangement,
  except?: { activityId: string | undefined },
): void {
  deps.afterwards.run(`agenda:${session.id}`, () => publishAgenda(deps, session.id, () => loadAgendaView(deps, session, arrangement), except));
}
