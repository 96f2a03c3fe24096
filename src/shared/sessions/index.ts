export {
  sessionSchema,
  postponementSchema,
  POSTPONEMENT_REASONS,
  POSTPONEMENT_REASON_TEXT,
  SESSION_SUBJECT,
  sessionId,
  meetingTransactionId,
  meetingBodyHtml,
  type Session,
  type Postponement,
  type PostponementReason,
} from './session.js';
export { arrangementFacts } from './session-facts.js';
