import type { EmulatorContext } from '../context.js';
import { Router } from '../http/router.js';
import { graphError, type EmuRequest, type EmuResponse } from '../http/types.js';
import { handleBatch } from './batch.js';
import { registerEventRoutes } from './events.js';
import { registerScheduleRoutes } from './schedule.js';
import { registerItemRoutes } from './sharepoint/items.js';
import { registerListRoutes } from './sharepoint/lists.js';
import { registerUserRoutes } from './users.js';

export interface GraphApi {
  /** Handles a Graph-relative request (`/users/...`) from an authenticated principal. */
  handle(req: EmuRequest): Promise<EmuResponse>;
}

export function registerGraphRoutes(ctx: EmulatorContext, graphRoot: string): GraphApi {
  const router = new Router();
  registerUserRoutes(router, ctx, graphRoot);
  registerEventRoutes(router, ctx, graphRoot);
  registerScheduleRoutes(router, ctx, graphRoot);
  registerListRoutes(router, ctx, graphRoot);
  registerItemRoutes(router, ctx, graphRoot);

  const route = async (req: EmuRequest): Promise<EmuResponse> =>
    (await router.dispatch(req)) ?? graphError(400, 'BadRequest', `Resource not found for the segment '${req.path.split('/')[1] ?? ''}'.`);

  /** One Graph operation (a plain request or one inside a batch), subject to injected faults. */
  const operation = async (req: EmuRequest): Promise<EmuResponse> => {
    ctx.stats.graphOperations++;
    if (req.inBatch) ctx.stats.batchInnerRequests++;
    const fault = ctx.faults.decide({ method: req.method, path: req.path, body: req.body });
    let response: EmuResponse;
    if (fault.kind === 'throttle') {
      ctx.stats.injected.throttle++;
      response = graphError(429, 'TooManyRequests', 'Too many requests. Retry after the interval in the Retry-After header.', { 'Retry-After': String(fault.retryAfterSeconds) });
    } else if (fault.kind === 'unavailable') {
      ctx.stats.injected.unavailable++;
      response = graphError(503, 'serviceNotAvailable', 'The service is temporarily unavailable. Retry after the interval in the Retry-After header.', { 'Retry-After': String(fault.retryAfterSeconds) });
    } else if (fault.kind === 'lostResponse') {
      // The work is done, but the client never hears so: what a timed-out gateway looks like.
      ctx.stats.injected.lostResponse++;
      await route(req);
      response = graphError(504, 'GatewayTimeout', 'The gateway timed out waiting for the service.');
    } else {
      response = await route(req);
    }
    ctx.stats.countStatus(response.status);
    return response;
  };

  return {
    handle: async (req) => {
      if (req.method === 'POST' && req.path === '/$batch') {
        ctx.stats.batchRequests++;
        return handleBatch(req, operation);
      }
      return operation(req);
    },
  };
}
