/** The bot's chat commands, as listed on the help card and in the app manifest's command list. */
export interface BotCommand {
  /** What the person types. */
  title: string;
  /** What it does, in plain words. */
  description: string;
}

export const BOT_COMMANDS: readonly BotCommand[] = [{ title: 'help', description: 'Show what this bot can do.' }];

export type ParsedCommand = { kind: 'help' } | { kind: 'unknown'; text: string };

/** Reads a chat message. Anything not understood is answered with the help card. */
export function parseCommand(text: string | undefined): ParsedCommand {
  const words = (text ?? '')
    // Teams puts an <at>mention</at> in channel messages; the bot only needs the words.
    .replace(/<at>.*?<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/(?<=\w)[.!?]+$/, '');
  if (words === 'help' || words === '?' || words === 'hi' || words === 'hello') return { kind: 'help' };
  return { kind: 'unknown', text: words };
}
