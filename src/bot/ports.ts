// The ports the use cases work through, declared in one place. Adapters (src/bot/graph, src/bot/storage)
// implement them; compose.ts builds them; tests may pass fakes.

import type { Arrangement } from '../shared/arrangements/arrangement.js';
import type { SchoolCalendar } from '../shared/calendar/academic-year.js';
import type { IsoInstant } from '../shared/calendar/london-time.js';
import type { Session } from '../shared/sessions/session.js';
import type { BookingJob } from '../shared/booking/booking-job.js';

export type { CalendarPort, CalendarEvent, NewCalendarEvent, CreateResult, FreeBusy, EventChanges } from './graph/calendar.js';
export type { DirectoryPort, DirectoryUser } from './graph/directory.js';

/** The current time; the only place use cases read it. */
export interface Clock {
  now(): IsoInstant;
}

/** A stored value with the version (SharePoint eTag) an update must match. */
export interface Stored<T> {
  value: T;
  version: string;
}

export interface ArrangementRepository {
  list(): Promise<Stored<Arrangement>[]>;
  get(id: string): Promise<Stored<Arrangement> | undefined>;
  create(arrangement: Arrangement): Promise<Stored<Arrangement>>;
  /** Fails with a conflict when someone else changed it since `base` was read. */
  update(base: Stored<Arrangement>, next: Arrangement): Promise<Stored<Arrangement>>;
}

export interface SessionRepository {
  get(id: string): Promise<Stored<Session> | undefined>;
  listForArrangements(arrangementIds: readonly string[]): Promise<Stored<Session>[]>;
  /** Idempotent by session id: a session that exists is returned as it is. Results in input order. */
  createMany(sessions: readonly Session[]): Promise<(Stored<Session> | Error)[]>;
  update(base: Stored<Session>, next: Session): Promise<Stored<Session>>;
}

export interface SchoolCalendarRepository {
  get(): Promise<Stored<SchoolCalendar> | undefined>;
  /** Saves over `base` (or creates the first one); a conflict when someone saved meanwhile. */
  save(calendar: SchoolCalendar, base: Stored<SchoolCalendar> | undefined): Promise<Stored<SchoolCalendar>>;
}

export interface BookingJobRepository {
  create(job: BookingJob): Promise<Stored<BookingJob>>;
  get(id: string): Promise<Stored<BookingJob> | undefined>;
  update(base: Stored<BookingJob>, next: BookingJob): Promise<Stored<BookingJob>>;
  listUnfinished(): Promise<Stored<BookingJob>[]>;
}

export interface AuditEntry {
  actorId: string;
  /** What was done or tried: 'arrangement.create', 'session.postpone', … */
  action: string;
  targetId: string;
  outcome: 'done' | 'refused' | 'failed';
  /** Counts and codes only: never case detail. */
  detail?: string;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
}

/** Links into the tab for invitations and cards. */
export interface Links {
  session(sessionId: string): string;
}

/** Settings the use cases need from configuration. */
export interface AppSettings {
  /** The shared mailbox meetings may be booked in (SAFEGUARDING_MAILBOX). */
  safeguardingMailbox: string | undefined;
  /** School-wide scheduling settings (working hours, postponement working days…); defaults when empty. */
  scheduling: Partial<import('../shared/scheduling/scheduling-settings.js').SchedulingSettings>;
}

/** Every port; a use case takes the ones it needs (`Pick<AppPorts, …>`). */
export interface AppPorts {
  clock: Clock;
  audit: AuditLog;
  arrangements: ArrangementRepository;
  sessions: SessionRepository;
  schoolCalendar: SchoolCalendarRepository;
  bookingJobs: BookingJobRepository;
  calendar: import('./graph/calendar.js').CalendarPort;
  directory: import('./graph/directory.js').DirectoryPort;
  links: Links;
  settings: AppSettings;
}
