import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import type { ChangeType } from '../graph/change-feed.js';
import type { EventRecord, SubscriptionRecord } from '../store/records.js';
import type { EmulatorState } from '../store/state.js';
import type { FaultInjector } from './faults.js';
import type { EmulatorStats } from './stats.js';

// Webhook delivery as https://learn.microsoft.com/graph/change-notifications-delivery-webhooks describes it:
// a validation handshake before a subscription exists (200, text/plain, the URL-decoded token, within
// 10 s), then change notifications POSTed as a changeNotificationCollection, batched, retried when the
// endpoint does not answer 2xx in time. Graph retries for up to 4 hours; here the delays are short and
// configurable (PUT /_emulator/notifications) so tests stay fast.

export const deliveryConfigSchema = z.object({
  /** How long changes are gathered before one POST per subscription (changes made together arrive together). */
  batchDelayMs: z.number().int().min(0).max(10_000).default(5),
  /** Graph's HTTP client gives a notification endpoint 3 s. */
  timeoutMs: z.number().int().min(1).max(60_000).default(3_000),
  /** Delay before each retry of a failed POST; after the last, the notifications are dropped (counted as failed). */
  retryDelaysMs: z.array(z.number().int().min(0).max(600_000)).max(20).default([1_000, 5_000, 30_000]),
  /** The validation handshake must be answered within 10 s. */
  validationTimeoutMs: z.number().int().min(1).max(60_000).default(10_000),
});
export type DeliveryConfig = z.infer<typeof deliveryConfigSchema>;

export type LifecycleEvent = 'reauthorizationRequired' | 'missed' | 'subscriptionRemoved';

/** One item of a changeNotificationCollection (https://learn.microsoft.com/graph/api/resources/changenotification). */
export interface ChangeNotification {
  subscriptionId: string;
  subscriptionExpirationDateTime: string;
  changeType: ChangeType;
  resource: string;
  resourceData: { '@odata.type': string; '@odata.id': string; '@odata.etag': string; id: string };
  clientState: string | null;
  tenantId: string;
}

export interface LifecycleNotification {
  subscriptionId: string;
  subscriptionExpirationDateTime: string;
  lifecycleEvent: LifecycleEvent;
  clientState: string | null;
  tenantId: string;
}

/** Where the emulator may POST: https anywhere it can reach, plain http only on this machine. */
export function notificationUrlProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `'${raw}' is not an absolute URL.`;
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return undefined;
  return 'The notification URL must use https (the emulator also accepts http://127.0.0.1 and http://localhost).';
}

interface Queue {
  items: ChangeNotification[];
  timer: NodeJS.Timeout | undefined;
  busy: boolean;
}

export class Notifier {
  config: DeliveryConfig = deliveryConfigSchema.parse({});
  private readonly queues = new Map<string, Queue>();
  private readonly aborts = new Set<AbortController>();
  private closed = false;

  constructor(private readonly deps: { state: EmulatorState; stats: EmulatorStats; faults: FaultInjector; tenantId: string }) {}

  /** Live subscriptions; expired ones are removed as they are found ("Microsoft Graph deletes the subscription"). */
  active(): SubscriptionRecord[] {
    const now = Date.now();
    const live: SubscriptionRecord[] = [];
    for (const s of [...this.deps.state.subscriptions.values()]) {
      if (Date.parse(s.expirationDateTime) <= now) this.deps.state.subscriptions.delete(s.id);
      else live.push(s);
    }
    return live;
  }

  get(id: string): SubscriptionRecord | undefined {
    const s = this.deps.state.subscriptions.get(id);
    if (!s) return undefined;
    if (Date.parse(s.expirationDateTime) > Date.now()) return s;
    this.deps.state.subscriptions.delete(id);
    return undefined;
  }

  /** The validation handshake: POST `?validationToken=` with an empty text/plain body; undefined when it passed. */
  async validate(url: string): Promise<string | undefined> {
    // Graph's tokens are opaque text with spaces and colons, so the endpoint must URL-decode them.
    const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
    const target = new URL(url);
    target.searchParams.append('validationToken', token);
    const result = await this.post(target.href, undefined, this.config.validationTimeoutMs);
    const ok = result.status === 200 && (result.contentType ?? '').toLowerCase().startsWith('text/plain') && result.body === token;
    this.deps.stats.subscriptionValidations[ok ? 'succeeded' : 'failed']++;
    if (ok) return undefined;
    if (result.status === undefined) return `no answer within ${this.config.validationTimeoutMs} ms (${result.error ?? 'unreachable'})`;
    if (result.status !== 200) return `HTTP ${result.status}`;
    if (!(result.contentType ?? '').toLowerCase().startsWith('text/plain')) return `content type '${result.contentType ?? ''}' is not text/plain`;
    return 'the body was not the validation token';
  }

  /** Queues a notification for every live subscription on the event's mailbox that wants this change type. */
  onEventChange(event: EventRecord, changeType: ChangeType): void {
    if (this.closed) return;
    for (const s of this.active()) {
      if (s.mailboxId !== event.mailboxId || !changeTypes(s.changeType).includes(changeType)) continue;
      const resource = `Users/${event.mailboxId}/Events/${event.id}`;
      if (this.deps.faults.dropNotification({ subscriptionId: s.id, resource, changeType })) {
        this.deps.stats.notifications.dropped++;
        continue;
      }
      this.enqueue(s.id, {
        subscriptionId: s.id,
        subscriptionExpirationDateTime: s.expirationDateTime,
        changeType,
        resource,
        resourceData: { '@odata.type': '#Microsoft.Graph.Event', '@odata.id': resource, '@odata.etag': `W/"${event.changeKey}"`, id: event.id },
        clientState: s.clientState,
        tenantId: this.deps.tenantId,
      });
    }
  }

  /** Sends a lifecycle notification now (subscriptionRemoved also removes the subscription). */
  lifecycle(s: SubscriptionRecord, lifecycleEvent: LifecycleEvent): void {
    if (lifecycleEvent === 'subscriptionRemoved') this.deps.state.subscriptions.delete(s.id);
    if (!s.lifecycleNotificationUrl || this.closed) return;
    const body: { value: LifecycleNotification[] } = {
      value: [{ subscriptionId: s.id, subscriptionExpirationDateTime: s.expirationDateTime, lifecycleEvent, clientState: s.clientState, tenantId: this.deps.tenantId }],
    };
    void this.deliver(s.lifecycleNotificationUrl, body).then((ok) => {
      this.deps.stats.lifecycleNotifications[ok ? 'delivered' : 'failed']++;
    });
  }

  close(): void {
    this.closed = true;
    for (const q of this.queues.values()) if (q.timer) clearTimeout(q.timer);
    this.queues.clear();
    for (const a of this.aborts) a.abort();
  }

  private enqueue(subscriptionId: string, n: ChangeNotification): void {
    let q = this.queues.get(subscriptionId);
    if (!q) this.queues.set(subscriptionId, (q = { items: [], timer: undefined, busy: false }));
    q.items.push(n);
    this.schedule(subscriptionId, q);
  }

  private schedule(subscriptionId: string, q: Queue): void {
    if (q.timer || q.busy || this.closed) return;
    q.timer = setTimeout(() => {
      q.timer = undefined;
      void this.flush(subscriptionId, q);
    }, this.config.batchDelayMs);
    q.timer.unref();
  }

  private async flush(subscriptionId: string, q: Queue): Promise<void> {
    const items = q.items.splice(0, q.items.length);
    if (items.length === 0) return;
    const s = this.get(subscriptionId);
    if (!s) {
      this.deps.stats.notifications.discarded += items.length;
      this.queues.delete(subscriptionId);
      return;
    }
    q.busy = true;
    const ok = await this.deliver(s.notificationUrl, { value: items }, items.length);
    this.deps.stats.notifications[ok ? 'delivered' : 'failed'] += items.length;
    q.busy = false;
    if (q.items.length > 0) this.schedule(subscriptionId, q);
    else this.queues.delete(subscriptionId);
  }

  /** POSTs with retries; true once the endpoint answered 2xx in time. */
  private async deliver(url: string, body: unknown, count = 0): Promise<boolean> {
    const delays = this.config.retryDelaysMs;
    for (let attempt = 0; attempt <= delays.length && !this.closed; attempt++) {
      if (attempt > 0) {
        this.deps.stats.notifications.retries += count;
        const controller = new AbortController();
        this.aborts.add(controller);
        try {
          await delay(delays[attempt - 1] ?? 0, undefined, { signal: controller.signal, ref: false });
        } catch {
          return false;
        } finally {
          this.aborts.delete(controller);
        }
      }
      this.deps.stats.notifications.posts++;
      const result = await this.post(url, JSON.stringify(body), this.config.timeoutMs);
      if (result.status !== undefined && result.status >= 200 && result.status < 300) return true;
    }
    return false;
  }

  private async post(url: string, body: string | undefined, timeoutMs: number): Promise<{ status?: number; contentType?: string; body?: string; error?: string }> {
    const controller = new AbortController();
    this.aborts.add(controller);
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    timer.unref();
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: body === undefined ? { 'content-type': 'text/plain; charset=utf-8' } : { 'content-type': 'application/json' },
        ...(body !== undefined ? { body } : {}),
        redirect: 'manual',
        signal: controller.signal,
      });
      const text = await res.text();
      return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: text };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
      this.aborts.delete(controller);
    }
  }
}

export const changeTypes = (changeType: string): string[] =>
  changeType
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
