import {
  ActionSet,
  AdaptiveCard,
  Choice,
  ChoiceSetInput,
  Container,
  Fact,
  FactSet,
  RichTextBlock,
  ShowCardAction,
  TextBlock,
  TextInput,
  TextRun,
  type CardElementArray,
} from '@microsoft/teams.cards';
import { AGENDA_ITEM_MAX_LENGTH, canChangeItem, DEFAULT_SECTION_ID, numberedItems, sessionTimeText, type AgendaItem, type AgendaView } from '../agenda/agenda.js';
import { editInputId, executeAction } from './card-actions.js';

export const NAME_REMINDER = 'It looks as if an item names a child: please use initials or a case reference.';
export const ITEM_PLACEHOLDER = 'Use initials or a case reference, never a child\u2019s name';

export interface AgendaCardOptions {
  /** Teams asks the bot for a fresh card when one of these people opens it (Action.Execute 'agenda.refresh'). */
  refreshUserIds?: string[];
  /** A short line at the top, e.g. "Added as item 3." */
  notice?: string;
  /** Remind the viewer to use initials (an item seems to name a child). */
  nameReminder?: boolean;
}

/** 'Ben Okafor' or 'Ben Okafor, Chris Doyle and Dee Patel'. */
export function namesText(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The session's time and people, as facts. */
export function sessionFacts(view: AgendaView): FactSet {
  return new FactSet(
    new Fact('When', sessionTimeText(view.start, view.end)),
    new Fact('Supervisor', view.supervisorName),
    new Fact(view.superviseeNames.length > 1 ? 'Supervisees' : 'Supervisee', namesText(view.superviseeNames)),
  );
}

/** The 'itemText' box (and, on the agenda card, the section choice) that 'Add item' sends. */
export function addItemInputs(view: AgendaView, withSection: boolean): CardElementArray {
  const inputs: CardElementArray = [
    new TextInput({ id: 'itemText', label: 'Add an item', placeholder: ITEM_PLACEHOLDER, maxLength: AGENDA_ITEM_MAX_LENGTH, isMultiline: true, spacing: 'Medium' }),
  ];
  if (withSection && view.sections.length > 0) {
    const ids = view.sections.map((s) => s.section.id);
    const chosen = ids.includes(DEFAULT_SECTION_ID) ? DEFAULT_SECTION_ID : (ids[0] as string);
    inputs.push(
      new ChoiceSetInput(...view.sections.map((s) => new Choice({ title: s.section.title, value: s.section.id })))
        .withId('sectionId')
        .withLabel('Section')
        .withValue(chosen)
        .withStyle('compact'),
    );
  }
  return inputs;
}

function itemBlock(view: AgendaView, item: AgendaItem, number: number, viewerId: string): Container {
  // A text run is shown as typed: no Markdown, so an item cannot turn into a link or a list.
  const line = new RichTextBlock({ inlines: [new TextRun(`${number}. ${item.text} \u2014 added by ${item.addedByName}`)] });
  // A closed agenda (cancelled, or over) offers no Edit or Remove: they would only be refused.
  if (view.closed || !canChangeItem(item, viewerId)) return new Container(line);
  const editCard = new AdaptiveCard(
    new TextInput({
      id: editInputId(item.id),
      label: `Edit item ${number}`,
      value: item.text,
      maxLength: AGENDA_ITEM_MAX_LENGTH,
      isMultiline: true,
      isRequired: true,
      errorMessage: 'Type the item, or use Remove.',
    }),
  ).withActions(executeAction('Save', { action: 'agenda.edit', sessionId: view.sessionId, itemId: item.id }));
  return new Container(
    line,
    new ActionSet(
      new ShowCardAction({ title: `Edit item ${number}`, card: editCard }),
      executeAction(
        'Remove',
        { action: 'agenda.remove', sessionId: view.sessionId, itemId: item.id },
        { style: 'destructive', associatedInputs: 'none', tooltip: `Remove item ${number}` },
      ),
    ),
  );
}

/**
 * The agenda of one session as `viewerId` sees it: time and people, open actions carried over, each
 * section with its numbered items (the numbers "remove <n>" uses), Edit and Remove on the viewer's own
 * items, and a box to add an item. Names of staff only; the items are what participants typed.
 */
export function buildAgendaCard(view: AgendaView, viewerId: string, options: AgendaCardOptions = {}): AdaptiveCard {
  const body: CardElementArray = [];
  if (options.notice) body.push(new TextBlock(options.notice, { wrap: true, weight: 'Bolder', color: 'Good' }));
  if (view.closed) body.push(new TextBlock(view.closed, { wrap: true, weight: 'Bolder', color: 'Attention' }));
  body.push(new TextBlock('Supervision agenda', { wrap: true, style: 'heading', size: 'Large', weight: 'Bolder' }), sessionFacts(view));
  if (options.nameReminder) body.push(new TextBlock(NAME_REMINDER, { wrap: true, color: 'Attention', weight: 'Bolder' }));

  body.push(new TextBlock('Open actions from the last session', { wrap: true, style: 'heading', size: 'Medium', weight: 'Bolder', spacing: 'Medium' }));
  if (view.openActions.length === 0) body.push(new TextBlock('No open actions from the last session.', { wrap: true, isSubtle: true }));
  for (const a of view.openActions) body.push(new RichTextBlock({ inlines: [new TextRun(`\u2022 ${a.text}${a.ownerName ? ` (${a.ownerName})` : ''}`)] }));

  const numbers = new Map(numberedItems(view).map((item, i) => [item.id, i + 1]));
  for (const { section, items } of view.sections) {
    const block = new Container(new TextBlock(section.title, { wrap: true, style: 'heading', size: 'Medium', weight: 'Bolder' })).withSpacing('Medium');
    if (section.hint) block.items.push(new TextBlock(section.hint, { wrap: true, isSubtle: true, size: 'Small', spacing: 'None' }));
    if (items.length === 0) block.items.push(new TextBlock('No items yet', { wrap: true, isSubtle: true }));
    for (const item of items) block.items.push(itemBlock(view, item, numbers.get(item.id) ?? 0, viewerId));
    body.push(block);
  }

  if (!view.closed) body.push(...addItemInputs(view, true));
  const card = new AdaptiveCard(...body);
  if (!view.closed) card.withActions(executeAction('Add item', { action: 'agenda.add', sessionId: view.sessionId }));
  card.withVersion('1.5').withFallbackText(`Supervision agenda for ${sessionTimeText(view.start, view.end)}: open it in Teams to see and add items.`);
  if (options.refreshUserIds) {
    card.withRefresh({ action: executeAction('Refresh', { action: 'agenda.refresh', sessionId: view.sessionId }), userIds: [...options.refreshUserIds] });
  }
  return card;
}
