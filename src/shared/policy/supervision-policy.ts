import { z } from 'zod';
import { SUPERVISEE_ROLES } from './roles.js';

export const cadenceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('half-termly') }),
  z.object({ kind: z.literal('termly') }),
  z.object({ kind: z.literal('every-n-weeks'), weeks: z.number().int().min(1).max(26) }),
  z.object({ kind: z.literal('monthly') }),
  // Debriefs after an incident: booked when needed, never planned or overdue by cadence.
  z.object({ kind: z.literal('as-required') }),
]);
export type Cadence = z.infer<typeof cadenceSchema>;

export const supervisionPolicySchema = z.object({
  role: z.enum(SUPERVISEE_ROLES),
  cadence: cadenceSchema,
  durationMinutes: z.number().int().min(15).max(240),
  format: z.enum(['individual', 'group', 'debrief']),
  /** Longest allowed time between sessions, whatever the cadence. */
  maxGapMonths: z.number().int().min(1).max(12),
});
export type SupervisionPolicy = z.infer<typeof supervisionPolicySchema>;

export const policySetSchema = z
  .array(supervisionPolicySchema)
  .refine((ps) => new Set(ps.map((p) => p.role)).size === ps.length, { message: 'Each role may have only one policy' });

export function describeCadence(c: Cadence): string {
  switch (c.kind) {
    case 'half-termly':
      return 'once each half term';
    case 'termly':
      return 'once each term';
    case 'every-n-weeks':
      return `every ${c.weeks} weeks`;
    case 'monthly':
      return 'once a month';
    case 'as-required':
      return 'as required (debrief)';
  }
}
