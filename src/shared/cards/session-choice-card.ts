import { ActionSet, AdaptiveCard, TextBlock, type CardElementArray } from '@microsoft/teams.cards';
import { sessionTimeText } from '../agenda/agenda.js';
import type { IsoInstant } from '../calendar/london-time.js';
import { namesText } from './agenda-card.js';
import { executeAction } from './card-actions.js';

export interface SessionChoiceInput {
  itemText: string;
  sessions: { sessionId: string; start: IsoInstant; withNames: string[] }[];
}

/** "Which session is this for?" when an item is added in chat by someone with more than one upcoming session. */
export function buildSessionChoiceCard(input: SessionChoiceInput): AdaptiveCard {
  const body: CardElementArray = [
    new TextBlock('Which session is this for?', { wrap: true, style: 'heading', size: 'Medium', weight: 'Bolder' }),
    new TextBlock('You have more than one session coming up. Choose the one to add the item to.', { wrap: true }),
    new TextBlock(input.itemText, { wrap: true, isSubtle: true }),
  ];
  for (const s of input.sessions) {
    const title = s.withNames.length > 0 ? `${sessionTimeText(s.start)} with ${namesText(s.withNames)}` : sessionTimeText(s.start);
    body.push(new ActionSet(executeAction(title, { action: 'agenda.add', sessionId: s.sessionId, itemText: input.itemText })));
  }
  return new AdaptiveCard(...body).withVersion('1.5').withFallbackText('Which session is this for? Open this chat in Teams to choose.');
}
