import { z } from 'zod';
import { isIsoDate } from '../calendar/dates.js';
import { isIsoInstant } from '../calendar/london-time.js';

const instant = z.string().refine(isIsoInstant, { message: 'a UTC time that exists, such as 2027-02-12T09:00:00Z' });
const date = z.string().refine(isIsoDate, { message: 'a date that exists, such as 2027-02-12' });

/**
 * What a record is of. Every kind but the contract belongs to one session; the contract belongs to the
 * arrangement and gets a new version at each annual review.
 */
export const RECORD_KINDS = ['individual', 'group', 'case-discussion', 'contract', 'history', 'wellbeing'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const RECORD_KIND_TITLES: Record<RecordKind, string> = {
  individual: 'Supervision record',
  group: 'Group supervision record',
  'case-discussion': 'Case discussion',
  contract: 'Supervision contract',
  history: 'Supervision history',
  wellbeing: 'Wellbeing concerns',
};

// Half of a UTF-16 pair on its own: canonical JSON (RFC 8785) cannot carry it, so the fingerprint would fail.
export const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
/** Text that can be fingerprinted. */
const wellFormed = <T extends z.ZodString>(s: T) => s.refine((v) => !LONE_SURROGATE.test(v), 'contains a broken character: retype it rather than pasting it');

/** Longest answer to one question; a record over the store's limit is refused, never cut short. */
export const ANSWER_MAX_LENGTH = 8000;
export const ACTION_TEXT_MAX_LENGTH = 500;
export const MAX_ACTIONS = 40;
export const CHANGE_COMMENT_MAX_LENGTH = 1000;

// seed 000 Appendix 5 "Agreed Actions / By whom / By when": every action has an owner and a date.
export const agreedActionSchema = z
  .object({
    id: wellFormed(z.string().min(1).max(100)),
    text: wellFormed(z.string().trim().min(1, 'say what was agreed').max(ACTION_TEXT_MAX_LENGTH, `at most ${ACTION_TEXT_MAX_LENGTH} characters`)),
    ownerId: wellFormed(z.string().min(1, 'choose who will do it').max(100)),
    dueDate: date,
    done: z.boolean(),
    /** The session whose record first agreed it (actions carry forward until done). */
    agreedInSessionId: wellFormed(z.string().max(300)).optional(),
  })
  .strict();
export type AgreedAction = z.infer<typeof agreedActionSchema>;

export const attendanceSchema = z.object({ userId: wellFormed(z.string().min(1).max(100)), present: z.boolean() }).strict();
export type Attendance = z.infer<typeof attendanceSchema>;

/**
 * What the supervisor writes: answers to the template's questions (by question id), the agreed actions
 * (open ones from last time carried in), and for a group the attendance and who takes forward any
 * immediate concern. The template's own schema (templates.ts) checks the answers.
 */
export const recordContentSchema = z
  .object({
    answers: z.record(wellFormed(z.string().max(100)), wellFormed(z.string().max(ANSWER_MAX_LENGTH, `at most ${ANSWER_MAX_LENGTH} characters`))),
    actions: z.array(agreedActionSchema).max(MAX_ACTIONS, `at most ${MAX_ACTIONS} actions`),
    attendance: z.array(attendanceSchema).max(50).optional(),
    takesForwardId: wellFormed(z.string().min(1).max(100)).optional(),
  })
  .strict();
export type RecordContent = z.infer<typeof recordContentSchema>;

export const EMPTY_CONTENT: RecordContent = { answers: {}, actions: [] };

export const signatureSchema = z.object({
  userId: z.string().min(1),
  displayName: z.string(),
  at: instant,
  /** The fingerprint the signer was shown and signed. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Signature = z.infer<typeof signatureSchema>;

export const changeRequestSchema = z.object({
  userId: z.string().min(1),
  displayName: z.string(),
  at: instant,
  comment: z.string().max(CHANGE_COMMENT_MAX_LENGTH),
  version: z.number().int().positive(),
});
export type ChangeRequest = z.infer<typeof changeRequestSchema>;

export const RECORD_STATES = ['draft', 'awaiting-signatures', 'locked'] as const;
export type RecordState = (typeof RECORD_STATES)[number];

export const signatorySchema = z.object({ id: z.string().min(1), displayName: z.string() });
export type Signatory = z.infer<typeof signatorySchema>;

/** One version of a record, as stored. A locked version never changes again; a change is the next version. */
export const recordVersionSchema = z.object({
  recordId: z.string().min(1),
  version: z.number().int().positive(),
  kind: z.enum(RECORD_KINDS),
  /** The template the content follows (templates.ts). */
  templateId: z.string().min(1),
  arrangementId: z.string().min(1),
  /** The session it records (for a contract: the session it was last written at, if any). */
  sessionId: z.string().min(1).optional(),
  /** When that session started (orders records for carrying actions forward without reading sessions). */
  sessionStart: instant.optional(),
  content: recordContentSchema,
  state: z.enum(RECORD_STATES),
  /** Who must sign, fixed when it is sent: the supervisor and every supervisee (a group: those present). */
  signatories: z.array(signatorySchema),
  signatures: z.array(signatureSchema),
  changeRequests: z.array(changeRequestSchema),
  /** The fingerprint of the content when it was sent for signature (absent in a draft). */
  sentSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  createdById: z.string().min(1),
  createdAt: instant,
  updatedAt: instant,
  /**
   * Counts every stored change of the record, across its versions (a new version carries on from the one it
   * replaces): a save made against an older revision is refused, never lost.
   */
  revision: z.number().int().min(0),
  sentAt: instant.optional(),
  lockedAt: instant.optional(),
  /**
   * When the version this one replaces was locked: until this one is locked too, that signed version is
   * the one in force (a contract under review is still a signed contract).
   */
  previousLockedAt: instant.optional(),
});
export type RecordVersion = z.infer<typeof recordVersionSchema>;

/** When the record was last signed by everyone: this version if locked, else the version it replaces (under review); undefined if never. */
export function lastSignedAt(r: Pick<RecordVersion, 'state' | 'lockedAt' | 'previousLockedAt'>): string | undefined {
  return r.state === 'locked' ? r.lockedAt : r.previousLockedAt;
}

/** A record's id: the session and kind, or the arrangement for its contract. URL-safe. */
export function recordIdFor(kind: RecordKind, subject: { sessionId?: string | undefined; arrangementId: string }): string {
  if (kind === 'contract') return `${subject.arrangementId}.contract`;
  if (!subject.sessionId) throw new RangeError(`a ${kind} record belongs to a session`);
  return `${subject.sessionId}.${kind}`;
}

/** The stored item's key for one version. */
export const versionKey = (recordId: string, version: number): string => `${recordId}.v${version}`;
