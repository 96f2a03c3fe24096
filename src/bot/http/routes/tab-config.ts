import { Router } from 'express';
import type { ServerConfig } from '../../config.js';

/** GET /api/config: what the tab needs to sign in (no secrets). */
export function tabConfigRoutes(config: ServerConfig): Router {
  return Router().get('/config', (_req, res) => {
    res.json({
      mode: config.mode,
      tenantId: config.tenantId,
      clientId: config.clientId,
      apiScope: config.auth.apiScope,
      authorityHost: config.auth.authorityHost,
    });
  });
}
