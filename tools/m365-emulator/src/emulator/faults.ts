import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Seeded, reproducible fault injection. Each decision hashes (seed, rule, operation, nth time this
 * operation was seen), so the same workload gets the same faults whatever the request interleaving.
 */
export const faultRuleSchema = z.object({
  /** throttle → 429 + Retry-After; unavailable → 503 + Retry-After; lostResponse → the request is
   * carried out but the client gets 504, as if the response was lost on the way back;
   * mailboxConcurrency → Outlook's per-app, per-mailbox limit: a request to /users/{id}/... while
   * `limit` are in flight for that mailbox gets 429 ApplicationThrottled (rate and times unused);
   * dropNotification → a change notification is silently lost (never POSTed to the notificationUrl;
   * `path` is matched against its resource, `Users/{id}/Events/{id}`, and `method` against its changeType). */
  kind: z.enum(['throttle', 'unavailable', 'lostResponse', 'mailboxConcurrency', 'dropNotification']),
  /** request: plain requests and each request inside a $batch; batch: the outer POST /$batch itself. */
  target: z.enum(['request', 'batch']).default('request'),
  /** mailboxConcurrency: requests allowed in flight per mailbox (Outlook's limit is 4). */
  limit: z.number().int().min(1).max(100).default(4),
  /** mailboxConcurrency: how long each mailbox request holds its slot, standing in for Exchange's own work. */
  holdMs: z.number().int().min(0).max(10_000).default(0),
  /** Probability per matching operation (0..1). */
  rate: z.number().min(0).max(1).default(1),
  /** Stop after this many injections (unlimited when absent). */
  times: z.number().int().positive().optional(),
  method: z.string().optional(),
  /** Regular expression on the Graph-relative path, e.g. "^/users/[^/]+/events$". */
  path: z.string().optional(),
  /** Seconds for Retry-After. Graph sends whole seconds; fractions are allowed to keep tests fast. */
  retryAfterSeconds: z.number().min(0).max(300).default(1),
});

export const faultConfigSchema = z.object({
  seed: z.number().int().optional(),
  /** Added before answering every HTTP request to /v1.0. */
  latencyMs: z.number().int().min(0).max(10_000).default(0),
  rules: z.array(faultRuleSchema).max(20).default([]),
});

export type FaultConfig = z.infer<typeof faultConfigSchema>;
export type FaultRule = z.infer<typeof faultRuleSchema>;

export interface Operation {
  method: string;
  path: string;
  body: unknown;
}

export type FaultDecision = { kind: 'none' } | { kind: Exclude<FaultRule['kind'], 'mailboxConcurrency' | 'dropNotification'>; retryAfterSeconds: number };

export class FaultInjector {
  private config: FaultConfig = { latencyMs: 0, rules: [] };
  private seed: number;
  private readonly seen = new Map<string, number>();
  private readonly injectedPerRule: number[] = [];

  constructor(defaultSeed = 1) {
    this.seed = defaultSeed;
  }

  configure(config: FaultConfig): void {
    this.config = config;
    if (config.seed !== undefined) this.seed = config.seed;
    this.seen.clear();
    this.injectedPerRule.length = 0;
  }

  get current(): FaultConfig & { seed: number } {
    return { ...this.config, seed: this.seed };
  }

  get latencyMs(): number {
    return this.config.latencyMs;
  }

  /** The per-mailbox concurrency rule that applies to this operation, if any. */
  mailboxLimit(op: Omit<Operation, 'body'>): { limit: number; holdMs: number; retryAfterSeconds: number } | undefined {
    const rule = this.config.rules.find((r) => r.kind === 'mailboxConcurrency' && matches(r, op));
    return rule ? { limit: rule.limit, holdMs: rule.holdMs, retryAfterSeconds: rule.retryAfterSeconds } : undefined;
  }

  decide(op: Operation, target: FaultRule['target'] = 'request'): FaultDecision {
    if (this.config.rules.length === 0) return { kind: 'none' };
    const key = `${op.method.toUpperCase()} ${op.path} ${op.body === undefined ? '' : createHash('sha1').update(JSON.stringify(op.body)).digest('hex')}`;
    const nth = this.seen.get(key) ?? 0;
    this.seen.set(key, nth + 1);
    for (const [index, rule] of this.config.rules.entries()) {
      if (rule.kind === 'mailboxConcurrency' || rule.kind === 'dropNotification' || rule.target !== target || !matches(rule, op)) continue;
      if (!this.fires(index, rule, key, nth)) continue;
      return { kind: rule.kind, retryAfterSeconds: rule.retryAfterSeconds };
    }
    return { kind: 'none' };
  }

  /** Whether a change notification about to be queued is lost instead (a `dropNotification` rule). */
  dropNotification(n: { subscriptionId: string; resource: string; changeType: string }): boolean {
    if (!this.config.rules.some((r) => r.kind === 'dropNotification')) return false;
    const key = `NOTIFY ${n.subscriptionId} ${n.resource} ${n.changeType}`;
    const nth = this.seen.get(key) ?? 0;
    this.seen.set(key, nth + 1);
    for (const [index, rule] of this.config.rules.entries()) {
      if (rule.kind !== 'dropNotification' || !matches(rule, { method: n.changeType, path: n.resource })) continue;
      if (this.fires(index, rule, key, nth)) return true;
    }
    return false;
  }

  private fires(index: number, rule: FaultRule, key: string, nth: number): boolean {
    const injected = this.injectedPerRule[index] ?? 0;
    if (rule.times !== undefined && injected >= rule.times) return false;
    if (rule.rate < 1 && draw(this.seed, index, key, nth) >= rule.rate) return false;
    this.injectedPerRule[index] = injected + 1;
    return true;
  }
}

function matches(rule: FaultRule, op: Omit<Operation, 'body'>): boolean {
  if (rule.method && rule.method.toUpperCase() !== op.method.toUpperCase()) return false;
  return !rule.path || new RegExp(rule.path).test(op.path);
}

/** A uniform draw in [0, 1) from the hash of its inputs. */
function draw(seed: number, rule: number, key: string, nth: number): number {
  const digest = createHash('sha256').update(`${seed}|${rule}|${key}|${nth}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}
