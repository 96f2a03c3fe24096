/** Request and outcome counters, so tests and the bench can count round trips and prove nothing was lost. */
export class EmulatorStats {
  httpRequests = 0;
  graphHttpRequests = 0;
  identityHttpRequests = 0;
  batchRequests = 0;
  batchInnerRequests = 0;
  /** $batch calls by what they carry: event creates, list item creates, or anything else. */
  batchesByContent = { eventCreates: 0, itemCreates: 0, other: 0 };
  graphOperations = 0;
  injected = { throttle: 0, unavailable: 0, lostResponse: 0, mailboxConcurrency: 0, batchThrottle: 0, batchUnavailable: 0, batchLostResponse: 0 };
  /** When each Graph HTTP request arrived (ms since epoch), newest last; capped, for timing assertions. */
  graphRequestLog: { at: number; method: string; path: string }[] = [];
  eventsCreated = 0;
  eventsDeduplicated = 0;
  itemsCreated = 0;
  preconditionFailed = 0;
  byStatus: Record<string, number> = {};
  /** Change notifications (counted per notification, not per POST): delivered (2xx), dropped by a
   * `dropNotification` fault, failed (given up after the retries), discarded (subscription gone
   * before delivery), retries (extra POSTs); lifecycle notifications; validation handshakes. */
  notifications = { delivered: 0, dropped: 0, failed: 0, discarded: 0, retries: 0, posts: 0 };
  lifecycleNotifications = { delivered: 0, failed: 0 };
  subscriptionValidations = { succeeded: 0, failed: 0 };

  logGraphRequest(method: string, path: string): void {
    this.graphRequestLog.push({ at: Date.now(), method, path });
    if (this.graphRequestLog.length > 1000) this.graphRequestLog.shift();
  }

  countStatus(status: number): void {
    this.byStatus[status] = (this.byStatus[status] ?? 0) + 1;
  }

  reset(): void {
    Object.assign(this, new EmulatorStats());
  }

  snapshot(): Record<string, unknown> {
    return {
      httpRequests: this.httpRequests,
      graphHttpRequests: this.graphHttpRequests,
      identityHttpRequests: this.identityHttpRequests,
      batchRequests: this.batchRequests,
      batchInnerRequests: this.batchInnerRequests,
      batchesByContent: { ...this.batchesByContent },
      graphOperations: this.graphOperations,
      injected: { ...this.injected },
      graphRequestLog: [...this.graphRequestLog],
      eventsCreated: this.eventsCreated,
      eventsDeduplicated: this.eventsDeduplicated,
      itemsCreated: this.itemsCreated,
      preconditionFailed: this.preconditionFailed,
      byStatus: { ...this.byStatus },
      notifications: { ...this.notifications },
      lifecycleNotifications: { ...this.lifecycleNotifications },
      subscriptionValidations: { ...this.subscriptionValidations },
    };
  }
}
