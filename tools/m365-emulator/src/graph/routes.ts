import { setTimeout as delay } from 'node:timers/promises';
import type { EmulatorContext } from '../context.js';
import { Router } from '../http/router.js';
import { graphError, type EmuRequest, type EmuResponse } from '../http/types.js';
import { handleBatch } from './batch.js';
import { registerDeltaRoutes } from './delta.js';
import { registerEventRoutes } from './events.js';
import { registerScheduleRoutes } from './schedule.js';
import { registerItemRoutes } from './sharepoint/items.js';
import { registerListRoutes } from './sharepoint/lists.js';
import { registerSubscriptionRoutes } from './subscriptions.js';
import { registerUserRoutes } from './users.js';

export interface GraphApi {
  /** Handles a Graph-relative request (`/users/...`) from an authenticated principal. */
  handle(req: EmuRequest): Promise<EmuResponse>;
}

export function registerGraphRoutes(ctx: EmulatorContext, graphRoot: string): GraphApi {
  const router = new Router();
  registerUserRoutes(router, ctx, graphRoot);
  registerEventRoutes(router, ctx, graphRoot);
  registerDeltaRoutes(router, ctx, graphRoot);
  registerSubscriptionRoutes(router, ctx, graphRoot);
  registerScheduleRoutes(router, ctx, graphRoot);
  registerListRoutes(router, ctx, graphRoot);
  registerItemRoutes(router, ctx, graphRoot);

  const route = async (req: EmuRequest): Promise<EmuResponse> =>
    (await router.dispatch(req)) ?? graphError(400, 'BadRequest', `Resource not found for the segment '${req.path.split('/')[1] ?? ''}'.`);

  // Outlook allows 4 concurrent requests per app per mailbox; requests in one parallel $batch run
  // concurrently and count too (https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits).
  const inFlight = new Map<string, number>();
  const mailboxOf = (req: EmuRequest): string | undefined => {
    const m = /^\/users\/([^/]+)\//i.exec(req.path);
    const id = m?.[1] ? decodeURIComponent(m[1]) : /^\/me\//i.test(req.path) ? req.principal?.userId : undefined;
    return id ? `${req.principal?.appId ?? ''}|${id.toLowerCase()}` : undefined;
  };
  const withMailboxSlot = async (req: EmuRequest, run: () => Promise<EmuResponse>): Promise<EmuResponse> => {
    const key = mailboxOf(req);
    const limit = key ? ctx.faults.mailboxLimit({ method: req.method, path: req.path }) : undefined;
    if (!key || !limit) return run();
    const busy = inFlight.get(key) ?? 0;
    if (busy >= limit.limit) {
      ctx.stats.injected.mailboxConcurrency++;
      return graphError(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', { 'Retry-After': String(limit.retryAfterSeconds) });
    }
    inFlight.set(key, busy + 1);
    try {
      if (limit.holdMs > 0) await delay(limit.holdMs);
      return await run();
    } finally {
      inFlight.set(key, (inFlight.get(key) ?? 1) - 1);
    }
  };

  /** One Graph operation (a plain request or one inside a batch), subject to injected faults. */
  const operation = async (req: EmuRequest): Promise<EmuResponse> => {
    ctx.stats.graphOperations++;
    if (req.inBatch) ctx.stats.batchInnerRequests++;
    const response = await withMailboxSlot(req, () => faulted(req));
    ctx.stats.countStatus(response.status);
    return response;
  };

  const faulted = async (req: EmuRequest): Promise<EmuResponse> => {
    const fault = ctx.faults.decide({ method: req.method, path: req.path, body: req.body });
    let response: EmuResponse;
    if (fault.kind === 'throttle') {
      ctx.stats.injected.throttle++;
      response = graphError(429, 'TooManyRequests', 'Too many requests. Retry after the interval in the Retry-After header.', { 'Retry-After': String(fault.retryAfterSeconds) });
    } else if (fault.kind === 'unavailable') {
      ctx.stats.injected.unavailable++;
      response = graphError(503, 'serviceNotAvailable', 'The service is temporarily unavailable. Retry after the interval in the Retry-After header.', {
        'Retry-After': String(fault.retryAfterSeconds),
      });
    } else if (fault.kind === 'lostResponse') {
      // The work is done, but the client never hears so: what a timed-out gateway looks like.
      ctx.stats.injected.lostResponse++;
      await route(req);
      response = graphError(504, 'GatewayTimeout', 'The gateway timed out waiting for the service.');
    } else {
      response = await route(req);
    }
    return response;
  };

  /** The outer POST /$batch: it can be throttled, unavailable or lose its response as a whole. */
  const batch = async (req: EmuRequest): Promise<EmuResponse> => {
    ctx.stats.batchRequests++;
    ctx.stats.batchesByContent[batchContent(req.body)]++;
    const fault = ctx.faults.decide({ method: req.method, path: req.path, body: req.body }, 'batch');
    if (fault.kind === 'throttle') {
      ctx.stats.injected.batchThrottle++;
      return graphError(429, 'TooManyRequests', 'Too many requests. Retry after the interval in the Retry-After header.', { 'Retry-After': String(fault.retryAfterSeconds) });
    }
    if (fault.kind === 'unavailable') {
      ctx.stats.injected.batchUnavailable++;
      return graphError(503, 'serviceNotAvailable', 'The service is temporarily unavailable. Retry after the interval in the Retry-After header.', {
        'Retry-After': String(fault.retryAfterSeconds),
      });
    }
    const response = await handleBatch(req, operation);
    if (fault.kind === 'lostResponse') {
      ctx.stats.injected.batchLostResponse++;
      return graphError(504, 'GatewayTimeout', 'The gateway timed out waiting for the service.');
    }
    return response;
  };

  return {
    handle: async (req) => (req.method === 'POST' && req.path === '/$batch' ? batch(req) : operation(req)),
  };
}

/** What a $batch carries, for the bench's count of Outlook and SharePoint round trips. */
function batchContent(body: unknown): 'eventCreates' | 'itemCreates' | 'other' {
  const requests = (body as { requests?: { method?: unknown; url?: unknown }[] } | undefined)?.requests;
  if (!Array.isArray(requests)) return 'other';
  const posts = requests.filter((r) => r.method === 'POST' && typeof r.url === 'string').map((r) => r.url as string);
  if (posts.some((u) => /\/users\/[^/]+\/events$/.test(u.split('?')[0] ?? ''))) return 'eventCreates';
  if (posts.some((u) => /\/lists\/[^/]+\/items$/.test(u.split('?')[0] ?? ''))) return 'itemCreates';
  return 'other';
}
