import type { EmulatorContext } from '../context.js';
import { Router } from '../http/router.js';
import { graphError, type EmuRequest, type EmuResponse } from '../http/types.js';
import { registerUserRoutes } from './users.js';

export interface GraphApi {
  /** Handles a Graph-relative request (`/users/...`) from an authenticated principal. */
  handle(req: EmuRequest): Promise<EmuResponse>;
}

export function registerGraphRoutes(ctx: EmulatorContext, graphRoot: string): GraphApi {
  const router = new Router();
  registerUserRoutes(router, ctx, graphRoot);
  return {
    handle: async (req) =>
      (await router.dispatch(req)) ?? graphError(400, 'BadRequest', `Resource not found for the segment '${req.path.split('/')[1] ?? ''}'.`),
  };
}
