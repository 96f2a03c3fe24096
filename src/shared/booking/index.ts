export {
  planBooking,
  sessionsToBook,
  type BookingPlan,
  type BookingPlanRequest,
  type ArrangementPlan,
  type ProposedSession,
  type ProposalStatus,
  type MoveRefusal,
} from './plan-booking.js';
export { checkMove, type Move, type MoveVerdict } from './check-move.js';
export { bookingJobSchema, moveSchema, failedBookingSchema, MAX_FAILURES_KEPT, type BookingJob, type FailedBooking } from './booking-job.js';
