// Sessions: listSessions, getSession, listSessionAlternatives, postponeSession, cancelSession.
import * as z from 'zod/mini';
import type { Api } from '../authorised.js';

const postponementSchema = z.object({
  fromStart: z.string(),
  fromEnd: z.string(),
  toStart: z.string(),
  toEnd: z.string(),
  reason: z.string(),
  note: z.optional(z.string()),
  at: z.string(),
});
export type Postponement = z.infer<typeof postponementSchema>;

const namedSchema = z.object({ id: z.string(), displayName: z.string() });

export const sessionViewSchema = z.object({
  session: z.object({
    id: z.string(),
    arrangementId: z.string(),
    academicYear: z.string(),
    windowId: z.string(),
    windowLabel: z.string(),
    start: z.string(),
    end: z.string(),
    status: z.enum(['booked', 'cancelled', 'held']),
    postponements: z.array(postponementSchema),
    cancellation: z.optional(z.object({ reason: z.string(), at: z.string() })),
  }),
  arrangement: z.object({
    id: z.string(),
    format: z.enum(['individual', 'group']),
    durationMinutes: z.number(),
    supervisor: namedSchema,
    supervisees: z.array(namedSchema),
  }),
  myPart: z.enum(['supervisor', 'supervisee', 'oversight']),
  canPostpone: z.boolean(),
  canCancel: z.boolean(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

const windowSchema = z.object({ from: z.string(), deadline: z.string(), explanation: z.string() });
const alternativesSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('candidates'),
    window: windowSchema,
    candidates: z.array(
      z.object({
        slot: z.object({ start: z.string(), end: z.string(), date: z.string(), localStart: z.string(), localEnd: z.string() }),
        rank: z.number(),
        workingDaysLater: z.number(),
        reason: z.string(),
      }),
    ),
  }),
  z.object({ kind: z.literal('escalate'), window: windowSchema, reason: z.string() }),
]);
export type Alternatives = z.infer<typeof alternativesSchema>;

export const POSTPONEMENT_REASONS = ['illness', 'unavailable', 'school-event', 'clash', 'other'] as const;
export type PostponementReason = (typeof POSTPONEMENT_REASONS)[number];

export const listSessions = async (api: Api, scope: 'mine' | 'everyone', signal?: AbortSignal) =>
  (await api.get(`/api/sessions?scope=${scope}`, z.object({ sessions: z.array(sessionViewSchema) }), signal)).sessions;

const sessionPath = (id: string) => `/api/sessions/${encodeURIComponent(id)}`;

export const getSession = (api: Api, id: string, signal?: AbortSignal) => api.get(sessionPath(id), sessionViewSchema, signal);

export const listSessionAlternatives = (api: Api, id: string, signal?: AbortSignal) => api.get(`${sessionPath(id)}/alternatives`, alternativesSchema, signal);

export const postponeSession = (api: Api, id: string, request: { start: string; reason: PostponementReason; note?: string; fromStart?: string }) =>
  api.send('POST', `${sessionPath(id)}/postpone`, request, sessionViewSchema);

export const cancelSession = (api: Api, id: string, reason: string) => api.send('POST', `${sessionPath(id)}/cancel`, { reason }, sessionViewSchema);
