// The ports the use cases work through, declared in one place. Adapters (src/bot/graph, src/bot/storage)
// implement them; compose.ts builds them; tests may pass fakes.

import type { Arrangement } from '../shared/arrangements/arrangement.js';
import type { SchoolCalendar } from '../shared/calendar/academic-year.js';
import type { IsoInstant } from '../shared/calendar/london-time.js';
import type { Session } from '../shared/sessions/session.js';
import type { BookingJob } from '../shared/booking/booking-job.js';
import type { AgendaItem, AgendaSection } from '../shared/agenda/agenda.js';
import type { AdaptiveCard } from '@microsoft/teams.cards';
import type { RecordVersion } from '../shared/records/record.js';
import type { DecisionRecord } from '../shared/records/decision-record.js';
import type { AuditorGrant } from '../shared/records/auditor-grant.js';
import type { Question } from '../shared/records/templates.js';
import type { SchoolEntry } from '../shared/schools/schools.js';

export type { CalendarPort, CalendarEvent, NewCalendarEvent, CreateResult, FreeBusy, EventChanges } from './graph/calendar.js';
export type { DirectoryPort, DirectoryUser } from './graph/directory.js';
export type { ComplianceSnapshot } from './read-model/compliance-projection.js';

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
  /** Booked sessions that start in [fromUtc, toUtc). */
  listBookedStartingBetween(fromUtc: IsoInstant, toUtc: IsoInstant): Promise<Stored<Session>[]>;
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
  record(recordId: string, version?: number): string;
  /** A page of the tab by its path ('/', '/compliance'). */
  page(path: `/${string}`): string;
}

/** Settings the use cases need from configuration. */
export interface AppSettings {
  /** The shared mailbox meetings may be booked in (SAFEGUARDING_MAILBOX). */
  safeguardingMailbox: string | undefined;
  /** School-wide scheduling settings (working hours, postponement working days…); defaults when empty. */
  scheduling: Partial<import('../shared/scheduling/scheduling-settings.js').SchedulingSettings>;
  /** The school's agenda sections; the default template when absent. */
  agendaTemplate?: readonly AgendaSection[];
  /** Working days before a session that each participant gets a reminder (default 2). */
  reminderWorkingDays?: number;
  /** Safeguarding admins who get a card when a postponed session has no time to move to (Entra object ids). */
  safeguardingAdminIds?: readonly string[];
  /** The template chosen for each kind of record (templates.ts ids); the defaults when absent. */
  recordTemplates?: Partial<Record<import('../shared/records/record.js').RecordKind, string>>;
  /** The school's own questions added to a template, by template id. */
  extraQuestions?: Readonly<Record<string, readonly Question[]>>;
  /** Who gets the weekly supervision digest (the DSL; Entra object ids). */
  digestRecipientIds?: readonly string[];
  /** This server process, for reminder claims. */
  instanceId?: string;
}

/** An agenda item as stored: removing one keeps it, marked, so the history is not lost. */
/** `removedByRequest`: the Teams message ("remove 2") that removed it, so a repeat of that message removes nothing more. */
export type StoredAgendaItem = AgendaItem & { removedAt?: IsoInstant; removedById?: string; removedByRequest?: string };

export interface AgendaItemRepository {
  /** The session's items that have not been removed. */
  listForSession(sessionId: string): Promise<Stored<StoredAgendaItem>[]>;
  /** The session's items, removed ones too. */
  listAllForSession(sessionId: string): Promise<Stored<StoredAgendaItem>[]>;
  get(itemId: string): Promise<Stored<StoredAgendaItem> | undefined>;
  create(item: StoredAgendaItem): Promise<Stored<StoredAgendaItem>>;
  update(base: Stored<StoredAgendaItem>, next: StoredAgendaItem): Promise<Stored<StoredAgendaItem>>;
}

/** Where the bot can reach a person: their personal chat with the app (saved on install or when they write). */
export interface ConversationRef {
  userId: string;
  conversationId: string;
  serviceUrl: string;
  tenantId?: string | undefined;
}

export interface ConversationRepository {
  /** The person's saved conversation, unless they uninstalled the app or Teams refused the bot. */
  get(userId: string): Promise<ConversationRef | undefined>;
  save(ref: ConversationRef): Promise<void>;
  forget(userId: string): Promise<void>;
}

/** A card the bot posted, kept so it can be updated in place when the agenda changes. */
export interface PostedCard {
  /** The session the card is about; for a signature card, the record's id and version ('<record>#v2'); for a decision reminder, the decision's id. */
  sessionId: string;
  userId: string;
  kind: 'agenda' | 'reminder' | 'signature' | 'decision';
  conversation: ConversationRef;
  activityId: string;
  postedAt: IsoInstant;
}

export interface PostedCardRepository {
  /** Keeps the card as this person's card of its kind for the session (replacing the one posted before it). */
  add(card: PostedCard): Promise<void>;
  listForSession(sessionId: string): Promise<PostedCard[]>;
}

/** Who sends one participant's reminder for one session time: the first to create the claim. */
export interface ReminderClaim {
  key: string;
  sessionId: string;
  userId: string;
  sessionStart: IsoInstant;
  /** 'failed': the send failed and the claim was released, so any server may claim it again. */
  state: 'claimed' | 'sent' | 'unreachable' | 'failed';
  /** The server process that made the claim. */
  claimant: string;
  claimedAt: IsoInstant;
  sentAt?: IsoInstant | undefined;
}

export interface ReminderClaimRepository {
  /** Every claim made for the session's reminders. */
  listForSession(sessionId: string): Promise<Stored<ReminderClaim>[]>;
  /** Creates the claim, or finds the one already there; `mine` says whether the stored claim is this one. */
  claim(claim: ReminderClaim): Promise<{ stored: Stored<ReminderClaim>; mine: boolean }>;
  update(base: Stored<ReminderClaim>, next: ReminderClaim): Promise<Stored<ReminderClaim>>;
}

/** Teams said the bot can no longer write to this conversation (uninstalled, blocked: 403 or 404). */
export class UnreachableError extends Error {
  constructor(readonly status: number) {
    super(`Teams refused the message (HTTP ${status}).`);
    this.name = 'UnreachableError';
  }
}

/** Sends and updates cards in Teams conversations. */
export interface Messenger {
  /** Posts a card; the new message's activity id. Throws UnreachableError when the bot may not write there. */
  post(to: ConversationRef, card: AdaptiveCard): Promise<string>;
  /** Replaces a posted card in place. Throws UnreachableError when the message or conversation is gone. */
  update(to: ConversationRef, activityId: string, card: AdaptiveCard): Promise<void>;
}

/**
 * Work that follows a change but need not hold up the answer (updating cards already posted). Tasks with
 * the same key run one after another, in order, so the last one leaves the latest state.
 */
export interface Afterwards {
  run(key: string, task: () => Promise<unknown>): void;
}

export interface RecordRepository {
  /** Every stored version of the record, oldest first. */
  listVersions(recordId: string): Promise<Stored<RecordVersion>[]>;
  /** The latest version of each record of the session. */
  listForSession(sessionId: string): Promise<Stored<RecordVersion>[]>;
  /** The latest version of each record of these arrangements (contracts included). */
  listForArrangements(arrangementIds: readonly string[]): Promise<Stored<RecordVersion>[]>;
  /** Idempotent by record id and version: a version that exists is returned as it is. */
  create(version: RecordVersion): Promise<Stored<RecordVersion>>;
  update(base: Stored<RecordVersion>, next: RecordVersion): Promise<Stored<RecordVersion>>;
}

export interface DecisionRepository {
  get(id: string): Promise<Stored<DecisionRecord> | undefined>;
  listForSession(sessionId: string): Promise<Stored<DecisionRecord>[]>;
  /** Decisions not yet confirmed as entered on the child's case record. */
  listUnconfirmed(): Promise<Stored<DecisionRecord>[]>;
  create(decision: DecisionRecord): Promise<Stored<DecisionRecord>>;
  update(base: Stored<DecisionRecord>, next: DecisionRecord): Promise<Stored<DecisionRecord>>;
}

export interface AuditorGrantRepository {
  /** Every grant ever made (a school has few). */
  list(): Promise<Stored<AuditorGrant>[]>;
  listForAuditor(auditorId: string): Promise<Stored<AuditorGrant>[]>;
  create(grant: AuditorGrant): Promise<Stored<AuditorGrant>>;
  update(base: Stored<AuditorGrant>, next: AuditorGrant): Promise<Stored<AuditorGrant>>;
}

/**
 * The compliance read model (src/bot/read-model, docs/read-model.md): the dashboard reads it, not the
 * lists, and so do the bot's chat lookups (a person's next sessions, the actions open from last time).
 */
export interface ComplianceReadModel {
  snapshot(): Promise<import('./read-model/compliance-projection.js').ComplianceSnapshot>;
  /** One arrangement with its sessions, records and decisions; undefined when there is no such arrangement. */
  arrangementData(id: string): Promise<import('./read-model/compliance-projection.js').ArrangementData | undefined>;
}

/** The trust's schools, one list item each; a removed school stays, marked, so its id is never reused. */
export interface SchoolRepository {
  /** Every school item, removed ones included. */
  list(): Promise<Stored<SchoolEntry>[]>;
  /** Idempotent by school id: a school that exists is returned as it is. */
  create(entry: SchoolEntry): Promise<Stored<SchoolEntry>>;
  update(base: Stored<SchoolEntry>, next: SchoolEntry): Promise<Stored<SchoolEntry>>;
}

/** What the app keeps per mailbox that sessions are booked in, to hear about changes made in Outlook. */
export interface MailboxSync {
  mailbox: string;
  /** The Graph change-notification subscription for the mailbox's events, while there is one. */
  subscriptionId?: string | undefined;
  /** The secret every notification for that subscription must carry (checked before anything is done). */
  clientState?: string | undefined;
  subscriptionExpiresAt?: IsoInstant | undefined;
  /** Where the next calendar delta starts; absent: read the mailbox's calendar in full. */
  deltaLink?: string | undefined;
  /** The end of that delta's window (fixed when it started); absent: unknown, so a new delta is started. */
  deltaWindowEnd?: IsoInstant | undefined;
  lastSyncAt?: IsoInstant | undefined;
}

export interface MailboxSyncRepository {
  get(mailbox: string): Promise<Stored<MailboxSync> | undefined>;
  create(sync: MailboxSync): Promise<Stored<MailboxSync>>;
  update(base: Stored<MailboxSync>, next: MailboxSync): Promise<Stored<MailboxSync>>;
  /** Every mailbox's item (one per organiser mailbox: a short list). */
  list(): Promise<Stored<MailboxSync>[]>;
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
  agendaItems: AgendaItemRepository;
  conversations: ConversationRepository;
  postedCards: PostedCardRepository;
  reminderClaims: ReminderClaimRepository;
  messenger: Messenger;
  afterwards: Afterwards;
  records: RecordRepository;
  decisions: DecisionRepository;
  auditorGrants: AuditorGrantRepository;
  compliance: ComplianceReadModel;
  schools: SchoolRepository;
  calendarChanges: import('./graph/calendar-changes.js').CalendarChangesPort;
  mailboxSync: MailboxSyncRepository;
}
