import { z } from 'zod';
import { isIsoInstant } from '../calendar/london-time.js';

const instant = z.string().refine(isIsoInstant, { message: 'a UTC time that exists, such as 2027-02-12T09:00:00Z' });

export const CASE_SYSTEMS = ['CPOMS', 'MyConcern', 'other'] as const;
export type CaseSystem = (typeof CASE_SYSTEMS)[number];

// seed 003 Appendix 3 (Decision Record) and seed 000 "Recording": decisions about a child are recorded
// apart from the supervision record, which keeps only the child's reference.
export const decisionActionSchema = z
  .object({
    text: z.string().trim().min(1, 'say what will be done').max(500, 'at most 500 characters'),
    timescale: z.string().trim().min(1, 'say by when').max(100, 'at most 100 characters'),
  })
  .strict();

/** What the supervisor writes about one child's case. */
export const decisionInputSchema = z
  .object({
    /** Initials or the case system's reference: never the child's full name. */
    childReference: z.string().trim().min(1, "give the child's initials or case reference").max(40, 'at most 40 characters (initials or a reference)'),
    concerns: z.string().trim().min(1, 'summarise the concerns discussed').max(4000, 'at most 4000 characters'),
    actions: z.array(decisionActionSchema).min(1, 'agree at least one action with a timescale').max(20),
    referredToManager: z.boolean(),
    chronologyEntry: z.boolean(),
    caseSystem: z.enum(CASE_SYSTEMS),
  })
  .strict();
export type DecisionInput = z.infer<typeof decisionInputSchema>;

export const decisionRecordSchema = decisionInputSchema.extend({
  id: z.string().min(1),
  sessionId: z.string().min(1),
  arrangementId: z.string().min(1),
  decidedById: z.string().min(1),
  decidedAt: instant,
  /** Confirmed as entered on the child's record in the case system, with that system's reference. */
  enteredOnCaseSystem: z.object({ reference: z.string().min(1).max(100), at: instant, byId: z.string().min(1) }).optional(),
});
export type DecisionRecord = z.infer<typeof decisionRecordSchema>;

export const caseSystemReferenceSchema = z
  .string()
  .trim()
  .min(1, "give the case system's reference for the entry")
  .max(100, 'at most 100 characters')
  .regex(/^[\w\-/#. ]+$/, 'letters, numbers, spaces and - / # . only');
