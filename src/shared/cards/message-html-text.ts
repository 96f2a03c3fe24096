import { AGENDA_ITEM_MAX_LENGTH } from '../agenda/agenda.js';

// A Teams message's body as plain text, to prefill an agenda item. No DOM and no HTML library: the text only
// ever lands in an Adaptive Card's text box (shown as typed, never rendered as HTML or Markdown) and, once
// submitted, goes through agendaItemText like anything typed.

/** How much of a message body is read (Teams messages are at most about 28 KB). */
export const MAX_HTML_READ = 20_000;

/** Elements whose content is never text a person wrote. */
const DROPPED_ELEMENTS = /<(script|style|template|noscript|head|title|svg|math|iframe|object)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENTS = /<!--[\s\S]*?(?:-->|$)/g;
const CDATA = /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)/g;
/** A tag: `<` then a letter, `/` or `!`, up to the next `>` (quoted attribute values may contain `>`). */
const TAG = /<\/?[a-zA-Z!][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>?/g;
/** Tags that end a line or a block: a space in the text, so words on either side stay apart. */
const BREAKING_TAG = /^<\/?(?:br|p|div|li|ul|ol|tr|td|th|table|thead|tbody|h[1-6]|blockquote|pre|hr|section|article|header|footer|dd|dt|dl)\b/i;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '\u2013',
  mdash: '\u2014',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  hellip: '\u2026',
  bull: '\u2022',
  middot: '\u00b7',
  pound: '\u00a3',
  euro: '\u20ac',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122',
  deg: '\u00b0',
  times: '\u00d7',
  divide: '\u00f7',
  zwj: '',
  zwnj: '',
  shy: '',
};

/** Control characters (C0, DEL, C1), the bidirectional overrides and isolates, and zero-width characters (the soft hyphen and word joiner too): agendaItemText refuses the first two. */
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200d\u2060\u202a-\u202e\u2066-\u2069\ufeff]/g;

function decodeEntity(entity: string, body: string): string {
  if (body.startsWith('#')) {
    const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '';
    return String.fromCodePoint(code);
  }
  return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
}

/**
 * HTML (a Teams message body) as plain text: scripts, styles and comments dropped with their content, every
 * other tag removed (block and line-break tags leave a space), character references decoded once (so
 * `&lt;b&gt;` stays the text `<b>`, never a tag), hidden and control characters removed, and all whitespace
 * collapsed to single spaces, as agenda items are stored.
 */
export function htmlToPlainText(html: string): string {
  // An agenda item is at most 500 characters: the start of a long message is plenty, and bounds the work.
  const withoutTags = html
    .slice(0, MAX_HTML_READ)
    .replace(DROPPED_ELEMENTS, ' ')
    .replace(COMMENTS, ' ')
    .replace(CDATA, ' ')
    .replace(TAG, (tag) => (BREAKING_TAG.test(tag) ? ' ' : ''));
  return plainText(withoutTags.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g, decodeEntity));
}

/** Text with hidden and control characters removed and whitespace collapsed, as agenda items are stored. */
export function plainText(text: string): string {
  return text
    .replace(/[\t\n\r]/g, ' ')
    .replace(HIDDEN, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface PrefillText {
  /** At most AGENDA_ITEM_MAX_LENGTH characters. */
  text: string;
  /** The message was longer than an agenda item may be, so `text` is its beginning, ending in an ellipsis. */
  shortened: boolean;
}

/** `text` cut to at most `max` characters (an ellipsis included), at a word when one ends in its last fifth. */
export function shortenText(text: string, max = AGENDA_ITEM_MAX_LENGTH): PrefillText {
  if (text.length <= max) return { text, shortened: false };
  let cut = max - 1;
  // Never split a surrogate pair (an emoji, say).
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  const space = text.lastIndexOf(' ', cut);
  if (space > max * 0.8) cut = space;
  return { text: `${text.slice(0, cut).trimEnd()}\u2026`, shortened: true };
}

/** The body of the message a message action was used on (`messagePayload.body`). */
export interface MessageBodyLike {
  contentType?: string;
  content?: string;
  textContent?: string;
}

/**
 * The text to prefill an agenda item with, from the message's body: HTML made plain text (plain text kept as
 * it is, whitespace collapsed), then shortened to the agenda item limit. No body (the compose box, the
 * command box, a message of only a card or an image): ''.
 */
export function messagePrefillText(body: MessageBodyLike | undefined): PrefillText {
  const content = typeof body?.content === 'string' ? body.content : '';
  const text = body?.contentType === 'text' ? plainText(content) : htmlToPlainText(content);
  if (text === '' && typeof body?.textContent === 'string') return shortenText(plainText(body.textContent));
  return shortenText(text);
}
