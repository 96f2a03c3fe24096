import { AdaptiveCard, TextBlock } from '@microsoft/teams.cards';

/** A small card for a plain notice: "You have no upcoming sessions", a refusal, a confirmation. */
export function buildMessageCard(title: string, text: string): AdaptiveCard {
  return new AdaptiveCard(new TextBlock(title, { wrap: true, style: 'heading', size: 'Medium', weight: 'Bolder' }), new TextBlock(text, { wrap: true }))
    .withVersion('1.5')
    .withFallbackText(`${title}: ${text}`);
}
