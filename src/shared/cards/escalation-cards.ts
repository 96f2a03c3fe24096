import { AdaptiveCard, Fact, FactSet, OpenUrlAction, TextBlock } from '@microsoft/teams.cards';
import { dateText, sessionTimeText } from '../agenda/agenda.js';
import type { IsoInstant } from '../calendar/london-time.js';
import { InvalidInputError } from '../errors/invalid-input.js';
import { executeAction } from './card-actions.js';

const heading = (text: string) => new TextBlock(text, { wrap: true, style: 'heading', size: 'Medium', weight: 'Bolder' });
const para = (text: string, subtle = false) => new TextBlock(text, { wrap: true, ...(subtle ? { isSubtle: true } : {}) });
const dueText = (dueBy: string) => (dueBy.length === 10 ? dateText(dueBy) : sessionTimeText(dueBy as IsoInstant));

function checkLink(link: string): void {
  if (!/^https?:\/\/\S+$/i.test(link)) throw new InvalidInputError('link', 'The link must be a web address starting with https://');
}

// seed 000 "Entitlement", seed 003 §F: the supervisor's line manager is told when supervision lapses.
/** To the supervisor and their line manager: a supervisee is overdue for supervision. Names and dates only. */
export function buildOverdueNoticeCard(input: { superviseeName: string; supervisorName: string; dueBy: string; message: string; link: string }): AdaptiveCard {
  checkLink(input.link);
  return new AdaptiveCard(
    heading('Supervision is overdue'),
    para(`${input.superviseeName} has not had supervision at the frequency their role requires. Please book a session with them now.`),
    new FactSet(new Fact('Supervisee', input.superviseeName), new Fact('Supervisor', input.supervisorName), new Fact('Was due by', dueText(input.dueBy))),
    para(input.message, true),
    para('They may ask for a three-way meeting with the supervisor and the supervisor’s line manager.', true),
  )
    .withActions(new OpenUrlAction(input.link, { title: 'Open the compliance dashboard' }))
    .withVersion('1.5')
    .withFallbackText(`Supervision for ${input.superviseeName} is overdue.`);
}

/** To the supervisee: their supervision is overdue; they may ask for a three-way meeting. */
export function buildEntitlementCard(input: {
  arrangementId: string;
  supervisorName: string;
  dueBy: string;
  link: string;
  booked?: { start: IsoInstant; managerName: string };
  /** false when the directory names no line manager for the supervisor: nobody else was told, and no meeting can be booked. */
  managerKnown?: boolean;
}): AdaptiveCard {
  checkLink(input.link);
  const overdue = `You have not had supervision at the frequency your role requires (it was due by ${dueText(input.dueBy)}).`;
  const card = new AdaptiveCard(
    heading(input.booked ? 'Three-way meeting booked' : 'Your supervision is overdue'),
    input.booked
      ? para(
          `A meeting with ${input.supervisorName} and ${input.booked.managerName} is booked for ${sessionTimeText(input.booked.start)}. The Outlook invitation is in your calendar.`,
        )
      : input.managerKnown === false
        ? para(
            `${overdue} Your supervisor, ${input.supervisorName}, has been told. The directory does not name their line manager, so ask the designated safeguarding lead to arrange a meeting with you both.`,
          )
        : para(`${overdue} Your supervisor, ${input.supervisorName}, and their line manager have been told. You may ask for a three-way meeting with them.`),
  ).withVersion('1.5');
  if (input.booked) return card.withActions(new OpenUrlAction(input.link, { title: 'Open My supervision' })).withFallbackText('Your three-way meeting is booked.');
  if (input.managerKnown === false)
    return card.withActions(new OpenUrlAction(input.link, { title: 'Open My supervision' })).withFallbackText('Your supervision is overdue: your supervisor has been told.');
  return card
    .withActions(
      executeAction('Ask for a three-way meeting', { action: 'escalation.requestMeeting', arrangementId: input.arrangementId }),
      new OpenUrlAction(input.link, { title: 'Open My supervision' }),
    )
    .withFallbackText('Your supervision is overdue: you may ask for a three-way meeting.');
}
