import { GraphError, RetryHandlerOptions, type Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { headerValue, retryDelayMs } from './retry-after.js';

// JSON batching: at most 20 requests per $batch (https://learn.microsoft.com/graph/json-batching).
// "Requests in a batch are evaluated individually against the applicable throttling limits", so
// a throttled inner request is retried on its own, inside a later batch, after its Retry-After.
export const GRAPH_BATCH_LIMIT = 20;
/** Not carried out: safe to send again whatever the method. */
const NOT_DONE = new Set([429, 503]);
/** Maybe carried out (the response was lost): resent only when the request is idempotent. */
const IN_DOUBT = 504;

export interface BatchRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Relative to the Graph version, e.g. `/users/{id}/events`. */
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * Sending it twice has the effect of sending it once (a GET, a create with transactionId or a
   * unique key, a cancel). Only such requests are resent when their outcome is unknown.
   */
  idempotent: boolean;
  /** Requests with the same key share `maxInFlightPerKey` (e.g. the mailbox they go to). */
  key?: string;
}

export interface BatchResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** The request may or may not have been carried out (lost response, failed batch call). */
  outcomeUnknown?: boolean;
}

export interface BatchRunnerOptions {
  /** Parallel `$batch` calls in flight (default 4). */
  concurrency?: number;
  /** Tries per inner request before its last failure is returned (default 8). */
  maxAttempts?: number;
  /** Requests per `$batch`, at most 20. */
  batchSize?: number;
  /** Waits no longer than this for more retries to fill a batch before sending a partial one (default 200 ms). */
  lingerMs?: number;
  /** Requests with the same `key` in flight at once, across all batches (default unlimited). */
  maxInFlightPerKey?: number;
  /** Called after each `$batch` round trip, for metrics and logs (counts only, never payloads). */
  onBatch?: (info: BatchInfo) => void;
}

export interface BatchInfo {
  requests: number;
  /** Inner requests queued again (throttled, unavailable, or in doubt and idempotent). */
  retrying: number;
  ms: number;
  failed: boolean;
}

export interface BatchRunner {
  /**
   * Runs every request; responses are in request order. 429/503 are retried; 504 and failed batch
   * calls only for idempotent requests. Rejects at once on an error that is not Graph's (e.g. the
   * token could not be acquired), since resending cannot fix it.
   */
  run(requests: readonly BatchRequest[]): Promise<BatchResponse[]>;
}

const batchResponseBody = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number().int(),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
  ),
});

/** One `run` call: its responses, in request order, and how many are still to come. */
interface Run {
  results: (BatchResponse | undefined)[];
  left: number;
  /** Its requests inside a `$batch` call now. */
  sending: number;
  fatal?: { error: unknown };
  settled: boolean;
  resolve: (responses: BatchResponse[]) => void;
  reject: (error: unknown) => void;
}

interface Pending {
  run: Run;
  /** Its place in its run's responses. */
  index: number;
  /** Order of arrival across runs (earlier runs go first among requests due together). */
  seq: number;
  request: BatchRequest;
  attempts: number;
  notBefore: number;
}

/** Errors from fetch itself (connection reset, timeout): the request may have arrived. */
const NETWORK_ERROR_NAMES = new Set(['TypeError', 'AbortError', 'TimeoutError', 'FetchError']);

/** How a failed `$batch` call ended, or undefined when it is not a Graph/HTTP failure at all. */
export function classifyBatchFailure(error: unknown): { status: number; retryAfter?: string } | undefined {
  if (!(error instanceof GraphError)) return undefined;
  if (error.statusCode > 0) {
    const retryAfter = error.headers?.get('retry-after') ?? undefined;
    return { status: error.statusCode, ...(retryAfter ? { retryAfter } : {}) };
  }
  // The SDK wraps anything thrown below it (network errors, but also MSAL's) with status -1.
  return NETWORK_ERROR_NAMES.has(error.code ?? '') ? { status: IN_DOUBT } : undefined;
}

export function createBatchRunner(client: Client, options: BatchRunnerOptions = {}): BatchRunner {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const maxAttempts = Math.max(1, options.maxAttempts ?? 8);
  const batchSize = Math.min(GRAPH_BATCH_LIMIT, Math.max(1, options.batchSize ?? GRAPH_BATCH_LIMIT));
  const lingerMs = options.lingerMs ?? 200;
  const perKey = options.maxInFlightPerKey ?? Number.POSITIVE_INFINITY;

  // One queue for every run in progress: a run's retries (after a 429's Retry-After) fill up the
  // batches of runs started meanwhile instead of going out in small batches of their own.
  let queue: Pending[] = [];
  const inflight = new Set<Promise<void>>();
  const keyLoad = new Map<string, number>();
  let pumping = false;
  let seq = 0;
  let kick: (() => void) | undefined;

  const finishIfDone = (run: Run) => {
    if (run.settled || run.sending > 0) return;
    if (run.fatal) {
      run.settled = true;
      run.reject(run.fatal.error);
    } else if (run.left === 0) {
      run.settled = true;
      run.resolve(run.results.map((r) => r ?? { status: 503, headers: {}, body: { error: { code: 'notSent', message: 'The request was not sent.' } } }));
    }
  };

  const settle = (p: Pending, response: BatchResponse) => {
    p.attempts += 1;
    if (p.run.fatal) return;
    const doubtful = response.status === IN_DOUBT || response.outcomeUnknown === true;
    const retry = NOT_DONE.has(response.status) || (doubtful && p.request.idempotent);
    if (retry && p.attempts < maxAttempts) {
      p.notBefore = Date.now() + retryDelayMs(headerValue(response.headers, 'retry-after'), p.attempts, Date.now());
      queue.push(p);
    } else {
      p.run.results[p.index] = doubtful ? { ...response, outcomeUnknown: true } : response;
      p.run.left -= 1;
    }
  };

  const send = async (group: Pending[]): Promise<void> => {
    const started = performance.now();
    const queuedBefore = queue.length;
    const report = (failed: boolean) => options.onBatch?.({ requests: group.length, retrying: Math.max(0, queue.length - queuedBefore), ms: performance.now() - started, failed });
    const payload = {
      requests: group.map((p, i) => ({
        id: String(i + 1),
        method: p.request.method,
        url: p.request.url,
        ...(p.request.body !== undefined
          ? { body: p.request.body, headers: { 'Content-Type': 'application/json', ...(p.request.headers ?? {}) } }
          : p.request.headers
            ? { headers: p.request.headers }
            : {}),
      })),
    };
    let parsed: z.infer<typeof batchResponseBody>;
    try {
      // No SDK retry here: it would resend non-idempotent inner requests after a 504.
      parsed = batchResponseBody.parse(
        await client
          .api('/$batch')
          .middlewareOptions([new RetryHandlerOptions(0, 0)])
          .post(payload),
      );
    } catch (error) {
      const failure = classifyBatchFailure(error);
      if (!failure) {
        // Resending cannot fix it (e.g. no token): the runs in this batch fail, the others go on.
        for (const p of group) p.run.fatal ??= { error };
        queue = queue.filter((p) => !p.run.fatal);
        report(true);
        return;
      }
      // 429/503: the batch was refused before any inner request ran. Otherwise it is in doubt.
      const status = NOT_DONE.has(failure.status) ? failure.status : failure.status >= 500 ? IN_DOUBT : failure.status;
      const headers: Record<string, string> = failure.retryAfter ? { 'Retry-After': failure.retryAfter } : {};
      for (const p of group)
        settle(p, { status, headers, body: { error: { code: 'batchFailed', message: errorMessage(error) } }, ...(status === IN_DOUBT ? { outcomeUnknown: true } : {}) });
      report(true);
      return;
    }
    const byId = new Map(parsed.responses.map((r) => [r.id, r]));
    group.forEach((p, i) => {
      const r = byId.get(String(i + 1));
      settle(
        p,
        r
          ? { status: r.status, headers: r.headers ?? {}, body: r.body }
          : { status: IN_DOUBT, headers: {}, body: { error: { code: 'missingResponse', message: 'No response for this request in the batch.' } }, outcomeUnknown: true },
      );
    });
    report(false);
  };

  // Under a per-key limit, keys with the most work left go first: every key (mailbox) drains at
  // the same pace, so the last batches still mix enough keys to fill up instead of ending with a
  // few keys, `maxInFlightPerKey` requests each. Otherwise queue order (retries due first, then input).
  const fairOrder = (ready: Pending[]): Pending[] => {
    if (!Number.isFinite(perKey)) return ready;
    const left = new Map<string, number>();
    for (const p of queue) if (p.request.key !== undefined) left.set(p.request.key, (left.get(p.request.key) ?? 0) + 1);
    const weight = (p: Pending) => (p.request.key === undefined ? Number.POSITIVE_INFINITY : (left.get(p.request.key) ?? 0));
    return [...ready].sort((a, b) => (weight(a) === weight(b) ? 0 : weight(b) > weight(a) ? 1 : -1));
  };
  const take = (ready: Pending[]): Pending[] => {
    const group: Pending[] = [];
    const added = new Map<string, number>();
    for (const p of fairOrder(ready)) {
      if (group.length >= batchSize) break;
      const key = p.request.key;
      if (key !== undefined && (keyLoad.get(key) ?? 0) + (added.get(key) ?? 0) >= perKey) continue;
      if (key !== undefined) added.set(key, (added.get(key) ?? 0) + 1);
      group.push(p);
    }
    return group;
  };
  const hold = (group: Pending[], delta: number) => {
    for (const p of group) {
      p.run.sending += delta;
      if (p.request.key !== undefined) keyLoad.set(p.request.key, (keyLoad.get(p.request.key) ?? 0) + delta);
    }
  };

  const pump = async () => {
    pumping = true;
    try {
      while (queue.length > 0 || inflight.size > 0) {
        const now = Date.now();
        queue.sort((a, b) => a.notBefore - b.notBefore || a.seq - b.seq);
        const ready = queue.filter((p) => p.notBefore <= now);
        const nextWake = queue.find((p) => p.notBefore > now)?.notBefore;
        // Full batches go at once; a partial one only when nothing else could join it soon.
        const partialOk = inflight.size === 0 && (nextWake === undefined || nextWake - now > lingerMs);
        let launched = false;
        while (inflight.size < concurrency) {
          const group = take(ready);
          // A group the per-key limits kept short waits for a batch in flight to free its keys' slots
          // (fewer, fuller $batch calls); with nothing in flight it is as full as it can be.
          const full = group.length >= batchSize || (group.length < ready.length && inflight.size === 0);
          if (group.length === 0 || (!full && !partialOk)) break;
          const taken = new Set(group);
          ready.splice(0, ready.length, ...ready.filter((p) => !taken.has(p)));
          queue = queue.filter((p) => !taken.has(p));
          hold(group, 1);
          const task: Promise<void> = send(group).finally(() => {
            hold(group, -1);
            inflight.delete(task);
            for (const run of new Set(group.map((p) => p.run))) finishIfDone(run);
          });
          inflight.add(task);
          launched = true;
        }
        if (launched) continue;
        const waits: Promise<unknown>[] = [...inflight, new Promise<void>((resolve) => (kick = resolve))];
        const wakeAt = ready.length > 0 ? now + lingerMs : nextWake;
        let timer: ReturnType<typeof setTimeout> | undefined;
        if (wakeAt !== undefined) waits.push(new Promise((resolve) => (timer = setTimeout(resolve, Math.max(1, wakeAt - now)))));
        await Promise.race(waits);
        kick = undefined;
        if (timer) clearTimeout(timer);
      }
    } finally {
      pumping = false;
    }
  };

  return {
    run: (requests) =>
      new Promise<BatchResponse[]>((resolve, reject) => {
        const run: Run = { results: new Array(requests.length), left: requests.length, sending: 0, settled: false, resolve, reject };
        if (requests.length === 0) return resolve([]);
        requests.forEach((request, index) => queue.push({ run, index, seq: seq++, request, attempts: 0, notBefore: 0 }));
        kick?.();
        if (!pumping) void pump();
      }),
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : 'The batch request failed.';
}
