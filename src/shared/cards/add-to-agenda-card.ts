import { ActionSet, AdaptiveCard, Choice, ChoiceSetInput, SubmitAction, TextBlock, TextInput, type CardElementArray } from '@microsoft/teams.cards';
import { z } from 'zod';
import { AGENDA_ITEM_MAX_LENGTH, sessionTimeText } from '../agenda/agenda.js';
import { formatLondonDateTime } from '../calendar/london-format.js';
import type { IsoInstant } from '../calendar/london-time.js';
import { ITEM_PLACEHOLDER, NAME_REMINDER, namesText } from './agenda-card.js';

// The "Add to supervision agenda" message extension (an action command on any Teams message, the compose box
// and the command box): the dialog's form, its answers, and the data its Submit sends. A Teams dialog submits
// with Action.Submit (its invoke is composeExtension/submitAction), not Action.Execute.

/** The action command's id, as declared in appPackage/manifest.json (composeExtensions[0].commands). */
export const ADD_TO_AGENDA_COMMAND_ID = 'addToAgenda';
/** The command's title in Teams, and the dialog's. */
export const ADD_TO_AGENDA_TITLE = 'Add to supervision agenda';
/** The reminder shown with the item's text box. */
export const CHILD_NAME_REMINDER = ITEM_PLACEHOLDER;
/** Shown when the message's text seems to name a child. */
export const PREFILL_NAMES_A_CHILD = 'It looks as if this names a child: change it to initials or a case reference before adding it.';

export interface AddToAgendaSessionChoice {
  sessionId: string;
  start: IsoInstant;
  withNames: string[];
}

export interface AddToAgendaFormInput {
  /** The message's text, plain and at most AGENDA_ITEM_MAX_LENGTH characters ('' from the compose box). */
  text: string;
  /** The message was longer than an agenda item may be, and `text` is its beginning. */
  shortened?: boolean;
  /** `text` seems to name a child (looksLikeChildName). */
  namesAChild?: boolean;
  /** The caller's upcoming sessions, soonest first (at least one: with none, send buildNoSessionToAddToCard). */
  sessions: AddToAgendaSessionChoice[];
  /**
   * A new id for this opening of the dialog, sent back with Submit: Teams sends a submit again when the
   * answer takes over five seconds, and a repeat of the same submission adds nothing more.
   */
  submissionId?: string;
}

function heading(text: string): TextBlock {
  return new TextBlock(text, { wrap: true, style: 'heading', size: 'Medium', weight: 'Bolder' });
}

function sessionTitle(s: AddToAgendaSessionChoice): string {
  return s.withNames.length > 0 ? `${sessionTimeText(s.start)} with ${namesText(s.withNames)}` : sessionTimeText(s.start);
}

/**
 * The dialog's form: the item's text (prefilled with the message's, editable), the reminder to use initials or
 * a case reference, the session to add it to (preselected when there is only one) and "Add to agenda". Submit
 * sends `{ itemText, sessionId, submissionId }`; the bot takes who is acting from the activity, never from here.
 */
export function buildAddToAgendaCard(input: AddToAgendaFormInput): AdaptiveCard {
  const only = input.sessions.length === 1 ? input.sessions[0] : undefined;
  const body: CardElementArray = [heading(ADD_TO_AGENDA_TITLE)];
  if (input.namesAChild) body.push(new TextBlock(PREFILL_NAMES_A_CHILD, { wrap: true, color: 'Attention', weight: 'Bolder' }));
  body.push(
    new TextInput({
      id: 'itemText',
      label: 'Agenda item',
      value: input.text,
      placeholder: CHILD_NAME_REMINDER,
      maxLength: AGENDA_ITEM_MAX_LENGTH,
      isMultiline: true,
      isRequired: true,
      errorMessage: 'Type what you would like to discuss.',
    }),
    new TextBlock(`${CHILD_NAME_REMINDER}.`, { wrap: true, isSubtle: true, size: 'Small', spacing: 'Small' }),
  );
  if (input.shortened) {
    body.push(
      new TextBlock(`The message was longer than ${AGENDA_ITEM_MAX_LENGTH} characters, so only its beginning is here: check how it ends.`, {
        wrap: true,
        isSubtle: true,
        size: 'Small',
        spacing: 'Small',
      }),
    );
  }
  const choices = new ChoiceSetInput(...input.sessions.map((s) => new Choice({ title: sessionTitle(s), value: s.sessionId })))
    .withId('sessionId')
    .withLabel(only ? 'Session' : 'Which session is this for?')
    .withStyle('expanded')
    .withIsRequired(true)
    .withErrorMessage('Choose the session to add this to.')
    .withSpacing('Medium');
  body.push(only ? choices.withValue(only.sessionId) : choices);
  const data = { form: ADD_TO_AGENDA_COMMAND_ID, ...(input.submissionId ? { submissionId: input.submissionId } : {}) };
  body.push(new ActionSet(new SubmitAction({ title: 'Add to agenda', style: 'positive', data })));
  return new AdaptiveCard(...body).withVersion('1.5').withFallbackText(`${ADD_TO_AGENDA_TITLE}: open this in Microsoft Teams to choose the session.`);
}

/** The dialog's answer when the caller has no upcoming session: nothing to add to, so no form. */
export function buildNoSessionToAddToCard(): AdaptiveCard {
  const text = 'You have no upcoming supervision session booked, so there is no agenda to add this to yet. When your sessions are booked, try again.';
  return new AdaptiveCard(heading('No session booked'), new TextBlock(text, { wrap: true })).withVersion('1.5').withFallbackText(`No session booked: ${text}`);
}

/** The dialog's answer once the item is added: its number and the session, never its text. */
export function buildAddedToAgendaCard(input: { number: number; start: IsoInstant; namesAChild: boolean }): AdaptiveCard {
  const text = `Added as item ${input.number} to the agenda for ${formatLondonDateTime(input.start)}. Type agenda in your chat with Safeguarding Supervision to see it all.`;
  const body: CardElementArray = [heading('Added to the agenda'), new TextBlock(text, { wrap: true })];
  if (input.namesAChild) body.push(new TextBlock(NAME_REMINDER, { wrap: true, color: 'Attention', weight: 'Bolder' }));
  return new AdaptiveCard(...body).withVersion('1.5').withFallbackText(`Added to the agenda: ${text}`);
}

const blankIsMissing = (v: unknown) => (v === '' ? undefined : v);

/**
 * The data the form's Submit sends: its inputs (`itemText`, `sessionId`) merged into the action's data.
 * Unknown keys are stripped. The text is checked again by the use case (empty, control characters); the
 * session by the use case too (the caller must be one of its parties, and it must be booked and to come).
 */
export const addToAgendaSubmitSchema = z.object({
  sessionId: z.preprocess(blankIsMissing, z.string().min(1).max(200)),
  itemText: z.string().max(AGENDA_ITEM_MAX_LENGTH),
  // Anything else is treated as no id: the submission is then keyed by its activity alone.
  submissionId: z.string().min(1).max(100).optional().catch(undefined),
});
export type AddToAgendaSubmit = z.infer<typeof addToAgendaSubmitSchema>;

export type ParsedAddToAgendaSubmit = { ok: true; value: AddToAgendaSubmit } | { ok: false; field: string; message: string };

/** Reads the form's data. A refusal says what to fix in plain words and never repeats what was sent. */
export function parseAddToAgendaSubmit(data: unknown): ParsedAddToAgendaSubmit {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, field: 'data', message: `The form sent no details. Open ${ADD_TO_AGENDA_TITLE} on the message again.` };
  }
  const parsed = addToAgendaSubmitSchema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? 'data');
  const given = (data as Record<string, unknown>)[field];
  if (field === 'sessionId') {
    if (given === undefined || given === null || given === '') return { ok: false, field, message: 'Choose the session to add this to.' };
    return { ok: false, field, message: `The session is not valid. Open ${ADD_TO_AGENDA_TITLE} on the message again and choose one of yours.` };
  }
  if (given === undefined || given === null) return { ok: false, field, message: 'The form did not send the item text. Type what you would like to discuss.' };
  if (issue?.code === 'too_big') return { ok: false, field, message: `The item is too long: use ${AGENDA_ITEM_MAX_LENGTH} characters or fewer.` };
  return { ok: false, field, message: 'The item text is not valid. Type what you would like to discuss.' };
}
