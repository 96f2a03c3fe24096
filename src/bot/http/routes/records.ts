import { z } from 'zod';
import { MAX_GRANT_DAYS } from '../../../shared/records/auditor-grant.js';
import { caseSystemReferenceSchema, decisionInputSchema } from '../../../shared/records/decision-record.js';
import { CHANGE_COMMENT_MAX_LENGTH, RECORD_KINDS, recordContentSchema } from '../../../shared/records/record.js';
import { operation, type Operation } from '../api/operation.js';
import {
  auditorGrantResponse,
  auditorGrantsResponse,
  decisionRecordResponse,
  recordFlagsResponse,
  recordListResponse,
  recordViewResponse,
  sessionRecordsResponse,
} from '../api/record-schemas.js';
import { reply } from './reply.js';

const id = z.string().min(1).max(300);
const sessionParams = z.object({ sessionId: id });
const recordParams = z.object({ recordId: id });
const version = z.number().int().positive().max(10_000);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'the 64-character SHA-256 fingerprint you were shown (lower-case hex)');
const baseRevision = z
  .number()
  .int()
  .min(0)
  .max(1_000_000)
  .meta({ description: "The record's revision when you loaded it: a save over a newer change is refused (409), never lost." });

export const recordOperations: Operation[] = [
  operation({
    operationId: 'listSessionRecords',
    method: 'get',
    path: '/sessions/{sessionId}/records',
    summary: "The session's records (and the arrangement's contract) and decision records, and which kinds you may start.",
    access: 'The session’s supervisor and supervisees; the DSL; oversight and auditors with an active grant (not wellbeing records).',
    params: sessionParams,
    success: { status: 200, description: 'Records and decisions.', schema: sessionRecordsResponse },
    handle: async ({ caller, params, useCases }) => reply(await useCases.listSessionRecords({ caller, sessionId: params.sessionId })),
  }),
  operation({
    operationId: 'startRecord',
    method: 'post',
    path: '/sessions/{sessionId}/records',
    summary: "Starts the session's record of a kind as a draft, with the actions still open from the last session; returns the one already started if there is one.",
    access: 'The session’s supervisor.',
    params: sessionParams,
    body: z.object({ kind: z.enum(RECORD_KINDS) }).strict(),
    success: { status: 201, alsoStatus: 200, description: 'The draft (200 when it already existed).', schema: recordViewResponse },
    handle: async ({ caller, params, body, useCases }) =>
      reply(await useCases.startRecord({ caller, sessionId: params.sessionId, kind: body.kind }), (v) => ({ status: v.created ? 201 : 200, body: v.view })),
  }),
  operation({
    operationId: 'listRecords',
    method: 'get',
    path: '/records',
    summary: 'Every record you may read (latest versions), newest session first.',
    access: 'Anyone: supervisors and supervisees see their own; the DSL and oversight the school’s; an auditor only while a grant is active. Every call is audited.',
    success: { status: 200, description: 'Records.', schema: recordListResponse },
    handle: async ({ caller, useCases }) => reply(await useCases.listRecords({ caller }), (records) => ({ body: { records } })),
  }),
  // Before /records/{recordId}, which would otherwise take 'flags' for a record id.
  operation({
    operationId: 'listRecordFlags',
    method: 'get',
    path: '/records/flags',
    summary: "What to chase: decisions not confirmed on the child's case record within 24 hours, contracts not signed by the third session, contracts due for review.",
    access: 'The DSL and oversight; an auditor with an active grant.',
    success: { status: 200, description: 'Flags, overdue first.', schema: recordFlagsResponse },
    handle: async ({ caller, useCases }) => reply(await useCases.listRecordFlags({ caller }), (flags) => ({ body: { flags } })),
  }),
  operation({
    operationId: 'getRecord',
    method: 'get',
    path: '/records/{recordId}',
    summary: 'One version of a record (the latest unless asked), its fingerprint, whether the stored content still matches it, and its signatures.',
    access: 'The supervisor and supervisees; the DSL; oversight and auditors with an active grant (not wellbeing records). Every read is audited.',
    params: recordParams,
    query: z.object({ version: z.coerce.number().int().positive().max(10_000).optional() }),
    success: { status: 200, description: 'The record.', schema: recordViewResponse },
    handle: async ({ caller, params, query, useCases }) => reply(await useCases.getRecord({ caller, recordId: params.recordId, version: query.version })),
  }),
  operation({
    operationId: 'saveRecordDraft',
    method: 'put',
    path: '/records/{recordId}',
    summary: 'Saves what the supervisor has written. A version awaiting signatures goes back to draft; a locked version is kept and the change becomes the next version.',
    access: 'The supervisor.',
    params: recordParams,
    body: z.object({ content: recordContentSchema, baseRevision }).strict(),
    success: { status: 200, description: 'The saved version.', schema: recordViewResponse },
    handle: async ({ caller, params, body, useCases }) =>
      reply(await useCases.saveRecordDraft({ caller, recordId: params.recordId, content: body.content, baseRevision: body.baseRevision })),
  }),
  operation({
    operationId: 'sendRecordForSignature',
    method: 'post',
    path: '/records/{recordId}/send',
    summary: 'Fixes the fingerprint of the latest version and sends each signatory a card to sign it (no case detail on the card).',
    access: 'The supervisor.',
    params: recordParams,
    body: z.object({ baseRevision }).strict(),
    success: { status: 200, description: 'The version, awaiting signatures.', schema: recordViewResponse },
    handle: async ({ caller, params, body, useCases }) => reply(await useCases.sendRecordForSignature({ caller, recordId: params.recordId, baseRevision: body.baseRevision })),
  }),
  operation({
    operationId: 'signRecord',
    method: 'post',
    path: '/records/{recordId}/sign',
    summary: 'Signs the version and fingerprint you were shown; refused when the content has changed since. The last signature locks the version.',
    access: 'The people the version was sent to.',
    params: recordParams,
    body: z.object({ version, sha256 }).strict(),
    success: { status: 200, description: 'The version with your signature.', schema: recordViewResponse },
    handle: async ({ caller, params, body, useCases }) => reply(await useCases.signRecord({ caller, recordId: params.recordId, version: body.version, sha256: body.sha256 })),
  }),
  operation({
    operationId: 'requestRecordChange',
    method: 'post',
    path: '/records/{recordId}/request-change',
    summary: 'Asks the supervisor to change the version instead of signing it; it goes back to draft with your comment.',
    access: 'The people the version was sent to.',
    params: recordParams,
    body: z.object({ version, sha256: sha256.optional(), comment: z.string().trim().min(1, 'say what should change').max(CHANGE_COMMENT_MAX_LENGTH) }).strict(),
    success: { status: 200, description: 'The version, back in draft.', schema: recordViewResponse },
    handle: async ({ caller, params, body, useCases }) =>
      reply(await useCases.requestRecordChange({ caller, recordId: params.recordId, version: body.version, sha256: body.sha256, comment: body.comment })),
  }),
  operation({
    operationId: 'createDecisionRecord',
    method: 'post',
    path: '/sessions/{sessionId}/decisions',
    summary: "Records a decision about one child (by initials or case reference), to be confirmed as entered on the child's CPOMS or MyConcern record within 24 hours.",
    access: 'The session’s supervisor.',
    params: sessionParams,
    body: decisionInputSchema,
    success: { status: 201, description: 'The decision record.', schema: decisionRecordResponse },
    handle: async ({ caller, params, body, useCases }) => reply(await useCases.recordDecision({ caller, sessionId: params.sessionId, decision: body })),
  }),
  operation({
    operationId: 'confirmDecisionRecord',
    method: 'post',
    path: '/decisions/{decisionId}/confirm',
    summary: "Confirms the decision is entered on the child's record in the case system, with that entry's reference.",
    access: 'The supervisor; the DSL.',
    params: z.object({ decisionId: id }),
    body: z.object({ reference: caseSystemReferenceSchema }).strict(),
    success: { status: 200, description: 'The confirmed decision record.', schema: decisionRecordResponse },
    handle: async ({ caller, params, body, useCases }) => reply(await useCases.confirmDecision({ caller, decisionId: params.decisionId, reference: body.reference })),
  }),
  operation({
    operationId: 'grantAuditorAccess',
    method: 'post',
    path: '/auditor-grants',
    summary: 'Lets an auditor (inspector, investigating officer) read records for a set number of days; it expires by itself.',
    access: 'A designated safeguarding lead.',
    body: z
      .object({
        auditorId: z.uuid('the auditor’s Entra object id'),
        days: z.number().int().min(1).max(MAX_GRANT_DAYS),
        purpose: z.string().trim().min(1, 'say what the access is for (an inspection, say), without case detail').max(200),
      })
      .strict(),
    success: { status: 201, description: 'The grant.', schema: auditorGrantResponse },
    handle: async ({ caller, body, useCases }) => reply(await useCases.grantAuditorAccess({ caller, ...body })),
  }),
  operation({
    operationId: 'listAuditorGrants',
    method: 'get',
    path: '/auditor-grants',
    summary: 'Every auditor grant, newest first, and whether it is active now.',
    access: 'A designated safeguarding lead.',
    success: { status: 200, description: 'Grants.', schema: auditorGrantsResponse },
    handle: async ({ caller, useCases }) => reply(await useCases.listAuditorGrants({ caller }), (grants) => ({ body: { grants } })),
  }),
  operation({
    operationId: 'revokeAuditorGrant',
    method: 'post',
    path: '/auditor-grants/{grantId}/revoke',
    summary: 'Ends an auditor’s access before it expires.',
    access: 'A designated safeguarding lead.',
    params: z.object({ grantId: id }),
    success: { status: 200, description: 'The revoked grant.', schema: auditorGrantResponse },
    handle: async ({ caller, params, useCases }) => reply(await useCases.revokeAuditorGrant({ caller, grantId: params.grantId })),
  }),
];
