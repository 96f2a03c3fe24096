import type { Operation } from '../api/operation.js';
import { agendaOperations } from './agenda.js';
import { arrangementOperations } from './arrangements.js';
import { bookingOperations } from './booking.js';
import { complianceOperations } from './compliance.js';
import { meOperations } from './me.js';
import { evidenceOperations } from './evidence.js';
import { recordOperations } from './records.js';
import { reminderOperations } from './reminders.js';
import { schoolYearOperations } from './school-year.js';
import { schoolOperations } from './schools.js';
import { sessionOperations } from './sessions.js';

/** Every REST operation under /api (the OpenAPI document lists exactly these). */
export const API_OPERATIONS: readonly Operation[] = [
  ...meOperations,
  ...schoolYearOperations,
  ...arrangementOperations,
  ...bookingOperations,
  ...sessionOperations,
  ...agendaOperations,
  ...reminderOperations,
  ...recordOperations,
  ...evidenceOperations,
  ...complianceOperations,
  ...schoolOperations,
];
