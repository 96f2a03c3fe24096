import { MAX_HTML_READ, plainText as tidyText } from '../cards/message-html-text.js';

/** The bot's chat commands, as listed on the help card and in the app manifest's command list. */
export interface BotCommand {
  /** What the person types. */
  title: string;
  /** What it does, in plain words. */
  description: string;
}

export const BOT_COMMANDS: readonly BotCommand[] = [
  { title: 'add <item>', description: 'Add an item to the agenda of your next session. Use initials or a case reference, never a child\u2019s name.' },
  { title: 'agenda', description: 'Show the agenda of your next session.' },
  { title: 'next', description: 'Say when your next session is.' },
  { title: 'remove <number>', description: 'Remove an item you added, by its number on the agenda.' },
  { title: 'reschedule', description: "Postpone your next session and pick a new time (or type \u201cI can't make it\u201d)." },
  { title: 'help', description: 'Show what this bot can do.' },
];

export type ParsedCommand =
  | { kind: 'help' }
  /** `text` is the item as typed (case kept, spaces tidied); '' when none was given, so the caller can ask for it. */
  | { kind: 'add'; text: string }
  | { kind: 'agenda' }
  | { kind: 'next' }
  /** `number` is the 1-based item number shown on the agenda; undefined when none, or not a whole number of 1 or more, was given. */
  | { kind: 'remove'; number: number | undefined }
  | { kind: 'reschedule' }
  | { kind: 'unknown'; text: string };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', rsquo: '\u2019', lsquo: '\u2018', ldquo: '\u201c', rdquo: '\u201d' };

/**
 * The message's words: no <at>mentions</at> or HTML, entities decoded, hidden and control characters
 * removed (as from a message added with the message extension), whitespace collapsed. Case kept.
 */
function messageWords(text: string): string {
  return tidyText(
    text
      // Bounded, and no pattern below scans past a '<', so a pasted wall of markup cannot stall the bot.
      .slice(0, MAX_HTML_READ)
      // Teams puts an <at>mention</at> in channel messages; the bot only needs the words.
      .replace(/<at\b[^<>]*>[^<]*<\/at>/gi, ' ')
      .replace(/<[^<>]+>/g, ' ')
      .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
        if (name.startsWith('#')) {
          const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
          return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
        }
        return ENTITIES[name.toLowerCase()] ?? all;
      }),
  );
}

// A greeting or apology in front of a command: "Hi, add …", "Sorry, I can't make it". Alone it stays help.
const GREETING_START = /^(?:hi|hello|hey|hiya|sorry|ok|okay)\b[\s,!.]*(?=[\p{L}\p{N}])/iu;
// Politeness in front of a command: "please add …", "can you show the agenda".
const POLITE_START = /^(?:(?:please|pls|plz|can you|could you|would you|can i|could i|i want to|i'd like to|i would like to)\b[\s,]*)+/i;

const ADD = /^add\b(?:\s+(?:an?\s+)?(?:agenda\s+)?items?\b)?(?:\s+(?:to|on)\s+(?:the\s+|my\s+)?agenda\b)?\s*[:\-\u2013\u2014]?\s*/i;
const REMOVE = /^(?:remove|delete)\b(?:\s+(?:agenda\s+)?item\b)?(?:\s+(?:number\b|no\b\.?))?\s*(.*)$/i;
// Thanks after the number: "remove 2 please", "remove 3, thank you."
const REMOVE_NUMBER = /^#?\s*(\d+)(?:[\s,]+(?:please|pls|thanks|thank you))*[.!]?$/i;

const HELP = /^(?:help(?: me)?|\?|hi|hello|hey|hiya|commands|menu|start|what can you do)$/;
const AGENDA = [
  /^(?:(?:show|see|view|display|open|get|check)\s+)?(?:me\s+)?(?:the\s+|my\s+)?(?:next\s+)?agenda(?:\s+for\s+(?:my\s+|the\s+)?next\s+session)?$/,
  /^whats on (?:the|my) agenda$/,
];
const NEXT = [
  /^(?:(?:show|see|view|get)\s+(?:me\s+)?)?(?:my\s+|the\s+)?next(?:\s+(?:supervision\s+)?(?:session|meeting)|\s+supervision)?$/,
  /^when(?:\s+is|s)?\s+(?:my|the)\s+next\s+(?:(?:supervision\s+)?(?:session|meeting)|supervision)$/,
];
const RESCHEDULE = [
  /^(?:reschedule|postpone|rearrange|re arrange)\b/,
  /^move\s+(?:my|the)\s+(?:next\s+)?(?:session|supervision|meeting)$/,
  /^(?:i\s+)?(?:cant|cannot|can not|wont be able to|will not be able to|am unable to|im unable to|unable to)\s+(?:make|attend|do)\b/,
];

/** The words for matching a command: lower case, apostrophes dropped ("can't" → "cant"), punctuation gone. */
function commandKey(text: string): string {
  const key = text
    .toLowerCase()
    .replace(/['\u2018\u2019\u02bc`\u00b4]/g, '')
    .replace(/[^\p{L}\p{N}?\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (key === '?' || key === '') return key;
  return key
    .replace(/\s*\?+$/, '')
    .replace(/(?:\s+(?:please|pls|thanks|thank you))+$/, '')
    .trim();
}

/**
 * Reads a chat message. Forgiving of case, punctuation, <at>mentions</at>, HTML, curly apostrophes and
 * phrasing ("please add: …", "show me the agenda", "when is my next session?", "I can't make it").
 * Anything not understood is 'unknown' (the bot answers with the help card).
 */
export function parseCommand(text: string | undefined): ParsedCommand {
  const plain = messageWords(text ?? '')
    .replace(GREETING_START, '')
    .replace(POLITE_START, '');
  const add = ADD.exec(plain);
  if (add) return { kind: 'add', text: plain.slice(add[0].length).trim() };
  const remove = REMOVE.exec(plain);
  if (remove) {
    const m = REMOVE_NUMBER.exec((remove[1] ?? '').trim());
    const n = m ? Number(m[1]) : NaN;
    return { kind: 'remove', number: Number.isSafeInteger(n) && n >= 1 ? n : undefined };
  }
  const key = commandKey(plain);
  if (HELP.test(key)) return { kind: 'help' };
  if (AGENDA.some((r) => r.test(key))) return { kind: 'agenda' };
  if (NEXT.some((r) => r.test(key))) return { kind: 'next' };
  if (RESCHEDULE.some((r) => r.test(key))) return { kind: 'reschedule' };
  return { kind: 'unknown', text: plain.toLowerCase() };
}
