import type { ListSpec } from '../graph/list-schema.js';

/**
 * The SharePoint lists on the restricted safeguarding site (docs/architecture.md; docs/deploy.md step 4).
 * Columns that the app filters on are indexed. Personal records hold a child's name or reference,
 * never case detail, outside the Records content (seed 003 record template; docs/rules.md).
 */
export const SAFEGUARDING_LISTS: readonly ListSpec[] = [
  {
    name: 'Arrangements',
    columns: [
      { name: 'SupervisorId', kind: 'text', indexed: true, required: true },
      { name: 'PartyIds', kind: 'note' },
      { name: 'Format', kind: 'text' },
      { name: 'Status', kind: 'text', indexed: true },
      { name: 'ValueJson', kind: 'note' },
    ],
  },
  {
    name: 'Sessions',
    columns: [
      { name: 'ArrangementId', kind: 'text', indexed: true, required: true },
      { name: 'AcademicYear', kind: 'text', indexed: true },
      { name: 'StartUtc', kind: 'dateTime', indexed: true },
      { name: 'EndUtc', kind: 'dateTime' },
      { name: 'Status', kind: 'text', indexed: true },
      { name: 'EventId', kind: 'text' },
      { name: 'ICalUId', kind: 'text' },
      { name: 'ValueJson', kind: 'note' },
    ],
  },
  {
    name: 'BookingJobs',
    columns: [
      { name: 'State', kind: 'text', indexed: true, required: true },
      { name: 'AcademicYear', kind: 'text' },
      { name: 'RequestedById', kind: 'text' },
      { name: 'ValueJson', kind: 'note' },
    ],
  },
  {
    name: 'AgendaItems',
    columns: [
      { name: 'SessionId', kind: 'text', indexed: true, required: true },
      { name: 'AddedById', kind: 'text' },
      { name: 'ValueJson', kind: 'note' },
    ],
  },
  {
    // Each agenda or reminder card the bot posted, so a change to the agenda updates it in place.
    name: 'PostedCards',
    columns: [
      { name: 'SessionId', kind: 'text', indexed: true, required: true },
      { name: 'UserId', kind: 'text' },
      { name: 'ValueJson', kind: 'note' },
    ],
  },
  {
    // One item per participant per session time: whoever creates it sends the reminder (IdempotencyKey is unique).
    name: 'ReminderClaims',
    columns: [
      { name: 'SessionId', kind: 'text', indexed: true, required: true },
      { name: 'State', kind: 'text', indexed: true },
      { name: 'ValueJson', kind: 'note' },
    ],
  },
  {
    // One item per version of a record; ValueJson holds the version (content, fingerprint, signatures).
    name: 'Records',
    columns: [
      { name: 'RecordId', kind: 'text', indexed: true, required: true },
      { name: 'SessionId', kind: 'text', indexed: true },
      { name: 'ArrangementId', kind: 'text', indexed: true },
      { name: 'Kind', kind: 'text' },
      { name: 'Version', kind: 'number' },
      { name: 'State', kind: 'text', indexed: true },
      { name: 'ContentSha256', kind: 'text' },
      { name: 'ValueJson', kind: 'note' },
    ],
  },
  {
    // Decisions about a child (seed 003 Appendix 3); the child's reference stays inside ValueJson.
    name: 'CaseDecisions',
    columns: [
      { name: 'SessionId', kind: 'text', indexed: true, required: true },
      { name: 'ArrangementId', kind: 'text', indexed: true },
      { name: 'Confirmed', kind: 'boolean', indexed: true },
      { name: 'DecidedUtc', kind: 'dateTime' },
      { name: 'ValueJson', kind: 'note' },
    ],
  },
  {
    // Time-limited read access the DSL gives an auditor (seed 001 "Confidentiality and Access").
    name: 'AuditorGrants',
    columns: [
      { name: 'AuditorId', kind: 'text', indexed: true, required: true },
      { name: 'ExpiresUtc', kind: 'dateTime' },
      { name: 'ValueJson', kind: 'note' },
    ],
  },
  {
    // The trust's schools (one item each; a removed school is marked, never deleted). Title is the name.
    name: 'Schools',
    columns: [
      { name: 'Name', kind: 'text', required: true },
      { name: 'Position', kind: 'number' },
      { name: 'Removed', kind: 'boolean', indexed: true },
      { name: 'ValueJson', kind: 'note' },
    ],
  },
  {
    // One item per mailbox sessions are booked in: its Graph subscription (with the clientState secret
    // that notifications must carry) and its calendar delta link. No case detail.
    name: 'MailboxSync',
    columns: [
      { name: 'Mailbox', kind: 'text', indexed: true, required: true },
      { name: 'SubscriptionId', kind: 'text', indexed: true },
      { name: 'ValueJson', kind: 'note' },
    ],
  },
  {
    name: 'AuditLog',
    columns: [
      { name: 'ActorId', kind: 'text', indexed: true, required: true },
      { name: 'Action', kind: 'text' },
      { name: 'TargetId', kind: 'text', indexed: true },
      { name: 'Outcome', kind: 'text' },
      { name: 'Detail', kind: 'text' },
      { name: 'AtUtc', kind: 'dateTime', indexed: true },
    ],
  },
  {
    name: 'ConversationReferences',
    columns: [
      { name: 'UserId', kind: 'text', indexed: true, required: true },
      { name: 'Active', kind: 'boolean', indexed: true },
      { name: 'ValueJson', kind: 'note' },
    ],
  },
  {
    name: 'Settings',
    columns: [
      { name: 'Key', kind: 'text', indexed: true, required: true },
      { name: 'ValueJson', kind: 'note' },
    ],
  },
];
