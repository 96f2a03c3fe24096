import { ActionSet, AdaptiveCard, Choice, ChoiceSetInput, Fact, FactSet, OpenUrlAction, TextBlock, TextInput, type CardElementArray } from '@microsoft/teams.cards';
import { dateText, sessionTimeText } from '../agenda/agenda.js';
import type { IsoDate } from '../calendar/dates.js';
import type { IsoInstant } from '../calendar/london-time.js';
import { InvalidInputError } from '../errors/invalid-input.js';
import { POSTPONEMENT_REASONS, POSTPONEMENT_REASON_TEXT, type PostponementReason } from '../sessions/session.js';
import { namesText } from './agenda-card.js';
import { executeAction } from './card-actions.js';

/** At most this many times are offered (best first). */
export const MAX_SLOTS_OFFERED = 8;

function heading(text: string): TextBlock {
  return new TextBlock(text, { wrap: true, style: 'heading', size: 'Medium', weight: 'Bolder' });
}

function para(text: string, subtle = false): TextBlock {
  return new TextBlock(text, { wrap: true, ...(subtle ? { isSubtle: true } : {}) });
}

// seed 000 Appendix 3 §3 ("Postponement"): the reason is recorded; a choice and a short note keep case detail out.
/** Step 1 of "I can't make it": why. */
export function buildReasonCard(sessionId: string, sessionStart: IsoInstant): AdaptiveCard {
  const when = sessionTimeText(sessionStart);
  return new AdaptiveCard(
    heading('Postpone your session'),
    para(`Your supervision on ${when}. It must be re-held within one working week; next you can pick a time when everyone is free.`),
    new ChoiceSetInput(...POSTPONEMENT_REASONS.map((r) => new Choice({ title: POSTPONEMENT_REASON_TEXT[r], value: r })))
      .withId('reason')
      .withLabel('Why can\u2019t it go ahead?')
      .withStyle('expanded')
      .withIsRequired(true)
      .withErrorMessage('Choose a reason.'),
    new TextInput({ id: 'note', label: 'Note (optional)', placeholder: 'A few words, no case detail', maxLength: 200 }),
  )
    .withActions(executeAction('Find a new time', { action: 'reschedule.reason', sessionId }))
    .withVersion('1.5')
    .withFallbackText(`Postpone your supervision on ${when}: open this chat in Teams to choose a reason.`);
}

export interface SlotsCardInput {
  sessionId: string;
  originalStart: IsoInstant;
  /**
   * The session's time now, when the times are offered: each button sends it, so a time picked on this card
   * after the session has moved (in the tab, from another card, in Outlook) is refused instead of moving it again.
   */
  currentStart: IsoInstant;
  /** The last day the session may be re-held on (inclusive). */
  deadline: IsoDate;
  /** Best first; only the first MAX_SLOTS_OFFERED are shown. */
  slots: { start: IsoInstant; end: IsoInstant }[];
  reason: PostponementReason;
  note?: string;
  /** Why the card came unasked (a decline in Outlook), shown above the times. */
  intro?: string;
}

/** Step 2: the times everyone is free before the deadline, one button each. */
export function buildSlotsCard(input: SlotsCardInput): AdaptiveCard {
  const body: CardElementArray = [
    heading('Pick a new time'),
    ...(input.intro ? [para(input.intro)] : []),
    para(`Instead of ${sessionTimeText(input.originalStart)}. Everyone is free at these times, all by ${dateText(input.deadline)} (UK time).`),
  ];
  for (const slot of input.slots.slice(0, MAX_SLOTS_OFFERED)) {
    const data = {
      action: 'reschedule.pick' as const,
      sessionId: input.sessionId,
      start: slot.start,
      reason: input.reason,
      ...(input.note ? { note: input.note } : {}),
      fromStart: input.currentStart,
    };
    body.push(new ActionSet(executeAction(sessionTimeText(slot.start, slot.end), data)));
  }
  if (input.slots.length === 0) body.push(para('No times to offer.', true));
  return new AdaptiveCard(...body).withVersion('1.5').withFallbackText(`Pick a new time for your supervision, by ${dateText(input.deadline)}: open this chat in Teams.`);
}

/** Step 2 when nothing fits: nobody has to find a time alone; the supervisor and admin are told. */
export function buildNoSlotCard(input: { originalStart: IsoInstant; deadline: IsoDate }): AdaptiveCard {
  const text = `There is no time by ${dateText(input.deadline)} (within one working week of ${sessionTimeText(input.originalStart)}) when everyone is free. Your supervisor and the safeguarding admin have been told and will agree a new time with you.`;
  return new AdaptiveCard(heading('No new time found'), para(text)).withVersion('1.5').withFallbackText(`No new time found. ${text}`);
}

/** To every party once a session has moved. */
export function buildPostponedNoticeCard(input: { fromStart: IsoInstant; toStart: IsoInstant; byName: string; reasonText: string }): AdaptiveCard {
  const to = sessionTimeText(input.toStart);
  return new AdaptiveCard(
    heading('Supervision moved'),
    new FactSet(new Fact('Was', sessionTimeText(input.fromStart)), new Fact('Now', to), new Fact('Moved by', input.byName), new Fact('Reason', input.reasonText)),
    para('Your Outlook calendar has the new time.', true),
  )
    .withVersion('1.5')
    .withFallbackText(`Supervision moved to ${to}.`);
}

// seed 000 "Entitlement" and seed 003 §F: a session not re-held in time is raised with those responsible.
/** To the supervisor and the safeguarding admin when a postponed session cannot be re-booked in time. */
export function buildEscalationCard(input: { sessionStart: IsoInstant; deadline: IsoDate; partyNames: string[]; sessionLink: string }): AdaptiveCard {
  if (!/^https?:\/\/\S+$/i.test(input.sessionLink)) throw new InvalidInputError('sessionLink', 'The session link must be a web address starting with https://');
  return new AdaptiveCard(
    heading('A postponed session needs a new time'),
    para('A supervision session was postponed and there is no time within one working week when everyone is free. Please agree a new time with the people below.'),
    new FactSet(new Fact('Original time', sessionTimeText(input.sessionStart)), new Fact('Re-hold by', dateText(input.deadline)), new Fact('People', namesText(input.partyNames))),
  )
    .withActions(new OpenUrlAction(input.sessionLink, { title: 'Open the session' }))
    .withVersion('1.5')
    .withFallbackText(`A postponed supervision session needs a new time by ${dateText(input.deadline)}.`);
}
