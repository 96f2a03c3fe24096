// Response shapes for the OpenAPI document (requests are validated with the schemas in src/shared).
import { z } from 'zod';
import { APP_ROLES } from '../../../shared/access/app-roles.js';
import { arrangementSchema } from '../../../shared/arrangements/arrangement.js';
import { bookingJobSchema } from '../../../shared/booking/booking-job.js';
import { schoolCalendarSchema, academicYearSchema } from '../../../shared/calendar/calendar-schema.js';
import { sessionSchema } from '../../../shared/sessions/session.js';

export const apiErrorSchema = z
  .object({
    error: z.string().meta({ description: 'A stable code, e.g. invalid_request, forbidden, session_not_found.' }),
    message: z.string().meta({ description: 'What went wrong and what to do, in plain words.' }),
    field: z.string().optional().meta({ description: 'The input field to fix, e.g. supervisees[0].role.' }),
    issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'ApiError' });

export const personSchema = z
  .object({
    id: z.string(),
    displayName: z.string(),
    jobTitle: z.string().optional(),
    mail: z.string().optional(),
    department: z.string().optional(),
    userPrincipalName: z.string().optional(),
  })
  .meta({ id: 'Person' });

export const meResponse = personSchema.extend({ roles: z.array(z.enum(APP_ROLES)) }).meta({ id: 'Me' });

export const schoolYearResponse = z
  .object({ calendar: schoolCalendarSchema, source: z.enum(['default', 'saved']), version: z.string(), warnings: z.array(z.string()) })
  .meta({ id: 'SchoolYear' });

export const icsPreviewResponse = z
  .object({ year: academicYearSchema, notes: z.array(z.string()), issues: z.array(z.object({ field: z.string(), message: z.string() })) })
  .meta({ id: 'IcsPreview' });

export const arrangementResponse = arrangementSchema.meta({ id: 'Arrangement' });

const proposedSession = z.object({
  sessionId: z.string(),
  windowId: z.string(),
  windowLabel: z.string(),
  status: z.enum(['proposed', 'moved', 'already-booked', 'no-slot', 'past']),
  start: z.string().optional(),
  end: z.string().optional(),
  reason: z.string(),
  setAside: z.array(z.string()),
});

export const bookingPreviewResponse = z
  .object({
    academicYear: z.string(),
    arrangements: z.array(z.object({ arrangementId: z.string(), title: z.string(), format: z.string(), durationMinutes: z.number(), sessions: z.array(proposedSession) })),
    refusedMoves: z.array(z.object({ arrangementId: z.string(), windowId: z.string(), message: z.string() })),
    totals: z.object({ toBook: z.number(), alreadyBooked: z.number(), noSlot: z.number() }),
  })
  .meta({ id: 'BookingPreview' });

export const bookingJobResponse = bookingJobSchema.meta({ id: 'BookingJob' });

export const sessionViewSchema = z
  .object({
    session: sessionSchema,
    arrangement: z.object({
      id: z.string(),
      format: z.enum(['individual', 'group']),
      durationMinutes: z.number(),
      supervisor: z.object({ id: z.string(), displayName: z.string() }),
      supervisees: z.array(z.object({ id: z.string(), displayName: z.string() })),
    }),
    myPart: z.enum(['supervisor', 'supervisee', 'oversight']),
    canPostpone: z.boolean(),
    canCancel: z.boolean(),
  })
  .meta({ id: 'SessionView' });

const slot = z.object({ start: z.string(), end: z.string(), date: z.string(), localStart: z.string(), localEnd: z.string() });
const window = z.object({ from: z.string(), deadline: z.string(), explanation: z.string() });
export const alternativesResponse = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('candidates'), window, candidates: z.array(z.object({ slot, rank: z.number(), workingDaysLater: z.number(), reason: z.string() })) }),
    z.object({ kind: z.literal('escalate'), window, reason: z.string() }),
  ])
  .meta({ id: 'SessionAlternatives' });
