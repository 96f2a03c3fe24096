import { z } from 'zod';
import { moveSchema } from '../../../shared/booking/booking-job.js';
import { operation, type Operation } from '../api/operation.js';
import { bookingJobResponse, bookingPreviewResponse } from '../api/schemas.js';
import { reply } from './reply.js';

const ADMIN_OR_LEAD = 'Safeguarding admin or designated safeguarding lead.';

const bookingRequest = z
  .object({
    academicYear: z.string().regex(/^\d{4}\/\d{2}$/, 'an academic year such as 2026/27'),
    arrangementIds: z.array(z.string().min(1).max(100)).min(1, 'choose at least one arrangement, or leave this out for all').max(5000).optional(),
    moves: z.array(moveSchema).max(5000).optional(),
  })
  .strict()
  .meta({ id: 'BookingRequest' });

export const bookingOperations: Operation[] = [
  operation({
    operationId: 'previewBooking',
    method: 'post',
    path: '/booking/preview',
    summary: "Proposed dates for the year per arrangement, with the planner's reason for each, clashes read from Outlook free/busy; moved dates are checked again.",
    access: ADMIN_OR_LEAD,
    body: bookingRequest,
    success: { status: 200, description: 'The proposal.', schema: bookingPreviewResponse },
    handle: async ({ caller, body, useCases }) => reply(await useCases.previewBooking({ caller, request: body })),
  }),
  operation({
    operationId: 'startBooking',
    method: 'post',
    path: '/booking/jobs',
    summary: 'Books the year in Outlook as a background job (meeting requests to every party). Idempotent: sessions already booked are not booked again.',
    access: ADMIN_OR_LEAD,
    body: bookingRequest,
    success: { status: 202, description: 'The job has started; follow its Location.', schema: bookingJobResponse },
    handle: async ({ caller, body, useCases }) =>
      reply(await useCases.startBooking({ caller, request: body }), (job) => ({ headers: { Location: `/api/booking/jobs/${encodeURIComponent(job.id)}` } })),
  }),
  operation({
    operationId: 'getBookingJob',
    method: 'get',
    path: '/booking/jobs/{jobId}',
    summary: 'A booking job: running, done or failed, with booked, already booked and failed (each with a reason).',
    access: ADMIN_OR_LEAD,
    params: z.object({ jobId: z.string().min(1).max(100) }),
    success: { status: 200, description: 'The job.', schema: bookingJobResponse },
    handle: async ({ caller, params, useCases }) => reply(await useCases.getBookingJob({ caller, jobId: params.jobId })),
  }),
];
