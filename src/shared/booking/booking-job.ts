import { z } from 'zod';
import { isIsoInstant } from '../calendar/london-time.js';

const instant = z.string().refine(isIsoInstant, { message: 'expected a UTC instant that exists' });

export const moveSchema = z.object({ arrangementId: z.string().min(1), windowId: z.string().min(1), start: instant }).strict();

export const failedBookingSchema = z.object({
  sessionId: z.string(),
  arrangementId: z.string(),
  windowLabel: z.string(),
  /** Plain words; no case detail. */
  reason: z.string(),
  /** false when booking again cannot help (its arrangement has ended): "Retry the failed ones" leaves it out. */
  retry: z.boolean().optional(),
});
export type FailedBooking = z.infer<typeof failedBookingSchema>;

/**
 * Booking a year runs in the background. The job is stored, so a server stopped mid-way resumes it
 * after restart; every step is idempotent, so resuming books nothing twice.
 */
export const bookingJobSchema = z.object({
  id: z.string(),
  academicYear: z.string(),
  arrangementIds: z.array(z.string()),
  moves: z.array(moveSchema),
  requestedById: z.string(),
  createdAt: instant,
  state: z.enum(['running', 'done', 'failed']),
  total: z.number().int().min(0),
  booked: z.number().int().min(0),
  alreadyBooked: z.number().int().min(0),
  failed: z.array(failedBookingSchema),
  finishedAt: instant.optional(),
  /** Why the whole job stopped (state 'failed'). */
  error: z.string().optional(),
});
export type BookingJob = z.infer<typeof bookingJobSchema>;

/** At most this many failures are kept with their reasons (the count is always whole). */
export const MAX_FAILURES_KEPT = 200;
