import type { App } from '@microsoft/teams.apps';
import { MessageActivity, type AdaptiveCardActionResponse, type IAdaptiveCardActionInvokeActivity } from '@microsoft/teams.api';
import type { AdaptiveCard } from '@microsoft/teams.cards';
import type { Logger } from 'pino';
import type { Caller } from '../../shared/access/app-roles.js';
import { buildAgendaCard } from '../../shared/cards/agenda-card.js';
import { parseCardAction, type CardAction } from '../../shared/cards/card-actions.js';
import { buildEntitlementCard } from '../../shared/cards/escalation-cards.js';
import { buildHelpCard } from '../../shared/cards/help-card.js';
import { buildMessageCard } from '../../shared/cards/message-card.js';
import { buildNoSlotCard, buildPostponedNoticeCard, buildReasonCard, buildSlotsCard } from '../../shared/cards/reschedule-cards.js';
import { buildSessionChoiceCard } from '../../shared/cards/session-choice-card.js';
import { formatLondonDateTime } from '../../shared/calendar/london-format.js';
import { BOT_COMMANDS, parseCommand, type ParsedCommand } from '../../shared/chat/commands.js';
import { POSTPONEMENT_REASON_TEXT } from '../../shared/sessions/session.js';
import { errorSummary } from '../errors.js';
import type { ConversationRef } from '../ports.js';
import type { UseCases } from '../use-cases.js';
import { decisionCardOf } from '../decisions/decision-view.js';
import { signatureCardOfView } from '../records/record-view.js';
import { cardError, cardResponse, refusalResponse } from './bot-replies.js';
import { createRepeatedActivities } from './repeated-activities.js';
import { callerOf, inPersonalChat, PERSONAL_CHAT_ONLY, personalConversationOf } from './conversation-of.js';

const NAME_REMINDER = 'It looks as if that names a child. Please use initials or a case reference instead (you can edit the item on the agenda card).';

function help(notUnderstood: boolean): MessageActivity {
  return new MessageActivity().addCard('adaptive', buildHelpCard({ commands: BOT_COMMANDS, notUnderstood }));
}
function message(title: string, text: string): MessageActivity {
  return new MessageActivity().addCard('adaptive', buildMessageCard(title, text));
}

type Send = (activity: MessageActivity) => Promise<unknown>;

/**
 * The bot's conversation: chat commands, install and uninstall, and every Adaptive Card action. Each
 * handler reads who is acting from the activity, calls one use case and shapes its answer; nothing
 * here decides what is allowed.
 */
export function registerBotHandlers(app: App, useCases: UseCases, log: Logger): void {
  app.on('install.add', async ({ activity, send }) => {
    const ref = personalConversationOf(activity);
    if (ref) await useCases.rememberConversation({ ref, installed: true }).catch((err: unknown) => log.error({ err: errorSummary(err) }, 'could not save the conversation'));
    await send(help(false));
  });

  app.on('install.remove', async ({ activity }) => {
    // Only the personal app's removal: taking the app out of a group chat leaves the person's own chat, where their reminders go.
    const ref = personalConversationOf(activity);
    if (ref) await useCases.forgetConversation({ userId: ref.userId }).catch((err: unknown) => log.error({ err: errorSummary(err) }, 'could not forget the conversation'));
  });

  const repeats = createRepeatedActivities();
  app.on('message', async ({ activity, send }) => {
    // Teams' second delivery of a message that took long: the first delivery answers it.
    if (repeats.isRepeat(activity.id)) {
      log.info('repeated message ignored');
      return;
    }
    const command = parseCommand(activity.text);
    // Never log the message text: it may contain case detail.
    log.info({ command: command.kind, conversationType: activity.conversation.conversationType }, 'bot message');
    const caller = callerOf(activity);
    const personal = personalConversationOf(activity);
    if (personal)
      await useCases.rememberConversation({ ref: personal, installed: false }).catch((err: unknown) => log.error({ err: errorSummary(err) }, 'could not save the conversation'));
    try {
      await answer(command, caller, personal, send, activity.id);
    } catch (err) {
      log.error({ err: errorSummary(err), command: command.kind }, 'bot command failed');
      await send(message('Something went wrong', 'I could not do that just now. Nothing was lost: please try again in a minute.'));
    }
  });

  const answer = async (command: ParsedCommand, caller: Caller | undefined, personal: ConversationRef | undefined, send: Send, requestId: string | undefined) => {
    if (command.kind === 'help') return send(help(false));
    if (command.kind === 'unknown') return send(help(true));
    if (!caller) return send(message('Sign in needed', 'I could not tell who you are. Open this chat from Microsoft Teams with your school account.'));
    // Agendas and sessions are private to their parties: never shown in a group chat or channel.
    if (!personal) return send(message('Private chat only', PERSONAL_CHAT_ONLY));
    switch (command.kind) {
      case 'add': {
        if (!command.text) return send(message('What should I add?', 'Type add followed by the item, for example: add Workload since the new term.'));
        const added = await useCases.addAgendaItem({ caller, text: command.text, requestId });
        if (!added.ok) return send(message('Not added', added.refusal.message));
        if (added.value.kind === 'choose-session') return send(new MessageActivity().addCard('adaptive', buildSessionChoiceCard(added.value)));
        const when = formatLondonDateTime(added.value.view.start);
        await send(message('Added to the agenda', `Item ${added.value.number} on the agenda for ${when}. Type agenda to see it all.`));
        if (added.value.namesAChild) await send(message('Use initials', NAME_REMINDER));
        return;
      }
      case 'agenda': {
        const shown = await useCases.showAgenda({ caller, to: personal });
        if (!shown.ok) return send(message('No agenda yet', shown.refusal.message));
        return;
      }
      case 'next': {
        const next = await useCases.nextSessions({ caller });
        if (!next.ok) return send(message('Next session', next.refusal.message));
        if (next.value.length === 0) return send(message('Next session', 'You have no upcoming supervision session booked.'));
        return send(
          message(
            next.value.length === 1 ? 'Your next session' : 'Your next sessions',
            next.value.map((s) => `${formatLondonDateTime(s.start)} with ${s.withNames.join(', ')}`).join('\n\n'),
          ),
        );
      }
      case 'remove': {
        if (command.number === undefined) return send(message('Which item?', 'Type remove followed by the item number shown on the agenda, for example: remove 2.'));
        const removed = await useCases.removeAgendaItem({ caller, number: command.number, requestId });
        if (!removed.ok) return send(message('Not removed', removed.refusal.message));
        return send(message('Removed', `Item ${command.number} is off the agenda for ${formatLondonDateTime(removed.value.view.start)}.`));
      }
      case 'reschedule': {
        const next = await useCases.nextSessions({ caller });
        const first = next.ok ? next.value[0] : undefined;
        if (!first) return send(message('Nothing to move', 'You have no upcoming supervision session booked.'));
        const begun = await useCases.beginReschedule({ caller, sessionId: first.sessionId });
        if (!begun.ok) return send(message('Cannot move it', begun.refusal.message));
        return send(new MessageActivity().addCard('adaptive', buildReasonCard(begun.value.sessionId, begun.value.start)));
      }
    }
  };

  app.on('card.action', async ({ activity }) => {
    try {
      return await onCardAction(activity);
    } catch (err) {
      log.error({ err: errorSummary(err) }, 'card action failed');
      return cardError('Something went wrong and this was not done. Please try again in a minute.', 'InternalError');
    }
  });

  const onCardAction = async (activity: IAdaptiveCardActionInvokeActivity): Promise<AdaptiveCardActionResponse> => {
    const caller = callerOf(activity);
    const verb: unknown = activity.value?.action?.verb;
    if (!caller) {
      await useCases.recordRefusedCardAction({ actorId: activity.from.id ?? 'unknown', verb, reason: 'no_identity' });
      return cardError('I could not tell who you are. Open this card in Microsoft Teams with your school account.', 'Unauthenticated');
    }
    // In a group chat the answer would replace the card for everyone there: as chat commands, personal chat only.
    if (!inPersonalChat(activity)) return cardError(PERSONAL_CHAT_ONLY, 'Forbidden');
    const parsed = parseCardAction(verb, activity.value?.action?.data);
    if (!parsed.ok) {
      await useCases.recordRefusedCardAction({ actorId: caller.id, verb, reason: 'malformed' });
      return cardError(parsed.message);
    }
    return act(caller, parsed.action, activity.replyToId, activity.id);
  };

  const agendaAnswer = (caller: Caller, view: Parameters<typeof buildAgendaCard>[0], notice?: string, nameReminder = false): AdaptiveCardActionResponse =>
    cardResponse(buildAgendaCard(view, caller.id, { refreshUserIds: [caller.id], ...(notice ? { notice } : {}), nameReminder }));

  const act = async (caller: Caller, action: CardAction, fromActivityId: string | undefined, requestId: string | undefined): Promise<AdaptiveCardActionResponse> => {
    switch (action.action) {
      case 'agenda.add': {
        const added = await useCases.addAgendaItem({ caller, sessionId: action.sessionId, text: action.itemText ?? '', sectionId: action.sectionId, fromActivityId, requestId });
        if (!added.ok) return refusalResponse(added.refusal);
        if (added.value.kind === 'choose-session') return cardResponse(buildSessionChoiceCard(added.value));
        return agendaAnswer(caller, added.value.view, `Added as item ${added.value.number}.`, added.value.namesAChild);
      }
      case 'agenda.edit': {
        const edited = await useCases.editAgendaItem({ caller, sessionId: action.sessionId, itemId: action.itemId, text: action.editText ?? '', fromActivityId });
        return edited.ok ? agendaAnswer(caller, edited.value.view, 'Item changed.') : refusalResponse(edited.refusal);
      }
      case 'agenda.remove': {
        const removed = await useCases.removeAgendaItem({ caller, sessionId: action.sessionId, itemId: action.itemId, fromActivityId });
        return removed.ok ? agendaAnswer(caller, removed.value.view, 'Item removed.') : refusalResponse(removed.refusal);
      }
      case 'agenda.refresh':
      case 'agenda.open': {
        const agenda = await useCases.getAgenda({ caller, sessionId: action.sessionId });
        return agenda.ok ? agendaAnswer(caller, agenda.value) : refusalResponse(agenda.refusal);
      }
      case 'reschedule.start': {
        const begun = await useCases.beginReschedule({ caller, sessionId: action.sessionId });
        return begun.ok ? cardResponse(buildReasonCard(begun.value.sessionId, begun.value.start)) : refusalResponse(begun.refusal);
      }
      case 'reschedule.reason': {
        if (!action.reason) return cardError('Choose a reason first.');
        const offer = await useCases.offerReschedule({ caller, sessionId: action.sessionId, reason: action.reason });
        if (!offer.ok) return refusalResponse(offer.refusal);
        const o = offer.value;
        return o.kind === 'slots'
          ? cardResponse(
              buildSlotsCard({
                sessionId: o.sessionId,
                originalStart: o.originalStart,
                currentStart: o.currentStart,
                deadline: o.deadline,
                slots: o.slots,
                reason: action.reason,
                ...(action.note ? { note: action.note } : {}),
              }),
            )
          : cardResponse(buildNoSlotCard({ originalStart: o.originalStart, deadline: o.deadline }));
      }
      case 'reschedule.pick': {
        const moved = await useCases.rescheduleToSlot({
          caller,
          sessionId: action.sessionId,
          start: action.start,
          reason: action.reason,
          note: action.note,
          fromStart: action.fromStart,
        });
        if (!moved.ok) return refusalResponse(moved.refusal);
        return cardResponse(
          buildPostponedNoticeCard({
            fromStart: moved.value.fromStart,
            toStart: moved.value.toStart,
            byName: moved.value.movedBy,
            reasonText: POSTPONEMENT_REASON_TEXT[moved.value.reason],
          }),
        );
      }
      case 'record.sign': {
        const signed = await useCases.signRecord({ caller, recordId: action.recordId, version: action.version, sha256: action.sha256, fromActivityId });
        return signed.ok ? cardResponse(signatureCardOfView(signed.value, caller.id)) : refusalResponse(signed.refusal);
      }
      case 'record.requestChange': {
        const changed = await useCases.requestRecordChange({
          caller,
          recordId: action.recordId,
          version: action.version,
          sha256: action.sha256,
          comment: action.comment ?? '',
          fromActivityId,
        });
        return changed.ok ? cardResponse(signatureCardOfView(changed.value, caller.id)) : refusalResponse(changed.refusal);
      }
      case 'decision.confirm': {
        const confirmed = await useCases.confirmDecision({ caller, decisionId: action.decisionId, reference: action.reference ?? '', fromActivityId });
        return confirmed.ok ? cardResponse(decisionCardOf(confirmed.value)) : refusalResponse(confirmed.refusal);
      }
      case 'escalation.requestMeeting': {
        const booked = await useCases.requestThreeWayMeeting({ caller, arrangementId: action.arrangementId });
        if (!booked.ok) return refusalResponse(booked.refusal);
        const m = booked.value;
        return cardResponse(
          buildEntitlementCard({
            arrangementId: action.arrangementId,
            supervisorName: m.supervisorName,
            dueBy: m.start,
            link: m.link,
            booked: { start: m.start, managerName: m.managerName },
          }),
        );
      }
    }
  };
}

export type { AdaptiveCard };
