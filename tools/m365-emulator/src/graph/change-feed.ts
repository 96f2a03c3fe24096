import type { EventRecord, MailboxSyncRecord } from '../store/records.js';
import type { EmulatorState } from '../store/state.js';

export type ChangeType = 'created' | 'updated' | 'deleted';
export type ChangeListener = (event: EventRecord, changeType: ChangeType) => void;

/**
 * Outlook keeps delta sync state in a bounded cache: "after the cache capacity is exceeded, the
 * older delta tokens are deleted" (https://learn.microsoft.com/graph/delta-query-overview#token-duration).
 * Here a mailbox keeps this many deleted-event tombstones; a token older than the oldest one is gone (410).
 */
export const MAX_TOMBSTONES = 5_000;

/**
 * Every change to a stored event goes through here, whatever made it (a Graph call, a `$batch`,
 * an organiser's change reaching an attendee's copy, a response): it stamps the mailbox's change
 * counter on the event (calendar delta), keeps a tombstone for a deletion, and tells the listeners
 * (change notifications). Listeners must not block: they queue work for later.
 */
export class ChangeFeed {
  private readonly listeners: ChangeListener[] = [];

  constructor(private readonly state: EmulatorState) {}

  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  mailbox(mailboxId: string): MailboxSyncRecord {
    return this.state.mailboxSync.get(mailboxId) ?? { id: mailboxId, changeSeq: 0, deltaEpoch: 0, tombstones: [], tombstoneFloor: 0 };
  }

  /** Records a change already applied to the store (for `deleted`, the event as it was). */
  changed(event: EventRecord, changeType: ChangeType): void {
    const m = this.mailbox(event.mailboxId);
    m.changeSeq += 1;
    if (changeType === 'deleted') {
      m.tombstones.push({ id: event.id, seq: m.changeSeq });
      if (m.tombstones.length > MAX_TOMBSTONES) {
        const evicted = m.tombstones.splice(0, m.tombstones.length - MAX_TOMBSTONES);
        m.tombstoneFloor = evicted.at(-1)?.seq ?? m.tombstoneFloor;
      }
    } else {
      event.changeSeq = m.changeSeq;
      if (this.state.events.has(event.id)) this.state.events.set(event.id, event);
    }
    this.state.mailboxSync.set(m.id, m);
    for (const listener of this.listeners) listener(event, changeType);
  }

  /** Forgets every delta token handed out for the mailbox: the next call with one gets 410. */
  expireDeltaTokens(mailboxId: string): void {
    const m = this.mailbox(mailboxId);
    m.deltaEpoch += 1;
    this.state.mailboxSync.set(m.id, m);
  }
}
