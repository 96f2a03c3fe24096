/** Request and outcome counters, so tests and the bench can count round trips and prove nothing was lost. */
export class EmulatorStats {
  httpRequests = 0;
  graphHttpRequests = 0;
  identityHttpRequests = 0;
  batchRequests = 0;
  batchInnerRequests = 0;
  graphOperations = 0;
  injected = { throttle: 0, unavailable: 0, lostResponse: 0 };
  eventsCreated = 0;
  eventsDeduplicated = 0;
  itemsCreated = 0;
  preconditionFailed = 0;
  byStatus: Record<string, number> = {};

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
      graphOperations: this.graphOperations,
      injected: { ...this.injected },
      eventsCreated: this.eventsCreated,
      eventsDeduplicated: this.eventsDeduplicated,
      itemsCreated: this.itemsCreated,
      preconditionFailed: this.preconditionFailed,
      byStatus: { ...this.byStatus },
    };
  }
}
