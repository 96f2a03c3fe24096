// Response shapes of the record operations, for the OpenAPI document.
import { z } from 'zod';
import { auditorGrantSchema } from '../../../shared/records/auditor-grant.js';
import { decisionRecordSchema } from '../../../shared/records/decision-record.js';
import { RECORD_KINDS, RECORD_STATES, recordVersionSchema, signatorySchema } from '../../../shared/records/record.js';

const questionSchema = z.object({
  id: z.string(),
  label: z.string(),
  hint: z.string().optional(),
  kind: z.enum(['text', 'long-text', 'yes-no']),
  required: z.boolean().optional(),
});

export const recordViewResponse = z
  .object({
    record: recordVersionSchema,
    link: z.string(),
    title: z.string(),
    template: z.object({ id: z.string(), kind: z.enum(RECORD_KINDS), title: z.string(), source: z.string(), questions: z.array(questionSchema) }),
    latestVersion: z.number().int(),
    versions: z.array(
      z.object({ version: z.number().int(), state: z.enum(RECORD_STATES), updatedAt: z.string(), lockedAt: z.string().optional(), integrity: z.enum(['intact', 'altered']) }),
    ),
    fingerprint: z.string().meta({ description: 'SHA-256 (hex) of the RFC 8785 canonical JSON of the record id, version, kind, template and content.' }),
    integrity: z.enum(['intact', 'altered']).meta({ description: "'altered' when the stored content no longer matches the fingerprint it was sent or signed with." }),
    session: z.object({ id: z.string(), start: z.string(), end: z.string(), windowLabel: z.string() }).optional(),
    arrangement: z.object({ id: z.string(), format: z.enum(['individual', 'group']), supervisor: signatorySchema, supervisees: z.array(signatorySchema) }),
    awaiting: z.array(signatorySchema),
    canEdit: z.boolean(),
    canSign: z.boolean(),
  })
  .meta({ id: 'RecordView' });

export const sessionRecordsResponse = z
  .object({
    sessionId: z.string(),
    records: z.array(
      z.object({ recordId: z.string(), kind: z.enum(RECORD_KINDS), title: z.string(), version: z.number().int(), state: z.enum(RECORD_STATES), updatedAt: z.string() }),
    ),
    canStart: z.array(z.enum(RECORD_KINDS)),
    decisions: z.array(decisionRecordSchema.extend({ dueBy: z.string(), link: z.string() })),
    canRecordDecision: z.boolean(),
  })
  .meta({ id: 'SessionRecords' });

export const decisionRecordResponse = decisionRecordSchema.extend({ dueBy: z.string(), link: z.string() }).meta({ id: 'DecisionRecord' });

export const recordFlagsResponse = z
  .object({
    flags: z.array(
      z.object({
        rule: z.string(),
        status: z.enum(['due-soon', 'overdue']),
        arrangementId: z.string(),
        arrangementTitle: z.string(),
        subjectId: z.string(),
        dueBy: z.string(),
        message: z.string(),
        recordId: z.string().optional(),
        sessionId: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'RecordFlags' });

export const auditorGrantResponse = auditorGrantSchema.meta({ id: 'AuditorGrant' });
export const auditorGrantsResponse = z.object({ grants: z.array(auditorGrantSchema.extend({ active: z.boolean() })) }).meta({ id: 'AuditorGrants' });

export const recordListResponse = z
  .object({
    records: z.array(
      z.object({
        recordId: z.string(),
        kind: z.enum(RECORD_KINDS),
        title: z.string(),
        version: z.number().int(),
        state: z.enum(RECORD_STATES),
        updatedAt: z.string(),
        arrangementId: z.string(),
        arrangementTitle: z.string(),
        sessionId: z.string().optional(),
        sessionStart: z.string().optional(),
        lockedAt: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'RecordList' });
