import { randomUUID } from 'node:crypto';
import type { App } from '@microsoft/teams.apps';
import type { IMessageExtensionFetchTaskInvokeActivity, IMessageExtensionSubmitActionInvokeActivity, MessagingExtensionActionResponse } from '@microsoft/teams.api';
import type { AdaptiveCard } from '@microsoft/teams.cards';
import type { Logger } from 'pino';
import { looksLikeChildName } from '../../shared/agenda/child-name.js';
import {
  ADD_TO_AGENDA_COMMAND_ID,
  ADD_TO_AGENDA_TITLE,
  buildAddedToAgendaCard,
  buildAddToAgendaCard,
  buildNoSessionToAddToCard,
  parseAddToAgendaSubmit,
} from '../../shared/cards/add-to-agenda-card.js';
import { messagePrefillText } from '../../shared/cards/message-html-text.js';
import { errorSummary } from '../errors.js';
import type { UseCases } from '../use-cases.js';
import { callerOf } from './conversation-of.js';

const NO_IDENTITY = 'I could not tell who you are. Open this from Microsoft Teams with your school account.';
const UNKNOWN_COMMAND = 'That command is not one this app knows. Update the Safeguarding Supervision app and try again.';
const WENT_WRONG = 'Something went wrong and nothing was added. Please try again in a minute.';

/** The dialog showing a card. */
export function dialogCard(card: AdaptiveCard): MessagingExtensionActionResponse {
  return {
    task: {
      type: 'continue',
      value: { title: ADD_TO_AGENDA_TITLE, height: 'medium', width: 'medium', card: { contentType: 'application/vnd.microsoft.card.adaptive', content: card } },
    },
  };
}

/** The dialog showing a short message (Teams shows `value` in the dialog): a refusal or a problem. */
export function dialogMessage(message: string): MessagingExtensionActionResponse {
  return { task: { type: 'message', value: message } };
}

/**
 * The "Add to supervision agenda" message extension: an action command on any Teams message, the compose box
 * and the command box (appPackage/manifest.json, composeExtensions). Opening it (composeExtension/fetchTask)
 * shows a dialog with the message's text, editable, and the caller's upcoming sessions; submitting it
 * (composeExtension/submitAction) adds the item through the same use case as the `add` chat command. Who is
 * acting comes from the activity only. Every invoke gets a dialog answer, never an empty body or a 5xx. The
 * message's text is never logged: it may hold case detail.
 */
export function registerMessageExtension(app: App, useCases: UseCases, log: Logger): void {
  app.on('message.ext.open', async ({ activity }) => {
    try {
      return await open(activity);
    } catch (err) {
      log.error({ err: errorSummary(err) }, 'message extension: could not open the dialog');
      return dialogMessage('Something went wrong and the form could not open. Please try again in a minute.');
    }
  });

  app.on('message.ext.submit', async ({ activity }) => {
    try {
      return await submit(activity);
    } catch (err) {
      log.error({ err: errorSummary(err) }, 'message extension: could not add the item');
      return dialogMessage(WENT_WRONG);
    }
  });

  const open = async (activity: IMessageExtensionFetchTaskInvokeActivity): Promise<MessagingExtensionActionResponse> => {
    const context = activity.value?.commandContext;
    log.info({ command: commandOf(activity.value?.commandId), context: typeof context === 'string' ? context.slice(0, 20) : undefined }, 'message extension opened');
    if (activity.value?.commandId !== ADD_TO_AGENDA_COMMAND_ID) return dialogMessage(UNKNOWN_COMMAND);
    const caller = callerOf(activity);
    if (!caller) return dialogMessage(NO_IDENTITY);
    const next = await useCases.nextSessions({ caller });
    if (!next.ok) return dialogMessage(next.refusal.message);
    if (next.value.length === 0) return dialogCard(buildNoSessionToAddToCard());
    const prefill = messagePrefillText(activity.value.messagePayload?.body);
    return dialogCard(
      buildAddToAgendaCard({
        text: prefill.text,
        shortened: prefill.shortened,
        namesAChild: prefill.text !== '' && looksLikeChildName(prefill.text),
        sessions: next.value.map((s) => ({ sessionId: s.sessionId, start: s.start, withNames: s.withNames })),
        submissionId: randomUUID(),
      }),
    );
  };

  const submit = async (activity: IMessageExtensionSubmitActionInvokeActivity): Promise<MessagingExtensionActionResponse> => {
    const commandId: unknown = activity.value?.commandId;
    const caller = callerOf(activity);
    if (!caller) {
      await useCases.recordRefusedCardAction({ actorId: activity.from.id ?? 'unknown', verb: commandOf(commandId), reason: 'no_identity' });
      return dialogMessage(NO_IDENTITY);
    }
    if (commandId !== ADD_TO_AGENDA_COMMAND_ID) {
      await useCases.recordRefusedCardAction({ actorId: caller.id, verb: commandOf(commandId), reason: 'malformed' });
      return dialogMessage(UNKNOWN_COMMAND);
    }
    const parsed = parseAddToAgendaSubmit(activity.value.data);
    if (!parsed.ok) {
      log.info({ command: ADD_TO_AGENDA_COMMAND_ID, field: parsed.field }, 'message extension: form data refused');
      await useCases.recordRefusedCardAction({ actorId: caller.id, verb: ADD_TO_AGENDA_COMMAND_ID, reason: 'malformed' });
      return dialogMessage(parsed.message);
    }
    // Teams retries a submit it got no answer to within five seconds: the dialog's own id makes the repeat add nothing more.
    const requestId = parsed.value.submissionId ? `dialog:${parsed.value.submissionId}` : activity.id;
    const added = await useCases.addAgendaItem({ caller, sessionId: parsed.value.sessionId, text: parsed.value.itemText, requestId });
    if (!added.ok) {
      log.info({ command: ADD_TO_AGENDA_COMMAND_ID, refusal: added.refusal.code }, 'message extension: not added');
      return dialogMessage(added.refusal.message);
    }
    // With a session id the use case adds to it (or refuses); it asks which session only when none is given.
    if (added.value.kind !== 'added') return dialogMessage('Choose the session to add this to.');
    log.info({ command: ADD_TO_AGENDA_COMMAND_ID, number: added.value.number }, 'message extension: item added');
    return dialogCard(buildAddedToAgendaCard({ number: added.value.number, start: added.value.view.start, namesAChild: added.value.namesAChild }));
  };
}

/** A command id fit for a log line or an audit entry (ours, or 'unknown'). */
function commandOf(commandId: unknown): string {
  return typeof commandId === 'string' && /^[a-zA-Z][a-zA-Z0-9]{0,39}$/.test(commandId) ? commandId : 'unknown';
}
