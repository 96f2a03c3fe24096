import { AdaptiveCard, Fact, FactSet, OpenUrlAction, RichTextBlock, TextBlock, TextInput, TextRun, type CardElementArray } from '@microsoft/teams.cards';
import { sessionTimeText } from '../agenda/agenda.js';
import { formatLondonDateTime } from '../calendar/london-format.js';
import type { IsoInstant } from '../calendar/london-time.js';
import { InvalidInputError } from '../errors/invalid-input.js';
import type { CaseSystem } from '../records/decision-record.js';
import { executeAction } from './card-actions.js';

/** Longest case system reference (as `caseSystemReferenceSchema` in decision-record.ts). */
export const REFERENCE_MAX_LENGTH = 100;
/** What the reference box lets through before it is sent; the same characters `caseSystemReferenceSchema` allows. */
export const REFERENCE_PATTERN = '^[\\w\\-/#. ]+$';

export interface DecisionReminderCardInput {
  decisionId: string;
  /** When the decision must be on the child's record in the case system. */
  dueBy: IsoInstant;
  caseSystem: CaseSystem;
  /** The session the decision was made at. */
  sessionStart?: IsoInstant;
  /** Opens the decision record in the app. */
  link: string;
  /** Once the supervisor has confirmed the entry. */
  confirmed?: { reference: string; at: IsoInstant };
}

function systemName(system: CaseSystem): string {
  return system === 'other' ? 'the school\u2019s case system' : system;
}

function heading(text: string): TextBlock {
  return new TextBlock(text, { wrap: true, style: 'heading', size: 'Large', weight: 'Bolder' });
}

function para(text: string, subtle = false): TextBlock {
  return new TextBlock(text, { wrap: true, ...(subtle ? { isSubtle: true } : {}) });
}

// seed 002 §4.1 d: a decision from supervision is entered on the child's record within 24 hours.
/**
 * Reminds the supervisor to enter a decision from supervision on the child's record in the case system by
 * `dueBy`, and to confirm it with that entry's reference. It carries no case detail (no child reference, no
 * concerns): the decision is read in the app. Once confirmed it shows the reference and when, and asks nothing.
 */
export function buildDecisionReminderCard(input: DecisionReminderCardInput): AdaptiveCard {
  if (!/^https?:\/\/\S+$/i.test(input.link)) throw new InvalidInputError('link', 'The decision link must be a web address starting with https://');
  const system = systemName(input.caseSystem);
  const due = formatLondonDateTime(input.dueBy);
  const at = input.sessionStart === undefined ? 'at supervision' : `at your supervision on ${sessionTimeText(input.sessionStart)}`;
  const open = new OpenUrlAction(input.link, { title: 'Open the decision in the app' });

  if (input.confirmed) {
    const title = `Decision entered on ${system}`;
    return new AdaptiveCard(
      heading(title),
      para(`You confirmed that the decision made ${at} is on the child\u2019s record.`),
      // The reference is what the supervisor typed: a text run shows it as typed (no Markdown).
      new RichTextBlock({ inlines: [new TextRun(`Reference: ${input.confirmed.reference}`)] }),
      new FactSet(new Fact('Confirmed', formatLondonDateTime(input.confirmed.at)), new Fact('Was due by', due)),
    )
      .withActions(open)
      .withVersion('1.5')
      .withFallbackText(`${title} at ${formatLondonDateTime(input.confirmed.at)}.`);
  }

  const title = `Enter a decision on ${system}`;
  const label = input.caseSystem === 'other' ? 'Reference of the entry in the case system' : `Reference of the entry in ${input.caseSystem}`;
  const body: CardElementArray = [
    heading(title),
    para(`A decision about a child was made ${at}. Please enter it on the child\u2019s record in ${system} by ${due}, then confirm it here with the reference of the entry.`),
    new FactSet(new Fact('Enter by', due), new Fact('Case system', input.caseSystem === 'other' ? 'Other' : input.caseSystem)),
    para('This message holds no case detail: open the decision in the app to see it.', true),
    new TextInput({
      id: 'reference',
      label,
      placeholder: 'The reference or number of the entry',
      maxLength: REFERENCE_MAX_LENGTH,
      isRequired: true,
      regex: REFERENCE_PATTERN,
      errorMessage: 'Give the reference of the entry: letters, numbers, spaces and - / # . only.',
    }),
  ];
  return new AdaptiveCard(...body)
    .withActions(executeAction('Confirm it is entered', { action: 'decision.confirm', decisionId: input.decisionId }), open)
    .withVersion('1.5')
    .withFallbackText(`${title} by ${due}: open this chat in Teams to confirm it.`);
}
