import { describe, expect, it } from 'vitest';
import { AGENDA_ITEM_MAX_LENGTH, agendaItemText } from '../agenda/agenda.js';
import { parseCommand } from '../chat/commands.js';
import { htmlToPlainText, messagePrefillText, plainText, shortenText } from './message-html-text.js';

describe('htmlToPlainText', () => {
  it('a Teams message body: tags removed, paragraphs and line breaks become spaces, inline tags join nothing', () => {
    expect(htmlToPlainText('<p>Workload since <strong>Sept</strong>ember</p><p>and cover for<br>Year 9</p>')).toBe('Workload since September and cover for Year 9');
    expect(htmlToPlainText('<div><div>Training on <em>online safety</em></div></div>')).toBe('Training on online safety');
    expect(htmlToPlainText('<ul><li>one</li><li>two</li></ul>')).toBe('one two');
  });

  it('keeps the text of a mention and of a link, not their markup', () => {
    expect(htmlToPlainText('<at id="0">Grace Mwangi</at> can we discuss <a href="https://example.org/x?a=1&amp;b=2">the new form</a>?')).toBe(
      'Grace Mwangi can we discuss the new form?',
    );
  });

  it('drops scripts, styles and comments with their content', () => {
    expect(htmlToPlainText('a<script>alert("x")</script>b<style>p{color:red}</style>c<!-- hidden -->d<SCRIPT type="x">y</SCRIPT >e')).toBe('a b c d e');
    expect(htmlToPlainText('before<!-- never closed')).toBe('before');
  });

  it('decodes character references once: escaped markup stays text, never becomes a tag', () => {
    expect(htmlToPlainText('&lt;b&gt;bold&lt;/b&gt; &amp;amp; caf&eacute; &#39;quoted&#x27; &pound;5&nbsp;each')).toBe("<b>bold</b> &amp; caf&eacute; 'quoted' £5 each");
    expect(htmlToPlainText('&#0; &#xD800; &#x110000; ok')).toBe('ok');
  });

  it('an attribute holding ">" does not leak the rest of the tag', () => {
    expect(htmlToPlainText('<img alt="a > b" src="x.png">Caseload review')).toBe('Caseload review');
  });

  it('removes control, bidirectional override and zero-width characters, so the use case accepts the text', () => {
    const text = htmlToPlainText('Case\u0007 ref\u202e 24-117\u200b\u0085 &#8238;review&#x200B;');
    expect(text).toBe('Case ref 24-117 review');
    expect(agendaItemText(text)).toBe(text);
  });

  it('removes the soft hyphen and word joiner that editors paste in, and an item added after one keeps none', () => {
    expect(plainText('Work\u00adload re\u2060view')).toBe('Workload review');
    expect(parseCommand('add\u00ad Workload review')).toEqual({ kind: 'add', text: 'Workload review' });
  });

  it('collapses all whitespace, as agenda items are stored', () => {
    expect(htmlToPlainText('  a\n\n\tb &nbsp; c  ')).toBe('a b c');
  });

  it('a text with "<" that is not a tag is kept', () => {
    expect(htmlToPlainText('fewer than 3 < 5 sessions')).toBe('fewer than 3 < 5 sessions');
  });

  it('hostile input (thousands of unclosed scripts and quotes) ends, with no markup left', () => {
    const text = htmlToPlainText('<script>'.repeat(5_000) + '<a title="'.repeat(5_000) + 'end');
    expect(text).not.toMatch(/<script|<a /);
  });
});

describe('shortenText', () => {
  it('leaves text within the limit as it is', () => {
    expect(shortenText('Workload')).toEqual({ text: 'Workload', shortened: false });
    const exact = 'x'.repeat(AGENDA_ITEM_MAX_LENGTH);
    expect(shortenText(exact)).toEqual({ text: exact, shortened: false });
  });

  it('cuts longer text at a word, within the limit, ending in an ellipsis', () => {
    const long = 'Discussion of workload and wellbeing. '.repeat(20);
    const { text, shortened } = shortenText(long);
    expect(shortened).toBe(true);
    expect(text.length).toBeLessThanOrEqual(AGENDA_ITEM_MAX_LENGTH);
    expect(text.length).toBeGreaterThan(AGENDA_ITEM_MAX_LENGTH * 0.8);
    expect(text.endsWith('\u2026')).toBe(true);
    expect(text).not.toMatch(/\s\u2026$/);
    expect(long.startsWith(text.slice(0, -1))).toBe(true);
  });

  it('never splits an emoji', () => {
    const { text } = shortenText('x'.repeat(AGENDA_ITEM_MAX_LENGTH - 2) + '\u{1F600}'.repeat(5));
    expect(text.length).toBeLessThanOrEqual(AGENDA_ITEM_MAX_LENGTH);
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});

describe('messagePrefillText', () => {
  it('HTML bodies are made plain; a plain-text body is kept; no body is empty', () => {
    expect(messagePrefillText({ contentType: 'html', content: '<p>Caseload <b>review</b></p>' })).toEqual({ text: 'Caseload review', shortened: false });
    expect(messagePrefillText({ contentType: 'text', content: 'a <b> is\nfine' })).toEqual({ text: 'a <b> is fine', shortened: false });
    expect(messagePrefillText(undefined)).toEqual({ text: '', shortened: false });
    expect(messagePrefillText({ contentType: 'html', content: '<img src="x.png">', textContent: 'Photo of the plan' })).toEqual({ text: 'Photo of the plan', shortened: false });
  });

  it('a long message is shortened to an agenda item the use case accepts', () => {
    const body = { contentType: 'html' as const, content: `<p>${'Notes from the strategy meeting. '.repeat(40)}</p>` };
    const { text, shortened } = messagePrefillText(body);
    expect(shortened).toBe(true);
    expect(agendaItemText(text)).toBe(text);
  });
});
