import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { headerValue, retryDelayMs } from './retry-after.js';

// JSON batching: at most 20 requests per $batch (https://learn.microsoft.com/graph/json-batching).
// "Requests in a batch are evaluated individually against the applicable throttling limits", so
// a throttled inner request is retried on its own, inside a later batch, after its Retry-After.
export const GRAPH_BATCH_LIMIT = 20;
const RETRYABLE = new Set([429, 503, 504]);

export interface BatchRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Relative to the Graph version, e.g. `/users/{id}/events`. */
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface BatchResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
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
  /** Called after each `$batch` round trip, for metrics and logs (counts only, never payloads). */
  onBatch?: (info: BatchInfo) => void;
}

export interface BatchInfo {
  requests: number;
  /** Inner requests that came back 429/503/504 and were queued again. */
  retrying: number;
  ms: number;
  failed: boolean;
}

export interface BatchRunner {
  /** Runs every request; responses are in request order. Only 429/503/504 are retried. */
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

interface Pending {
  index: number;
  request: BatchRequest;
  attempts: number;
  notBefore: number;
}

export function createBatchRunner(client: Client, options: BatchRunnerOptions = {}): BatchRunner {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const maxAttempts = Math.max(1, options.maxAttempts ?? 8);
  const batchSize = Math.min(GRAPH_BATCH_LIMIT, Math.max(1, options.batchSize ?? GRAPH_BATCH_LIMIT));
  const lingerMs = options.lingerMs ?? 200;

  return {
    run: async (requests) => {
      const results: (BatchResponse | undefined)[] = new Array(requests.length);
      let queue: Pending[] = requests.map((request, index) => ({ index, request, attempts: 0, notBefore: 0 }));
      const inflight = new Set<Promise<void>>();

      const settle = (p: Pending, response: BatchResponse) => {
        p.attempts += 1;
        if (RETRYABLE.has(response.status) && p.attempts < maxAttempts) {
          p.notBefore = Date.now() + retryDelayMs(headerValue(response.headers, 'retry-after'), p.attempts, Date.now());
          queue.push(p);
        } else {
          results[p.index] = response;
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
          // The SDK's RetryHandler already retries the envelope itself on 429/503/504.
          parsed = batchResponseBody.parse(await client.api('/$batch').post(payload));
        } catch (error) {
          // The whole call failed: every request in it is in doubt. Safe to resend because
          // creates are idempotent (transactionId / unique key), so report them as 503 and retry.
          const status = typeof (error as { statusCode?: unknown }).statusCode === 'number' ? (error as { statusCode: number }).statusCode : 503;
          for (const p of group) settle(p, { status: RETRYABLE.has(status) || status >= 500 || status < 100 ? 503 : status, headers: {}, body: { error: { code: 'batchFailed', message: errorMessage(error) } } });
          report(true);
          return;
        }
        const byId = new Map(parsed.responses.map((r) => [r.id, r]));
        group.forEach((p, i) => {
          const r = byId.get(String(i + 1));
          settle(p, r ? { status: r.status, headers: r.headers ?? {}, body: r.body } : { status: 503, headers: {}, body: { error: { code: 'missingResponse', message: 'No response for this request in the batch.' } } });
        });
        report(false);
      };

      while (queue.length > 0 || inflight.size > 0) {
        const now = Date.now();
        queue.sort((a, b) => a.notBefore - b.notBefore || a.index - b.index);
        const ready = queue.filter((p) => p.notBefore <= now);
        const nextWake = queue.find((p) => p.notBefore > now)?.notBefore;
        // Full batches go at once; a partial one only when nothing else could join it soon.
        const partialOk = inflight.size === 0 && (nextWake === undefined || nextWake - now > lingerMs);
        let launched = false;
        while (inflight.size < concurrency && (ready.length >= batchSize || (ready.length > 0 && partialOk))) {
          const group = ready.splice(0, batchSize);
          const taken = new Set(group);
          queue = queue.filter((p) => !taken.has(p));
          const task: Promise<void> = send(group).finally(() => inflight.delete(task));
          inflight.add(task);
          launched = true;
        }
        if (launched) continue;
        const waits: Promise<unknown>[] = [...inflight];
        const wakeAt = ready.length > 0 ? now + lingerMs : nextWake;
        if (wakeAt !== undefined) waits.push(new Promise((resolve) => setTimeout(resolve, Math.max(1, wakeAt - now))));
        if (waits.length === 0) break;
        await Promise.race(waits);
      }
      return results.map((r) => r ?? { status: 503, headers: {}, body: { error: { code: 'notSent', message: 'The request was not sent.' } } });
    },
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : 'The batch request failed.';
}
