import { z } from 'zod';
import { isIsoDate, type IsoDate } from '../calendar/dates.js';
import { formatLondonDateTime } from '../calendar/london-format.js';
import { instantMs, instantToLondon, isIsoInstant, type IsoInstant } from '../calendar/london-time.js';
import { InvalidInputError } from '../errors/invalid-input.js';
import { hasHiddenCharacter } from '../text/hidden-characters.js';

export const AGENDA_ITEM_MAX_LENGTH = 500;

const instant = z.string().refine(isIsoInstant, { message: 'expected a UTC instant that exists, e.g. 2027-02-12T09:00:00Z' });

/** One item on a session's agenda, added by a participant (in chat, on a card or in the tab). */
export const agendaItemSchema = z.object({
  id: z.string().min(1),
  sessionId: z.string().min(1),
  sectionId: z.string().min(1),
  text: z.string().min(1).max(AGENDA_ITEM_MAX_LENGTH),
  addedById: z.string().min(1),
  addedByName: z.string(),
  addedAt: instant,
  editedAt: instant.optional(),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export interface AgendaSection {
  id: string;
  title: string;
  hint?: string;
}

// seed 000 Appendix 5 "Agenda Items"; seed 002 Annex 2 (12-item agenda); seed 003 Appendix 2 "Agenda Items" 1–5;
// seed 004 Appendix 1 §7 (wellbeing, caseload, training/development): both parties add to a joint agenda (seed 000 Appendix 3).
/** The sections of a supervision agenda, in the order they are discussed. */
export const DEFAULT_AGENDA_TEMPLATE: readonly AgendaSection[] = [
  { id: 'actions', title: 'Actions from last time', hint: 'Progress on the actions agreed at the last session' },
  { id: 'cases', title: 'Cases to discuss', hint: 'Initials or a case reference only, never a child\u2019s name' },
  { id: 'practice', title: 'Practice and problem solving', hint: 'Drift or delay, meetings and minutes, policy and practice issues' },
  { id: 'wellbeing', title: 'Wellbeing and support', hint: 'The impact of the work on you, and any support you need' },
  { id: 'development', title: 'Training and development', hint: 'Recent or coming training, resources' },
  { id: 'aob', title: 'Any other business' },
];

/** Where an item added in chat (or without a section) goes: the cases to discuss. */
export const DEFAULT_SECTION_ID = 'cases';

/**
 * An agenda item's text as stored: trimmed, runs of whitespace (new lines included) made one space.
 * Refuses (InvalidInputError, field 'text') anything that is not text, empty text, text over 500 characters
 * and control characters, saying what to fix.
 */
export function agendaItemText(raw: unknown): string {
  if (typeof raw !== 'string') throw new InvalidInputError('text', 'Type the agenda item as text.');
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text === '') throw new InvalidInputError('text', 'The agenda item is empty: type what you would like to discuss.');
  if (text.length > AGENDA_ITEM_MAX_LENGTH) {
    throw new InvalidInputError('text', `The agenda item is ${text.length} characters long: shorten it to ${AGENDA_ITEM_MAX_LENGTH} characters or fewer.`);
  }
  if (hasHiddenCharacter(text)) throw new InvalidInputError('text', 'The agenda item contains hidden control characters: retype it without pasting formatted text.');
  return text;
}

export interface AgendaView {
  sessionId: string;
  start: IsoInstant;
  end: IsoInstant;
  windowLabel: string;
  supervisorName: string;
  superviseeNames: string[];
  sections: { section: AgendaSection; items: AgendaItem[] }[];
  openActions: { text: string; ownerName?: string }[];
  /** Why the agenda can no longer be changed (the session is cancelled, or over); absent while it can. */
  closed?: string;
}

export interface AgendaViewInput {
  session: { id: string; start: IsoInstant; end: IsoInstant; windowLabel: string };
  supervisorName: string;
  superviseeNames: readonly string[];
  template: readonly AgendaSection[];
  items: readonly AgendaItem[];
  /** Agreed actions not yet done: they carry into the next session's agenda (seed 003 Appendix 2 item 1; docs/rules.md). */
  openActions: readonly { text: string; ownerName?: string }[];
}

/**
 * The agenda as shown on cards and in chat: the template's sections in order, each with its items oldest
 * first (the same instant: in the order given, which storage keeps as the order they were added). Items of this session only, not removed ones (`removedAt` set by storage); an item whose section is no longer in the template goes
 * to the last section, so nothing is lost. Refuses (InvalidInputError) an empty template and bad instants.
 */
export function buildAgendaView(input: AgendaViewInput): AgendaView {
  if (input.template.length === 0) throw new InvalidInputError('template', 'The agenda template has no sections: add at least one.');
  instantMs(input.session.start, 'session.start');
  instantMs(input.session.end, 'session.end');
  const sections = input.template.map((section) => ({ section, items: [] as AgendaItem[] }));
  const byId = new Map(sections.map((s) => [s.section.id, s]));
  const last = sections[sections.length - 1] as (typeof sections)[number];
  const sorted = input.items
    // A removed item may be kept in storage with `removedAt` set: it is not on the agenda.
    .filter((i) => i.sessionId === input.session.id && (i as { removedAt?: unknown }).removedAt === undefined)
    .map((item) => ({ item, at: instantMs(item.addedAt, 'items.addedAt') }))
    // Stable: items added in the same second keep the order they were stored in (the store lists them oldest first).
    .sort((a, b) => a.at - b.at);
  for (const { item } of sorted) (byId.get(item.sectionId) ?? last).items.push(item);
  return {
    sessionId: input.session.id,
    start: input.session.start,
    end: input.session.end,
    windowLabel: input.session.windowLabel,
    supervisorName: input.supervisorName,
    superviseeNames: [...input.superviseeNames],
    sections,
    openActions: input.openActions.map((a) => ({ ...a })),
  };
}

/** The items in the order they are numbered on cards and in chat ("remove 2" removes the second): section order, then item order. */
export function numberedItems(view: AgendaView): AgendaItem[] {
  return view.sections.flatMap((s) => s.items);
}

/** Only the person who added an item may edit or remove it. */
export function canChangeItem(item: Pick<AgendaItem, 'addedById'>, userId: string): boolean {
  return userId !== '' && item.addedById === userId;
}

/**
 * A session's time as staff read it, in London time, written like the bot's chat replies
 * (`formatLondonDateTime`): 'Tue 16 Jun 2026, 09:00–10:00', or with no end 'Tue 16 Jun 2026, 09:00'.
 * An end on another London day is written in full.
 */
export function sessionTimeText(start: IsoInstant, end?: IsoInstant): string {
  const text = formatLondonDateTime(start);
  if (end === undefined) return text;
  const from = instantToLondon(start);
  const to = instantToLondon(end);
  return from.date === to.date ? `${text}\u2013${to.time}` : `${text} to ${formatLondonDateTime(end)}`;
}

const DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });

/** A calendar day in the same words: 'Fri 19 Jun 2026'. */
export function dateText(date: IsoDate): string {
  if (!isIsoDate(date)) throw new InvalidInputError('date', `${date} is not a date (expected YYYY-MM-DD, a day that exists)`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const parts = Object.fromEntries(DAY.formatToParts(Date.UTC(y, m - 1, d)).map((p) => [p.type, p.value]));
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}
