/** Stored shapes. Times are ISO instants in UTC. */

export interface EmailAddress {
  name: string;
  address: string;
}

export interface AttendeeRecord {
  emailAddress: EmailAddress;
  type: 'required' | 'optional' | 'resource';
  status: { response: string; time: string };
}

export interface EventRecord {
  id: string;
  /** Mailbox owner (user id) whose calendar holds this copy. */
  mailboxId: string;
  iCalUId: string;
  isOrganizer: boolean;
  organizer: EmailAddress;
  subject: string;
  body: { contentType: 'text' | 'html'; content: string };
  startUtc: string;
  endUtc: string;
  /** The time zone the organizer gave; responses are in UTC unless asked otherwise. */
  originalStartTimeZone: string;
  originalEndTimeZone: string;
  location: string;
  attendees: AttendeeRecord[];
  showAs: 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';
  isCancelled: boolean;
  responseStatus: { response: string; time: string };
  transactionId?: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  changeKey: string;
  /** Bumped on every change, for ordering. */
  sequence: number;
  /** The mailbox's change counter when this copy last changed (delta and change notifications); absent on events stored before it existed. */
  changeSeq?: number;
}

/** A Graph change-notification subscription (https://learn.microsoft.com/graph/api/resources/subscription). */
export interface SubscriptionRecord {
  id: string;
  /** As the client sent it, e.g. `users/{id}/events`. */
  resource: string;
  /** The user id the resource names (resolved from an id or UPN). */
  mailboxId: string;
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  expirationDateTime: string;
  clientState: string | null;
  applicationId: string;
  creatorId: string;
  latestSupportedTlsVersion: string;
}

/** Per-mailbox change tracking: the change counter, deleted events (for delta `@removed`) and the delta token generation. */
export interface MailboxSyncRecord {
  id: string;
  changeSeq: number;
  /** Bumped to expire every delta token handed out for this mailbox. */
  deltaEpoch: number;
  tombstones: { id: string; seq: number }[];
  /** Tombstones at or below this counter were evicted: older delta tokens are gone (Outlook's bounded sync-state cache). */
  tombstoneFloor: number;
}

export interface SiteRecord {
  id: string;
  name: string;
  displayName: string;
  path: string;
  createdDateTime: string;
  grants: { appId: string; roles: ('read' | 'write')[] }[];
}

export type ColumnType = 'text' | 'note' | 'number' | 'dateTime' | 'boolean' | 'choice';

export interface ColumnRecord {
  id: string;
  name: string;
  displayName: string;
  type: ColumnType;
  indexed: boolean;
  enforceUniqueValues: boolean;
  required: boolean;
  readOnly: boolean;
  choices?: string[];
}

export interface ItemRecord {
  id: string;
  /** GUID part of the eTag; the version follows it. */
  uniqueId: string;
  version: number;
  createdDateTime: string;
  lastModifiedDateTime: string;
  createdByAppId: string;
  fields: Record<string, unknown>;
}

export interface ListRecord {
  id: string;
  siteId: string;
  name: string;
  displayName: string;
  description: string;
  template: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  columns: ColumnRecord[];
  items: ItemRecord[];
  nextItemId: number;
}
