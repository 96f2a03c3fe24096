import type { EmulatorContext } from '../context.js';
import type { EventRecord } from '../store/records.js';

/** In-memory indexes over the durable events collection (rebuilt on start). */
export class EventIndex {
  private readonly byTransaction = new Map<string, string>();
  private readonly byICalUId = new Map<string, Set<string>>();

  constructor(private readonly ctx: EmulatorContext) {
    for (const e of ctx.state.events.values()) this.add(e);
  }

  add(e: EventRecord): void {
    if (e.transactionId && e.isOrganizer) this.byTransaction.set(txKey(e.mailboxId, e.transactionId), e.id);
    let set = this.byICalUId.get(e.iCalUId);
    if (!set) this.byICalUId.set(e.iCalUId, (set = new Set()));
    set.add(e.id);
  }

  remove(e: EventRecord): void {
    if (e.transactionId && this.byTransaction.get(txKey(e.mailboxId, e.transactionId)) === e.id) {
      this.byTransaction.delete(txKey(e.mailboxId, e.transactionId));
    }
    this.byICalUId.get(e.iCalUId)?.delete(e.id);
  }

  byTransactionId(mailboxId: string, transactionId: string): EventRecord | undefined {
    const id = this.byTransaction.get(txKey(mailboxId, transactionId));
    return id ? this.ctx.state.events.get(id) : undefined;
  }

  /** The organizer's event of a meeting, when it is still in the organizer's calendar. */
  organizerOf(iCalUId: string): EventRecord | undefined {
    const ids = this.byICalUId.get(iCalUId) ?? new Set<string>();
    return [...ids].map((id) => this.ctx.state.events.get(id)).find((e): e is EventRecord => e !== undefined && e.isOrganizer);
  }

  copiesOf(iCalUId: string): EventRecord[] {
    const ids = this.byICalUId.get(iCalUId) ?? new Set<string>();
    return [...ids].map((id) => this.ctx.state.events.get(id)).filter((e): e is EventRecord => e !== undefined && !e.isOrganizer);
  }
}

const txKey = (mailboxId: string, transactionId: string) => `${mailboxId}|${transactionId}`;
