import { ExecuteAction, type ExecuteActionOptions } from '@microsoft/teams.cards';
import { z } from 'zod';
import { AGENDA_ITEM_MAX_LENGTH } from '../agenda/agenda.js';
import { isIsoInstant } from '../calendar/london-time.js';
import { CHANGE_COMMENT_MAX_LENGTH } from '../records/record.js';
import { POSTPONEMENT_REASONS } from '../sessions/session.js';
import { hasHiddenCharacter } from '../text/hidden-characters.js';

const ID_MAX = 200;
const NOTE_MAX = 200;

const id = z.string().min(1).max(ID_MAX);
// An input left empty may arrive as ''; for optional choices that means "not given".
const blankIsMissing = (v: unknown) => (v === '' ? undefined : v);
const text = z.string().max(AGENDA_ITEM_MAX_LENGTH);
const NOTE_UNKEEPABLE = 'The note has characters that cannot be kept (such as line breaks or control characters): type it again as plain text.';
// The "I can't make it" note is stored with the postponement and shown to the other party: plain text on one
// line, spaces around it trimmed, and only spaces is no note.
const trimmedBlankIsMissing = (v: unknown) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v);
const note = z.preprocess(
  trimmedBlankIsMissing,
  z
    .string()
    .max(NOTE_MAX)
    .refine((v) => !hasHiddenCharacter(v), { error: NOTE_UNKEEPABLE })
    .optional(),
);
const reason = z.enum(POSTPONEMENT_REASONS);
const instant = z.string().refine(isIsoInstant);
const version = z.coerce.number().int().positive().max(10_000);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * The id of the edit box of one item on the agenda card. Ids on a card must be unique (the agenda card has an
 * Edit panel per item), so each box is 'editText-<itemId>'; `cardActionSchema` reads it back as `editText`.
 */
export function editInputId(itemId: string): string {
  return `editText-${itemId}`;
}

/** 'agenda.edit' data: the item's own edit box ('editText-<itemId>') becomes `editText`. */
function liftEditText(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const data = value as Record<string, unknown>;
  if (data.action !== 'agenda.edit' || data.editText !== undefined || typeof data.itemId !== 'string') return value;
  const own = data[editInputId(data.itemId)];
  return own === undefined ? value : { ...data, editText: own };
}

/**
 * The data of every Action.Execute the bot's cards send, one object per verb (`action` equals the verb).
 * Inputs on the card arrive merged into the data: 'itemText', 'sectionId', 'editText' (from the box
 * `editInputId(itemId)`), 'reason', 'note'. Unknown keys are stripped. Identity never comes from here:
 * it is taken from the activity.
 */
export const cardActionSchema = z.preprocess(
  liftEditText,
  z.discriminatedUnion('action', [
    z.object({ action: z.literal('agenda.add'), sessionId: id, itemText: text.optional(), sectionId: z.preprocess(blankIsMissing, id.optional()) }),
    z.object({ action: z.literal('agenda.edit'), sessionId: id, itemId: id, editText: text.optional() }),
    z.object({ action: z.literal('agenda.remove'), sessionId: id, itemId: id }),
    z.object({ action: z.literal('agenda.refresh'), sessionId: id }),
    z.object({ action: z.literal('agenda.open'), sessionId: id }),
    z.object({ action: z.literal('reschedule.start'), sessionId: id }),
    z.object({ action: z.literal('reschedule.reason'), sessionId: id, reason: z.preprocess(blankIsMissing, reason.optional()), note }),
    // 'fromStart': the session's time when these times were offered (absent on cards sent before it was added).
    z.object({ action: z.literal('reschedule.pick'), sessionId: id, start: instant, reason, note, fromStart: instant.optional() }),
    z.object({ action: z.literal('record.sign'), recordId: id, version, sha256 }),
    z.object({ action: z.literal('record.requestChange'), recordId: id, version, sha256: sha256.optional(), comment: z.string().max(CHANGE_COMMENT_MAX_LENGTH).optional() }),
    z.object({ action: z.literal('decision.confirm'), decisionId: id, reference: z.string().max(100).optional() }),
    z.object({ action: z.literal('escalation.requestMeeting'), arrangementId: id }),
  ]),
);
export type CardAction = z.infer<typeof cardActionSchema>;
export type CardActionVerb = CardAction['action'];

export const CARD_ACTION_VERBS = [
  'agenda.add',
  'agenda.edit',
  'agenda.remove',
  'agenda.refresh',
  'agenda.open',
  'reschedule.start',
  'reschedule.reason',
  'reschedule.pick',
  'record.sign',
  'record.requestChange',
  'decision.confirm',
  'escalation.requestMeeting',
] as const satisfies readonly CardActionVerb[];

const FIELD_WORDS: Record<string, string> = {
  sessionId: 'the session',
  itemId: 'the agenda item',
  itemText: 'the item text',
  sectionId: 'the section',
  editText: 'the edited text',
  reason: 'the reason',
  note: 'the note',
  start: 'the new time',
  fromStart: 'the session time',
  recordId: 'the record',
  version: 'the version',
  sha256: 'the fingerprint',
  comment: 'the comment',
  decisionId: 'the decision record',
  reference: 'the case system reference',
  arrangementId: 'the supervision arrangement',
};

export type ParsedCardAction = { ok: true; action: CardAction } | { ok: false; field?: string; message: string };

function isVerb(value: unknown): value is CardActionVerb {
  return typeof value === 'string' && (CARD_ACTION_VERBS as readonly string[]).includes(value);
}

/**
 * Reads an Action.Execute invoke: its `verb` and its `data` (card data merged with the card's inputs).
 * The verb must be one of ours and equal `data.action`. A refusal names what is wrong in plain words
 * and never repeats what was submitted.
 */
export function parseCardAction(verb: unknown, data: unknown): ParsedCardAction {
  if (!isVerb(verb)) return { ok: false, field: 'verb', message: 'This button is not one this app knows. Type "agenda" for a new card.' };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, field: 'data', message: 'This button sent no details. Type "agenda" for a new card.' };
  }
  if ((data as Record<string, unknown>).action !== verb) {
    return { ok: false, field: 'action', message: 'This button\u2019s details do not match it. Type "agenda" for a new card.' };
  }
  const parsed = cardActionSchema.safeParse(data);
  if (parsed.success) return { ok: true, action: parsed.data };
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? 'data');
  const words = FIELD_WORDS[field] ?? 'a detail';
  const given = (liftEditText(data) as Record<string, unknown>)[field];
  let message: string;
  if (given === undefined || given === null) message = `The card did not send ${words}.`;
  else if (issue?.code === 'too_big') message = `${capitalise(words)} is too long: use ${String(issue.maximum)} characters or fewer.`;
  else if (issue?.code === 'too_small') message = `${capitalise(words)} is empty.`;
  else if (field === 'reason') message = 'Choose one of the reasons listed.';
  else if (issue?.code === 'custom' && issue.message === NOTE_UNKEEPABLE) message = NOTE_UNKEEPABLE;
  else message = `${capitalise(words)} is not valid. Type "agenda" for a new card.`;
  return { ok: false, field, message };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * An Action.Execute whose `verb` is its data's `action`, so the two never disagree. `data` carries only what
 * the card itself knows (ids, a chosen time); inputs are added by the client when the button is pressed.
 */
export function executeAction(title: string, data: CardAction, options: Omit<ExecuteActionOptions, 'title' | 'verb' | 'data'> = {}): ExecuteAction {
  const clean = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
  return new ExecuteAction({ ...options, title, verb: data.action, data: clean });
}
