import { z } from 'zod';
import { isIsoDate } from '../../../shared/calendar/dates.js';
import { EVIDENCE_FORMATS, REASON_MAX_LENGTH } from '../../compliance/export-evidence-pack.js';
import type { Outcome } from '../../use-case.js';
import { operation, type Reply } from '../api/operation.js';

/** A reply whose body is a file, not JSON (mountOperations sends `raw` as it is). */
type FileReply = Reply & { raw: { contentType: string; body: Buffer | string } };

const date = z.string().refine(isIsoDate, 'a date that exists, YYYY-MM-DD (no 30 February)');

export const evidenceOperations = [
  operation({
    operationId: 'exportEvidencePack',
    method: 'get',
    path: '/compliance/evidence-pack',
    summary:
      'The evidence pack for a date range (at most two years), as CSV or PDF, for an inspection or audit: sessions required and held per supervisee, signatures with dates, contracts, actions, decision records and when each was confirmed on the case system. No case detail unless the DSL asks for it with a reason. Every export is audited.',
    access: 'The DSL and oversight; an auditor with an active grant. Case detail: the DSL only, with a reason.',
    query: z
      .object({
        from: date.meta({ description: 'First day (London), YYYY-MM-DD.' }),
        to: date.meta({ description: 'Last day (London), YYYY-MM-DD; at most two years after `from`.' }),
        format: z.enum(EVIDENCE_FORMATS).default('pdf'),
        schoolId: z.string().min(1).max(100).optional().meta({ description: 'One school; leave out for the whole trust.' }),
        includeCaseDetail: z
          .enum(['true', 'false'])
          .default('false')
          .transform((v) => v === 'true'),
        reason: z
          .string()
          .max(REASON_MAX_LENGTH * 2)
          .optional()
          .meta({ description: 'Why case detail is needed (5–200 characters); required with includeCaseDetail=true, and audited.' }),
      })
      .strict(),
    success: {
      status: 200,
      description: 'The file (Content-Disposition: attachment): text/csv or application/pdf.',
      schema: z.string().meta({ format: 'binary' }),
      mediaTypes: ['text/csv', 'application/pdf'],
    },
    handle: async ({ caller, query, useCases }): Promise<Outcome<FileReply>> => {
      const outcome = await useCases.exportEvidencePack({ caller, ...query });
      if (!outcome.ok) return outcome;
      const { filename, contentType, body } = outcome.value;
      return {
        ok: true,
        value: {
          body: undefined,
          raw: { contentType, body },
          headers: { 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
        },
      };
    },
  }),
];
