import type { IsoDate } from '../calendar/dates.js';
import type { IsoInstant } from '../calendar/london-time.js';
import type { Cadence } from '../policy/supervision-policy.js';

export const COMPLIANCE_RULES = [
  'overdue-cadence',
  'overdue-max-gap',
  'contract-by-third-session',
  'contract-review',
  'record-unsigned',
  'decision-not-on-case-system',
  'action-past-due',
] as const;
export type ComplianceRuleId = (typeof COMPLIANCE_RULES)[number];

export interface ComplianceFinding {
  rule: ComplianceRuleId;
  status: 'due-soon' | 'overdue';
  arrangementId: string;
  /** The session, record, decision or action the finding is about (the arrangement for frequency rules). */
  subjectId: string;
  /** An instant (UTC 'Z') for time-of-day deadlines, otherwise a date. */
  dueBy: IsoInstant | IsoDate;
  /** Plain words, no case detail. */
  message: string;
  // seed 000 "Entitlement", seed 003 §F: not supervised at the required frequency → the supervisor's manager.
  escalateTo?: 'supervisor-manager';
}

export interface SessionFacts {
  id: string;
  start: IsoInstant;
  end: IsoInstant;
  status: 'planned' | 'held' | 'cancelled';
  /** When the session was first booked for, before it was postponed or moved (`postponements[0].fromStart`); absent when never moved. */
  firstBookedStart?: IsoInstant;
}

export interface ArrangementFacts {
  id: string;
  cadence: Cadence;
  maxGapMonths: number;
  /** The day the arrangement began. */
  startDate: IsoDate;
  sessions: readonly SessionFacts[];
  contract?: { signedAt?: IsoInstant; lastReviewedAt?: IsoInstant };
}

export interface RecordFacts {
  id: string;
  arrangementId: string;
  sessionId: string;
  sessionDate: IsoDate;
  /** Supervisor and every supervisee. */
  signatories: readonly string[];
  signedBy: readonly string[];
}

export interface DecisionFacts {
  id: string;
  arrangementId: string;
  decidedAt: IsoInstant;
  confirmedOnCaseSystemAt?: IsoInstant;
}

export interface ActionFacts {
  id: string;
  arrangementId: string;
  dueDate: IsoDate;
  done: boolean;
}
