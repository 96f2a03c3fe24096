import { bookingJobSchema, type BookingJob } from '../../shared/booking/booking-job.js';
import type { RecordStorePort } from '../graph/record-store.js';
import type { BookingJobRepository } from '../ports.js';
import { jsonItems } from './json-items.js';

export const BOOKING_JOBS_LIST = 'BookingJobs';

export function createBookingJobRepository(store: RecordStorePort): BookingJobRepository {
  const items = jsonItems(store, BOOKING_JOBS_LIST, bookingJobSchema, (j: BookingJob) => ({
    Title: `Booking ${j.academicYear}`,
    State: j.state,
    AcademicYear: j.academicYear,
    RequestedById: j.requestedById,
  }));
  return {
    create: (job) => items.create(job.id, job),
    get: (id) => items.byKey(id),
    update: (base, next) => items.update(base, next),
    listUnfinished: () => items.where({ State: 'running' }),
  };
}
