// Records: listSessionRecords, startRecord, getRecord, saveRecordDraft, sendRecordForSignature,
// signRecord, requestRecordChange, createDecisionRecord, confirmDecisionRecord, listRecordFlags,
// grantAuditorAccess, listAuditorGrants, revokeAuditorGrant (src/bot/http/routes/records.ts).
import * as z from 'zod/mini';
import type { Api } from '../authorised.js';

export const RECORD_KINDS = ['individual', 'group', 'case-discussion', 'contract', 'history', 'wellbeing'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const RECORD_STATES = ['draft', 'awaiting-signatures', 'locked'] as const;
export type RecordState = (typeof RECORD_STATES)[number];

export const CASE_SYSTEMS = ['CPOMS', 'MyConcern', 'other'] as const;
export type CaseSystem = (typeof CASE_SYSTEMS)[number];

const signatorySchema = z.object({ id: z.string(), displayName: z.string() });
export type Signatory = z.infer<typeof signatorySchema>;

const agreedActionSchema = z.object({
  id: z.string(),
  text: z.string(),
  ownerId: z.string(),
  dueDate: z.string(),
  done: z.boolean(),
  /** The session whose record first agreed it (actions carry forward until done). */
  agreedInSessionId: z.optional(z.string()),
});
export type AgreedAction = z.infer<typeof agreedActionSchema>;

const recordContentSchema = z.object({
  answers: z.record(z.string(), z.string()),
  actions: z.array(agreedActionSchema),
  attendance: z.optional(z.array(z.object({ userId: z.string(), present: z.boolean() }))),
  takesForwardId: z.optional(z.string()),
});
export type RecordContent = z.infer<typeof recordContentSchema>;

const questionSchema = z.object({
  id: z.string(),
  label: z.string(),
  hint: z.optional(z.string()),
  kind: z.enum(['text', 'long-text', 'yes-no']),
  required: z.optional(z.boolean()),
});
export type Question = z.infer<typeof questionSchema>;

const integritySchema = z.enum(['intact', 'altered']);

export const recordViewSchema = z.object({
  record: z.object({
    recordId: z.string(),
    version: z.number(),
    kind: z.enum(RECORD_KINDS),
    templateId: z.string(),
    arrangementId: z.string(),
    sessionId: z.optional(z.string()),
    content: recordContentSchema,
    state: z.enum(RECORD_STATES),
    signatories: z.array(signatorySchema),
    signatures: z.array(z.object({ userId: z.string(), displayName: z.string(), at: z.string(), sha256: z.string() })),
    changeRequests: z.array(z.object({ userId: z.string(), displayName: z.string(), at: z.string(), comment: z.string(), version: z.number() })),
    sentSha256: z.optional(z.string()),
    createdById: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    revision: z.number(),
    sentAt: z.optional(z.string()),
    lockedAt: z.optional(z.string()),
  }),
  link: z.string(),
  title: z.string(),
  template: z.object({ id: z.string(), kind: z.enum(RECORD_KINDS), title: z.string(), source: z.string(), questions: z.array(questionSchema) }),
  latestVersion: z.number(),
  versions: z.array(z.object({ version: z.number(), state: z.enum(RECORD_STATES), updatedAt: z.string(), lockedAt: z.optional(z.string()), integrity: integritySchema })),
  /** SHA-256 (hex) of the version's canonical content, as stored now. */
  fingerprint: z.string(),
  integrity: integritySchema,
  session: z.optional(z.object({ id: z.string(), start: z.string(), end: z.string(), windowLabel: z.string() })),
  arrangement: z.object({ id: z.string(), format: z.enum(['individual', 'group']), supervisor: signatorySchema, supervisees: z.array(signatorySchema) }),
  awaiting: z.array(signatorySchema),
  canEdit: z.boolean(),
  canSign: z.boolean(),
});
export type RecordView = z.infer<typeof recordViewSchema>;

const decisionActionSchema = z.object({ text: z.string(), timescale: z.string() });

export const decisionSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  arrangementId: z.string(),
  childReference: z.string(),
  concerns: z.string(),
  actions: z.array(decisionActionSchema),
  referredToManager: z.boolean(),
  chronologyEntry: z.boolean(),
  caseSystem: z.enum(CASE_SYSTEMS),
  decidedById: z.string(),
  decidedAt: z.string(),
  enteredOnCaseSystem: z.optional(z.object({ reference: z.string(), at: z.string(), byId: z.string() })),
  dueBy: z.string(),
  link: z.string(),
});
export type Decision = z.infer<typeof decisionSchema>;

const sessionRecordsSchema = z.object({
  sessionId: z.string(),
  records: z.array(z.object({ recordId: z.string(), kind: z.enum(RECORD_KINDS), title: z.string(), version: z.number(), state: z.enum(RECORD_STATES), updatedAt: z.string() })),
  canStart: z.array(z.enum(RECORD_KINDS)),
  decisions: z.array(decisionSchema),
  canRecordDecision: z.boolean(),
});
export type SessionRecords = z.infer<typeof sessionRecordsSchema>;

const recordFlagSchema = z.object({
  rule: z.string(),
  status: z.enum(['due-soon', 'overdue']),
  arrangementId: z.string(),
  arrangementTitle: z.string(),
  subjectId: z.string(),
  dueBy: z.string(),
  message: z.string(),
  recordId: z.optional(z.string()),
  sessionId: z.optional(z.string()),
});
export type RecordFlag = z.infer<typeof recordFlagSchema>;

const auditorGrantSchema = z.object({
  id: z.string(),
  auditorId: z.string(),
  auditorName: z.string(),
  grantedById: z.string(),
  grantedAt: z.string(),
  expiresAt: z.string(),
  purpose: z.string(),
  revokedAt: z.optional(z.string()),
});
export type AuditorGrant = z.infer<typeof auditorGrantSchema>;
const listedGrantSchema = z.extend(auditorGrantSchema, { active: z.boolean() });
export type ListedAuditorGrant = z.infer<typeof listedGrantSchema>;

/** The body of createDecisionRecord (src/shared/records/decision-record.ts decisionInputSchema). */
export interface DecisionInput {
  childReference: string;
  concerns: string;
  actions: { text: string; timescale: string }[];
  referredToManager: boolean;
  chronologyEntry: boolean;
  caseSystem: CaseSystem;
}

const sessionPath = (id: string) => `/api/sessions/${encodeURIComponent(id)}`;
const recordPath = (id: string) => `/api/records/${encodeURIComponent(id)}`;

export const listSessionRecords = (api: Api, sessionId: string, signal?: AbortSignal) => api.get(`${sessionPath(sessionId)}/records`, sessionRecordsSchema, signal);

export const startRecord = (api: Api, sessionId: string, kind: RecordKind) => api.send('POST', `${sessionPath(sessionId)}/records`, { kind }, recordViewSchema);

/** One version of a record: the latest unless `version` is given. */
export const getRecord = (api: Api, recordId: string, version?: number, signal?: AbortSignal) =>
  api.get(`${recordPath(recordId)}${version === undefined ? '' : `?version=${version}`}`, recordViewSchema, signal);

export const saveRecordDraft = (api: Api, recordId: string, request: { content: RecordContent; baseRevision: number }, signal?: AbortSignal) =>
  api.send('PUT', recordPath(recordId), request, recordViewSchema, signal);

export const sendRecordForSignature = (api: Api, recordId: string, baseRevision: number) => api.send('POST', `${recordPath(recordId)}/send`, { baseRevision }, recordViewSchema);

/** Signs exactly the version and fingerprint the person was shown. */
export const signRecord = (api: Api, recordId: string, seen: { version: number; sha256: string }) => api.send('POST', `${recordPath(recordId)}/sign`, seen, recordViewSchema);

export const requestRecordChange = (api: Api, recordId: string, request: { version: number; sha256: string; comment: string }) =>
  api.send('POST', `${recordPath(recordId)}/request-change`, request, recordViewSchema);

export const createDecisionRecord = (api: Api, sessionId: string, decision: DecisionInput) => api.send('POST', `${sessionPath(sessionId)}/decisions`, decision, decisionSchema);

export const confirmDecisionRecord = (api: Api, decisionId: string, reference: string) =>
  api.send('POST', `/api/decisions/${encodeURIComponent(decisionId)}/confirm`, { reference }, decisionSchema);

export const listRecordFlags = async (api: Api, signal?: AbortSignal) => (await api.get('/api/records/flags', z.object({ flags: z.array(recordFlagSchema) }), signal)).flags;

export const grantAuditorAccess = (api: Api, request: { auditorId: string; days: number; purpose: string }) => api.send('POST', '/api/auditor-grants', request, auditorGrantSchema);

export const listAuditorGrants = async (api: Api, signal?: AbortSignal) => (await api.get('/api/auditor-grants', z.object({ grants: z.array(listedGrantSchema) }), signal)).grants;

export const revokeAuditorGrant = (api: Api, grantId: string) => api.send('POST', `/api/auditor-grants/${encodeURIComponent(grantId)}/revoke`, undefined, auditorGrantSchema);
