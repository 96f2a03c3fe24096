// Whatever a person types or pastes, the bot's text handling never throws: a message is always read as some
// command, prefilled text always fits an agenda item, and an agenda item is either stored as clean text or
// refused with a reason for the 'text' field.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGENDA_ITEM_MAX_LENGTH, agendaItemText } from '../agenda/agenda.js';
import { htmlToPlainText, messagePrefillText, plainText, shortenText } from '../cards/message-html-text.js';
import { InvalidInputError } from '../errors/invalid-input.js';
import { parseCommand } from './commands.js';

// Text as people produce it: any Unicode, markup, entities, mentions, control and hidden characters.
const typed = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc
    .array(
      fc.constantFrom(
        '<p>',
        '</p>',
        '<br>',
        '<at>Bot</at>',
        '&amp;',
        '&lt;b&gt;',
        '&#0;',
        '&#x110000;',
        '<script>x</script>',
        '<!--',
        '-->',
        '\u200b',
        '\u202e',
        '\u0000',
        ' ',
        'add',
        'remove',
        '2',
        'agenda',
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join('')),
  fc.string({ minLength: 400, maxLength: 700 }),
);

describe('any text', () => {
  it('parseCommand reads it as one of the commands, and an item to add is plain text (hidden characters gone, as from the message extension)', () => {
    fc.assert(
      fc.property(fc.option(typed, { nil: undefined }), (text) => {
        const command = parseCommand(text);
        expect(['help', 'add', 'agenda', 'next', 'remove', 'reschedule', 'unknown']).toContain(command.kind);
        if (command.kind === 'add') expect(command.text).toBe(plainText(command.text));
        if (command.kind === 'remove' && command.number !== undefined) expect(Number.isSafeInteger(command.number) && command.number >= 1).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('a message made plain text is plain (no change on a second pass), and its prefill fits an agenda item', () => {
    fc.assert(
      fc.property(typed, fc.constantFrom('html', 'text', undefined), (content, contentType) => {
        const plain = htmlToPlainText(content);
        expect(plainText(plain)).toBe(plain);
        const prefill = messagePrefillText({ content, ...(contentType ? { contentType } : {}) });
        expect(prefill.text.length).toBeLessThanOrEqual(AGENDA_ITEM_MAX_LENGTH);
        if (prefill.shortened) expect(prefill.text.endsWith('\u2026')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('shortenText never splits a character in two and keeps to the limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 700 }), fc.integer({ min: 2, max: 600 }), (text, max) => {
        const { text: short, shortened } = shortenText(text, max);
        expect(short.length).toBeLessThanOrEqual(max);
        expect(shortened).toBe(text.length > max);
        // A lone high surrogate would be a broken character.
        expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(short)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('agendaItemText stores clean text of at most 500 characters, or refuses the text field with a reason', () => {
    fc.assert(
      fc.property(fc.oneof(typed, fc.anything()), (raw) => {
        try {
          const text = agendaItemText(raw);
          expect(text.length).toBeGreaterThan(0);
          expect(text.length).toBeLessThanOrEqual(AGENDA_ITEM_MAX_LENGTH);
          expect(text).toBe(text.trim());
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidInputError);
          expect((e as InvalidInputError).field).toBe('text');
        }
      }),
      { numRuns: 500 },
    );
  });
});
