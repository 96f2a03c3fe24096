import { z } from 'zod';
import { isIsoDate } from '../calendar/dates.js';
import { SUPERVISEE_ROLES, SUPERVISOR_ROLES } from '../policy/roles.js';
import { cadenceSchema } from '../policy/supervision-policy.js';
import { arrangementPreferencesSchema } from '../scheduling/preferences.js';

const isoDate = z.string().refine(isIsoDate, { message: 'expected a date that exists, as YYYY-MM-DD' });

/** A person as an arrangement keeps them: Entra object id, name and mail address (for Outlook). */
export const partySchema = z.object({
  id: z.string().min(1),
  displayName: z.string().min(1),
  mail: z.string().min(3),
});

export const supervisorSchema = partySchema.extend({ role: z.enum(SUPERVISOR_ROLES) });
export const superviseeSchema = partySchema.extend({ role: z.enum(SUPERVISEE_ROLES) });

/** Where the Outlook meeting lives: the supervisor's own mailbox, or the school's safeguarding mailbox. */
export const ORGANISERS = ['supervisor', 'safeguarding-mailbox'] as const;
export type Organiser = (typeof ORGANISERS)[number];

/**
 * A supervision arrangement: who supervises whom, how often and for how long. Individual (one
 * supervisee) or group (several, seed 002 §2.2 and seed 003 group record). The planner, booking and
 * compliance all derive their inputs from this one shape.
 */
export const arrangementSchema = z.object({
  id: z.string().min(1),
  supervisor: supervisorSchema,
  supervisees: z.array(superviseeSchema).min(1),
  format: z.enum(['individual', 'group']),
  cadence: cadenceSchema,
  durationMinutes: z.number().int().min(15).max(240),
  maxGapMonths: z.number().int().min(1).max(12),
  organiser: z.enum(ORGANISERS),
  teamsMeeting: z.boolean(),
  /** Neutral place text for the invitation ("Room 12"); never case detail. */
  location: z.string().max(100).optional(),
  preferences: arrangementPreferencesSchema,
  status: z.enum(['active', 'ended']),
  startDate: isoDate,
  /**
   * The London date it was ended on, set by the server when the status changes from active to ended and
   * removed when it is made active again; never taken from a request. Absent on an arrangement ended before
   * end dates were kept (see `endedOn` in src/shared/compliance/evidence-pack.ts for what stands for it then).
   */
  endDate: isoDate.optional(),
  /** The trust's school it belongs to (src/shared/schools); absent: the first school (the implicit one while none are set). */
  schoolId: z.string().min(1).max(64).optional(),
});
export type Arrangement = z.infer<typeof arrangementSchema>;
export type Supervisor = z.infer<typeof supervisorSchema>;
export type Supervisee = z.infer<typeof superviseeSchema>;
export type Party = z.infer<typeof partySchema>;

/** Everyone in the session: the supervisor first, then the supervisees. */
export function partiesOf(a: Pick<Arrangement, 'supervisor' | 'supervisees'>): Party[] {
  return [a.supervisor, ...a.supervisees];
}

export function describeArrangement(a: Pick<Arrangement, 'supervisor' | 'supervisees'>): string {
  return `${a.supervisor.displayName} with ${a.supervisees.map((s) => s.displayName).join(', ')}`;
}
