import { AdaptiveCard, RichTextBlock, TextBlock, TextRun, type CardElementArray } from '@microsoft/teams.cards';
import { dateText, numberedItems, sessionTimeText, type AgendaView } from '../agenda/agenda.js';
import { instantToLondon } from '../calendar/london-time.js';
import { addItemInputs, sessionFacts } from './agenda-card.js';
import { executeAction } from './card-actions.js';

/**
 * The reminder a participant gets a few working days before a session: when and with whom, the agenda so
 * far (numbered as on the agenda card), a box to add an item, and "I can't make it" to postpone.
 */
export function buildReminderCard(view: AgendaView, viewerId: string): AdaptiveCard {
  // The session's day, not "in N working days": a reminder sent late (a server down, a session booked inside
  // the window) or updated days later would say something untrue.
  const heading = `Supervision reminder: ${dateText(instantToLondon(view.start).date)}`;
  const body: CardElementArray = [new TextBlock(heading, { wrap: true, style: 'heading', size: 'Large', weight: 'Bolder' }), sessionFacts(view)];
  body.push(new TextBlock('Agenda so far', { wrap: true, style: 'heading', size: 'Medium', weight: 'Bolder', spacing: 'Medium' }));
  const items = numberedItems(view);
  if (items.length === 0) body.push(new TextBlock('No items yet: add one below.', { wrap: true, isSubtle: true }));
  // Shown as typed (a text run has no Markdown).
  items.forEach((item, i) =>
    body.push(new RichTextBlock({ inlines: [new TextRun(`${i + 1}. ${item.text} (${item.addedById === viewerId ? 'you' : item.addedByName})`)], spacing: 'Small' })),
  );
  if (view.openActions.length > 0) {
    body.push(new TextBlock(`${view.openActions.length} open action${view.openActions.length === 1 ? '' : 's'} from the last session.`, { wrap: true, isSubtle: true }));
  }
  body.push(...addItemInputs(view, false));
  return new AdaptiveCard(...body)
    .withActions(
      executeAction('Add item', { action: 'agenda.add', sessionId: view.sessionId }),
      executeAction('Open agenda', { action: 'agenda.open', sessionId: view.sessionId }, { associatedInputs: 'none' }),
      executeAction('I can\u2019t make it', { action: 'reschedule.start', sessionId: view.sessionId }, { associatedInputs: 'none' }),
    )
    .withVersion('1.5')
    .withFallbackText(`${heading}: ${sessionTimeText(view.start, view.end)}. Open it in Teams to see the agenda.`);
}
