import { AdaptiveCard, Fact, FactSet, TextBlock } from '@microsoft/teams.cards';
import type { BotCommand } from '../chat/commands.js';

export interface HelpCardInput {
  commands: readonly BotCommand[];
  /** Set when the person typed something the bot did not understand. */
  notUnderstood?: boolean;
}

/** The card the bot sends on install, on `help`, and on anything it does not understand. */
export function buildHelpCard(input: HelpCardInput): AdaptiveCard {
  const intro = input.notUnderstood
    ? "Sorry, I didn't understand that. Here is what I can do."
    : 'I help your safeguarding team run supervision: sessions, agendas, reminders and sign-off.';
  return new AdaptiveCard(
    new TextBlock('Safeguarding Supervision', { size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' }),
    new TextBlock(intro, { wrap: true }),
    new TextBlock('Commands', { weight: 'Bolder', wrap: true, spacing: 'Medium' }),
    new FactSet(...input.commands.map((c) => new Fact(c.title, c.description))),
    new TextBlock('Supervision records are private to you, your supervisor and the safeguarding team. Never type a child\u2019s details in this chat.', {
      wrap: true,
      isSubtle: true,
      size: 'Small',
      spacing: 'Medium',
    }),
  )
    .withVersion('1.5')
    .withFallbackText('Safeguarding Supervision: type "help" to see what I can do.');
}
