// Arrangements and people: listArrangements, createArrangement, updateArrangement, searchPeople.
import * as z from 'zod/mini';
import type { Api } from '../authorised.js';

const optionalText = () => z.optional(z.nullable(z.string()));

export const personSchema = z.object({ id: z.string(), displayName: z.string(), jobTitle: optionalText(), mail: optionalText() });
export type Person = z.infer<typeof personSchema>;

const partySchema = z.object({ id: z.string(), displayName: z.string(), mail: z.optional(z.string()), role: z.string() });

export const cadenceSchema = z.object({
  kind: z.enum(['half-termly', 'termly', 'every-n-weeks', 'monthly', 'as-required']),
  weeks: z.optional(z.number()),
});
export type Cadence = z.infer<typeof cadenceSchema>;

export const arrangementSchema = z.object({
  id: z.string(),
  supervisor: partySchema,
  supervisees: z.array(partySchema),
  format: z.enum(['individual', 'group']),
  cadence: cadenceSchema,
  durationMinutes: z.number(),
  maxGapMonths: z.number(),
  organiser: z.enum(['supervisor', 'safeguarding-mailbox']),
  teamsMeeting: z.boolean(),
  location: z.optional(z.string()),
  preferences: z.looseObject({ days: z.optional(z.array(z.number())) }),
  status: z.enum(['active', 'ended']),
  startDate: z.string(),
  /** One of the trust's schools (listSchools); absent: the first school. */
  schoolId: z.optional(z.string()),
});
export type Arrangement = z.infer<typeof arrangementSchema>;

/** The body of createArrangement (src/shared/arrangements/new-arrangement.ts arrangementInputSchema). */
export interface ArrangementInput {
  supervisorId: string;
  supervisorRole: string;
  supervisees: { id: string; role: string }[];
  cadence?: Cadence;
  durationMinutes?: number;
  maxGapMonths?: number;
  organiser: 'supervisor' | 'safeguarding-mailbox';
  teamsMeeting: boolean;
  location?: string;
  preferences: { days?: number[] };
  schoolId?: string;
}

/** The body of updateArrangement (arrangementChangesSchema). */
export interface ArrangementChanges {
  cadence?: Cadence;
  durationMinutes?: number;
  maxGapMonths?: number;
  status?: 'active' | 'ended';
  schoolId?: string;
}

export const listArrangements = async (api: Api, signal?: AbortSignal) =>
  (await api.get('/api/arrangements', z.object({ arrangements: z.array(arrangementSchema) }), signal)).arrangements;

export const createArrangement = (api: Api, input: ArrangementInput) => api.send('POST', '/api/arrangements', input, arrangementSchema);

export const updateArrangement = (api: Api, id: string, changes: ArrangementChanges) =>
  api.send('PATCH', `/api/arrangements/${encodeURIComponent(id)}`, changes, arrangementSchema);

export const searchPeople = async (api: Api, query: string, signal?: AbortSignal) =>
  (await api.get(`/api/people?q=${encodeURIComponent(query)}`, z.object({ people: z.array(personSchema) }), signal)).people;
