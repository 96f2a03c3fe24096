import { describe, expect, it } from 'vitest';
import { buildAgendaView, DEFAULT_AGENDA_TEMPLATE, DEFAULT_SECTION_ID, type AgendaItem } from '../agenda/agenda.js';
import { buildAgendaCard, ITEM_PLACEHOLDER, NAME_REMINDER } from './agenda-card.js';
import { editInputId, parseCardAction } from './card-actions.js';
import { cardProblems } from '../../../tests/support/card-problems.js';
import { cardRuleProblems, executes, type Json, ofType, textOf, toJson } from './test-helpers.js';

/** The card as Teams receives it, after checking it against the renderer and the bot's card rules. */
function expectWellFormed(card: unknown): Json {
  const json = toJson(card);
  expect([...cardProblems(json), ...cardRuleProblems(json)]).toEqual([]);
  return json;
}

const ANNA = 'u-anna'; // supervisor
const BEN = 'u-ben'; // supervisee

function item(id: string, sectionId: string, by: 'anna' | 'ben', addedAt: string): AgendaItem {
  return {
    id,
    sessionId: 's1',
    sectionId,
    text: `Item text ${id}`,
    addedById: by === 'anna' ? ANNA : BEN,
    addedByName: by === 'anna' ? 'Anna Fielding' : 'Ben Okafor',
    addedAt,
  };
}

const viewInput = {
  session: { id: 's1', start: '2026-06-16T08:00:00Z', end: '2026-06-16T09:00:00Z', windowLabel: 'Summer 2 2025/26' },
  supervisorName: 'Anna Fielding',
  superviseeNames: ['Ben Okafor'],
  template: DEFAULT_AGENDA_TEMPLATE,
  items: [item('i-w', 'wellbeing', 'ben', '2026-06-09T09:00:00Z'), item('i-c2', 'cases', 'anna', '2026-06-10T09:00:00Z'), item('i-c1', 'cases', 'ben', '2026-06-08T09:00:00Z')],
  openActions: [{ text: 'Send the core group minutes', ownerName: 'Ben Okafor' }],
};
const view = buildAgendaView(viewInput);

describe('agenda card', () => {
  const card = expectWellFormed(buildAgendaCard(view, BEN));
  const text = textOf(card);

  it('shows the session in London time, who it is with, and the open actions', () => {
    expect(text).toContain('Supervision agenda');
    expect(text).toContain('When: Tue 16 Jun 2026, 09:00\u201310:00');
    expect(text).toContain('Supervisor: Anna Fielding');
    expect(text).toContain('Supervisee: Ben Okafor');
    expect(text).toContain('Send the core group minutes (Ben Okafor)');
  });

  it('lists each section with its numbered items, in the order "remove <n>" uses', () => {
    for (const s of DEFAULT_AGENDA_TEMPLATE) expect(text).toContain(s.title);
    expect(text).toContain('1. Item text i-c1 \u2014 added by Ben Okafor');
    expect(text).toContain('2. Item text i-c2 \u2014 added by Anna Fielding');
    expect(text).toContain('3. Item text i-w \u2014 added by Ben Okafor');
    expect(text.indexOf('1. Item text i-c1')).toBeLessThan(text.indexOf('3. Item text i-w'));
    expect(text).toContain('No items yet');
    const headings = ofType(card, 'TextBlock')
      .filter((t) => t.style === 'heading')
      .map((t) => t.text);
    expect(headings).toEqual(expect.arrayContaining(['Supervision agenda', ...DEFAULT_AGENDA_TEMPLATE.map((s) => s.title)]));
  });

  it("offers Edit and Remove on the viewer's own items only", () => {
    const removes = executes(card).filter((a) => a.verb === 'agenda.remove');
    expect(removes.map((a) => (a.data as Json).itemId).sort()).toEqual(['i-c1', 'i-w']);
    const edits = executes(card).filter((a) => a.verb === 'agenda.edit');
    expect(edits.map((a) => (a.data as Json).itemId).sort()).toEqual(['i-c1', 'i-w']);
    const showCards = ofType(card, 'Action.ShowCard');
    expect(showCards).toHaveLength(2);
    const box = ofType(showCards[0] as Json, 'Input.Text')[0] as Json;
    expect(box).toMatchObject({ id: editInputId('i-c1'), value: 'Item text i-c1', maxLength: 500 });
    // Pressing Save sends the card data plus the item's own box, read back as editText.
    const save = executes(showCards[0] as Json)[0] as Json;
    expect(parseCardAction(save.verb, { ...(save.data as Json), [box.id as string]: 'New text' })).toEqual({
      ok: true,
      action: { action: 'agenda.edit', sessionId: 's1', itemId: 'i-c1', editText: 'New text' },
    });

    const annas = expectWellFormed(buildAgendaCard(view, ANNA));
    expect(
      executes(annas)
        .filter((a) => a.verb === 'agenda.remove')
        .map((a) => (a.data as Json).itemId),
    ).toEqual(['i-c2']);
    const stranger = expectWellFormed(buildAgendaCard(view, 'u-someone'));
    expect(executes(stranger).filter((a) => a.verb !== 'agenda.add')).toEqual([]);
  });

  it('has a box to add an item, a section choice defaulting to the default section, and "Add item"', () => {
    const input = ofType(card, 'Input.Text').find((i) => i.id === 'itemText');
    expect(input).toMatchObject({ label: 'Add an item', placeholder: ITEM_PLACEHOLDER, maxLength: 500, isMultiline: true });
    expect(String(input?.placeholder)).toMatch(/initials or a case reference/);
    const choice = ofType(card, 'Input.ChoiceSet').find((i) => i.id === 'sectionId');
    expect(choice?.value).toBe(DEFAULT_SECTION_ID);
    expect((choice?.choices as Json[]).map((c) => c.value)).toEqual(DEFAULT_AGENDA_TEMPLATE.map((s) => s.id));
    expect((card.actions as Json[]).map((a) => [a.title, a.verb, a.data])).toEqual([['Add item', 'agenda.add', { action: 'agenda.add', sessionId: 's1' }]]);
  });

  it('shows what people typed as typed: an item is a text run, never Markdown', () => {
    const typed = { ...item('i-md', 'cases', 'ben', '2026-06-11T09:00:00Z'), text: '**Urgent** [see](https://example.org) # 1. not a list' };
    const json = expectWellFormed(buildAgendaCard(buildAgendaView({ ...viewInput, items: [typed] }), BEN));
    expect(ofType(json, 'TextBlock').some((t) => String(t.text).includes('**Urgent**'))).toBe(false);
    expect(ofType(json, 'TextRun').map((t) => t.text)).toContain('1. **Urgent** [see](https://example.org) # 1. not a list \u2014 added by Ben Okafor');
  });

  it('says when there are no items and no open actions', () => {
    const empty = buildAgendaView({
      ...{ session: { id: 's2', start: view.start, end: view.end, windowLabel: 'x' } },
      supervisorName: 'A',
      superviseeNames: ['B', 'C'],
      template: DEFAULT_AGENDA_TEMPLATE,
      items: [],
      openActions: [],
    });
    const json = expectWellFormed(buildAgendaCard(empty, BEN));
    expect(textOf(json)).toContain('No open actions from the last session');
    expect(textOf(json)).toContain('Supervisees: B and C');
    expect(textOf(json).match(/No items yet/g)).toHaveLength(DEFAULT_AGENDA_TEMPLATE.length);
  });

  it('adds refresh for the given users, a notice and the name reminder on request', () => {
    expect(card.refresh).toBeUndefined();
    expect(textOf(card)).not.toContain(NAME_REMINDER);
    const json = expectWellFormed(buildAgendaCard(view, BEN, { refreshUserIds: [BEN], notice: 'Added as item 3.', nameReminder: true }));
    expect(json.refresh).toMatchObject({ userIds: [BEN], action: { type: 'Action.Execute', verb: 'agenda.refresh', data: { action: 'agenda.refresh', sessionId: 's1' } } });
    const texts = ofType(json, 'TextBlock').map((t) => t.text);
    expect(texts[0]).toBe('Added as item 3.');
    expect(texts).toContain(NAME_REMINDER);
  });
});
