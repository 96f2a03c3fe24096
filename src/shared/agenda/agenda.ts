import { z } from 'zod';
import { isIsoDate, type IsoDate } from '../calendar/dates.js';
import { formatLondonDateTime } from '../calendar/london-format.js';
import { instantMs, instantToLondon, isIsoInstant, type IsoInstant } from '../calendar/london-time.js';
import { InvalidInputError } from '../errors/invalid-input.js';

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

/** Control characters (C0, DEL, C1) left after whitespace is collapsed, and the bidirectional overrides that can disguise text. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x1f || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return true;
  }
  return false;
}

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
  if (hasControlCharacter(text)) throw new InvalidInputError('text', 'The agenda item contains hidden control characters: retype it without pasting formatted text.');
  return text;
}

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'prof', 'dame', 'lady', 'lord', 'rev', 'revd']);

// Capitalised words that are not people's names: school, safeguarding and everyday words, months and days.
// A name pair needs two capitalised words neither of which is listed here.
const NOT_NAMES = new Set(
  (
    'a an and or of for to in on at with about from by the re ref i we my our your his her their this that these those it is are was be ' +
    'any other business new update updates follow up next steps please discuss discussion review check chase note notes minutes query question issue issues ' +
    'worried worry worries concern concerns concerned urgent ongoing recent possible potential need needs how what when why who where can could should would will do does ' +
    'case cases child children pupil pupils student students young person people parent parents carer carers family families sibling siblings ' +
    'year years head deputy assistant designated safeguarding lead leads officer team teams staff teacher teachers form tutor class group core ' +
    'school schools academy academies trust college nursery reception primary secondary sixth key stage ks1 ks2 ks3 ks4 ks5 send sen senco ' +
    'online safety safer recruitment training policy policies procedure procedures early help plan plans protection meeting meetings conference strategy ' +
    'social care services service looked after mental health wellbeing workload supervision agenda action actions practice problem solving support development ' +
    'local authority police prevent channel attendance behaviour exclusion suspension referral referrals front door multi agency hub governors governor board ' +
    'keeping safe education working together operation encompass domestic abuse violence sexual harassment exploitation county lines criminal neglect ' +
    'free meals premium virtual trip residential sports open day evening christmas easter half term autumn spring summer bank holiday inset ' +
    'training course cpd reflection reflections feedback share agree escalate escalation record records recording contract signed ' +
    'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun today tomorrow yesterday week weeks month ' +
    'england wales uk british english maths science art music pe pshe rshe ict computing history geography drama library ' +
    'microsoft teams outlook cpoms myconcern ofsted nspcc lado camhs mash dsl ddsl'
  ).split(' '),
);

// 'Carter', "O'Neill", 'McDonald', 'Smith-Jones': a capital, then lower case, with inner capitals only after Mc, O' and hyphens.
const NAME_WORD = /^\p{Lu}\p{Ll}*(?:['\u2019]?\p{Lu}\p{Ll}+)*(?:-\p{Lu}?\p{Ll}+(?:['\u2019]?\p{Lu}\p{Ll}+)*)*$/u;
const EXPLICIT = [
  /\b(?:child|pupil|student|learner|girl|boy|son|daughter|sibling|brother|sister|baby|young person)\s+(?:is\s+)?(?:called|named)\b/i,
  /\b(?:his|her|their|the child['\u2019]?s?|the pupil['\u2019]?s?)\s+(?:full\s+)?name\s+is\b/i,
  /\bd\.?\s?o\.?\s?b\b/i,
  /\bdate of birth\b/i,
  /\bborn\s+(?:on\s+)?\d/i,
];

/**
 * True when an agenda item seems to name a child, so the bot can remind the person to use initials or a
 * case reference. A reminder only (nothing is blocked), so it leans towards saying nothing:
 * - a phrase such as "child called", "pupil named", "her name is", "DOB", "date of birth", "born 3…";
 * - or two capitalised words in a row ("Jamie Carter"), neither of them a common, school or safeguarding
 *   word, a month or a day ("Head of Year", "Online Safety Training", "Monday March" are not names);
 *   a pair straight after a title ("Mr John Smith", "Mrs Evans") is a member of staff and is not flagged.
 * Initials ("AB"), case references and a first name on its own ("Jamie") are not flagged. Dates alone are not
 * read as dates of birth (they are mostly meeting dates).
 */
export function looksLikeChildName(text: string): boolean {
  if (EXPLICIT.some((r) => r.test(text))) return true;
  const tokens = text.split(/\s+/).filter(Boolean);
  let previous: { word: string; name: boolean; endsClause: boolean } | undefined;
  let afterTitle = false;
  for (const token of tokens) {
    const word = token
      .replace(/^[("'\u2018\u201c[]+/u, '')
      .replace(/[)"'\u2019\u201d\],;:.!?]+$/u, '')
      .replace(/['\u2019]s$/u, '');
    const endsClause = /[,;:.!?)\]]$/.test(token);
    const lower = word.toLowerCase();
    const isName = NAME_WORD.test(word) && /\p{Ll}/u.test(word) && !NOT_NAMES.has(lower) && !TITLES.has(lower);
    if (isName && previous?.name && !previous.endsClause && !afterTitle) return true;
    // A title covers the name words that follow it: "Mr John Smith".
    if (TITLES.has(lower.replace(/\.$/, ''))) afterTitle = true;
    else if (!isName) afterTitle = false;
    previous = { word, name: isName, endsClause };
  }
  return false;
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
