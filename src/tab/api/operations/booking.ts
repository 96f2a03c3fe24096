// Booking the year: previewBooking, startBooking, getBookingJob.
import * as z from 'zod/mini';
import type { Api } from '../authorised.js';

export const PROPOSAL_STATUSES = ['proposed', 'moved', 'already-booked', 'no-slot', 'past'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

const proposedSessionSchema = z.object({
  sessionId: z.string(),
  windowId: z.string(),
  windowLabel: z.string(),
  status: z.enum(PROPOSAL_STATUSES),
  start: z.optional(z.string()),
  end: z.optional(z.string()),
  reason: z.string(),
  setAside: z.array(z.string()),
});
export type ProposedSession = z.infer<typeof proposedSessionSchema>;

const previewSchema = z.object({
  academicYear: z.string(),
  arrangements: z.array(z.object({ arrangementId: z.string(), title: z.string(), format: z.string(), durationMinutes: z.number(), sessions: z.array(proposedSessionSchema) })),
  refusedMoves: z.array(z.object({ arrangementId: z.string(), windowId: z.string(), message: z.string() })),
  totals: z.object({ toBook: z.number(), alreadyBooked: z.number(), noSlot: z.number() }),
});
export type BookingPreview = z.infer<typeof previewSchema>;

const jobSchema = z.object({
  id: z.string(),
  academicYear: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  total: z.number(),
  booked: z.number(),
  alreadyBooked: z.number(),
  failed: z.array(z.object({ sessionId: z.string(), arrangementId: z.string(), windowLabel: z.string(), reason: z.string(), retry: z.optional(z.boolean()) })),
  error: z.optional(z.string()),
});
export type BookingJob = z.infer<typeof jobSchema>;

export interface Move {
  readonly arrangementId: string;
  readonly windowId: string;
  /** UTC instant. */
  readonly start: string;
}

export interface BookingRequest {
  readonly academicYear: string;
  /** Leave out for every arrangement. */
  readonly arrangementIds?: readonly string[];
  readonly moves?: readonly Move[];
}

export const previewBooking = (api: Api, request: BookingRequest, signal?: AbortSignal) => api.send('POST', '/api/booking/preview', request, previewSchema, signal);

export const startBooking = (api: Api, request: BookingRequest) => api.send('POST', '/api/booking/jobs', request, jobSchema);

export const getBookingJob = (api: Api, id: string, signal?: AbortSignal) => api.get(`/api/booking/jobs/${encodeURIComponent(id)}`, jobSchema, signal);
