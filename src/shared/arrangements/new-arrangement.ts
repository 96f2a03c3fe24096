import { z } from 'zod';
import type { IsoDate } from '../calendar/dates.js';
import type { ValidationIssue } from '../calendar/validation-issue.js';
import { DEFAULT_POLICIES, policyFor } from '../policy/default-policies.js';
import { SUPERVISEE_ROLES, SUPERVISOR_ROLES } from '../policy/roles.js';
import { checkArrangementPairings, DEFAULT_SUPERVISION_GRID, type SupervisionGrid } from '../policy/supervision-grid.js';
import { cadenceSchema, type SupervisionPolicy } from '../policy/supervision-policy.js';
import { arrangementPreferencesSchema } from '../scheduling/preferences.js';
import { ORGANISERS, type Arrangement, type Party } from './arrangement.js';

// Dots alone are a path segment to Graph (/users/.. is the service root), never a person.
const personId = z
  .string()
  .trim()
  .min(1, 'choose a person')
  .max(100)
  .refine((id) => !/^\.+$/.test(id), 'choose a person');
// Strict from a request (a misspelt preference is refused, not dropped); stored ones are read as they are.
const preferencesInput = arrangementPreferencesSchema.strict();
const schoolIdInput = z.string().trim().min(1, 'choose a school').max(64, 'at most 64 characters');

/** What the admin fills in. Cadence, duration and maximum gap default from the policy for the supervisees' role. */
export const arrangementInputSchema = z
  .object({
    supervisorId: personId,
    supervisorRole: z.enum(SUPERVISOR_ROLES),
    supervisees: z
      .array(z.object({ id: personId, role: z.enum(SUPERVISEE_ROLES) }).strict())
      .min(1, 'add at least one supervisee')
      .max(12, 'a group has at most 12 supervisees'),
    cadence: cadenceSchema.optional(),
    durationMinutes: z.number().int('a whole number of minutes').min(15, 'at least 15 minutes').max(240, 'at most 4 hours').optional(),
    maxGapMonths: z.number().int('a whole number of months').min(1).max(12).optional(),
    organiser: z.enum(ORGANISERS).default('supervisor'),
    teamsMeeting: z.boolean().default(false),
    location: z.string().trim().max(100, 'at most 100 characters').optional(),
    preferences: preferencesInput.default({}),
    /** One of the trust's schools (GET /api/schools); absent: the first school. */
    schoolId: schoolIdInput.optional(),
  })
  .strict();
export type ArrangementInput = z.infer<typeof arrangementInputSchema>;

/** Changes to an arrangement; people are fixed once sessions may exist (end it and make a new one). */
export const arrangementChangesSchema = z
  .object({
    cadence: cadenceSchema.optional(),
    durationMinutes: z.number().int('a whole number of minutes').min(15, 'at least 15 minutes').max(240, 'at most 4 hours').optional(),
    maxGapMonths: z.number().int('a whole number of months').min(1).max(12).optional(),
    organiser: z.enum(ORGANISERS).optional(),
    teamsMeeting: z.boolean().optional(),
    location: z.string().trim().max(100, 'at most 100 characters').optional(),
    preferences: preferencesInput.optional(),
    status: z.enum(['active', 'ended']).optional(),
    /** Moves the arrangement to another of the trust's schools. */
    schoolId: schoolIdInput.optional(),
  })
  .strict();
export type ArrangementChanges = z.infer<typeof arrangementChangesSchema>;

export interface ArrangementRules {
  grid?: SupervisionGrid;
  policies?: readonly SupervisionPolicy[];
}

export type NewArrangementResult = { ok: true; arrangement: Arrangement } | { ok: false; issues: ValidationIssue[] };

/**
 * Makes an arrangement from the admin's input and the people the directory found. Refuses pairings
 * the school's supervision grid does not allow (seed 000 "Roles and Responsibilities", the grid "Who
 * might provide safeguarding supervision"), self-supervision and repeats.
 */
export function newArrangement(
  input: ArrangementInput,
  people: { supervisor: Party; supervisees: readonly Party[] },
  ids: { id: string; startDate: string },
  rules: ArrangementRules = {},
): NewArrangementResult {
  const grid = rules.grid ?? DEFAULT_SUPERVISION_GRID;
  const supervisees = input.supervisees.map((s, i) => ({ ...(people.supervisees[i] as Party), role: s.role }));
  const problems = checkArrangementPairings(grid, {
    supervisor: { id: people.supervisor.id, name: people.supervisor.displayName, role: input.supervisorRole },
    supervisees: supervisees.map((s) => ({ id: s.id, name: s.displayName, role: s.role })),
  });
  const issues: ValidationIssue[] = problems.flatMap((p) => (p.ok ? [] : [{ field: p.field, message: p.message }]));
  if (issues.length > 0) return { ok: false, issues };

  const first = input.supervisees[0];
  const policy = policyFor(rules.policies ?? DEFAULT_POLICIES, first ? first.role : 'other');
  const group = supervisees.length > 1;
  return {
    ok: true,
    arrangement: {
      id: ids.id,
      supervisor: { ...people.supervisor, role: input.supervisorRole },
      supervisees,
      format: group ? 'group' : 'individual',
      cadence: input.cadence ?? policy.cadence,
      // seed 002 §2.2: group supervision runs 2 hours per half term.
      durationMinutes: input.durationMinutes ?? (group ? Math.max(policy.durationMinutes, 120) : policy.durationMinutes),
      maxGapMonths: input.maxGapMonths ?? policy.maxGapMonths,
      organiser: input.organiser,
      teamsMeeting: input.teamsMeeting,
      ...(input.location ? { location: input.location } : {}),
      preferences: input.preferences,
      status: 'active',
      startDate: ids.startDate,
      ...(input.schoolId ? { schoolId: input.schoolId } : {}),
    },
  };
}

/**
 * The arrangement with the admin's changes. `today` (London) is the end date when the change ends an active
 * arrangement; making an ended one active again removes its end date (its start date stays as it was).
 * Ending one already ended keeps the day it ended.
 */
export function applyArrangementChanges(a: Arrangement, changes: ArrangementChanges, today: IsoDate): Arrangement {
  const { location, ...rest } = changes;
  const out: Arrangement = { ...a, ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) };
  if (location !== undefined) {
    if (location === '') delete out.location;
    else out.location = location;
  }
  if (out.status === 'ended' && a.status !== 'ended') out.endDate = today;
  if (out.status === 'active') delete out.endDate;
  return out;
}

/** True when the arrangement plans sessions (as-required debriefs are booked by hand). */
export function isPlanned(a: Arrangement): boolean {
  return a.status === 'active' && a.cadence.kind !== 'as-required';
}

export { SUPERVISEE_ROLES, SUPERVISOR_ROLES };
