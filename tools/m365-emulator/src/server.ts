import { createServer, type Server } from 'node:https';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import pino from 'pino';
import { DEFAULT_APPS } from './config.js';
import { FaultInjector } from './emulator/faults.js';
import { Notifier } from './emulator/notifier.js';
import { registerEmulatorRoutes } from './emulator/routes.js';
import { EmulatorStats } from './emulator/stats.js';
import type { EmulatorContext } from './context.js';
import { ChangeFeed } from './graph/change-feed.js';
import { registerGraphRoutes } from './graph/routes.js';
import { authenticate } from './graph/auth-gate.js';
import { BodyError, readRequest, writeResponse } from './http/node-adapter.js';
import { Router } from './http/router.js';
import { graphError, json, type EmuRequest, type EmuResponse } from './http/types.js';
import { loadOrCreateSigningKey } from './identity/signing-key.js';
import { registerIdentityRoutes } from './identity/routes.js';
import { DEMO_TENANT_ID } from './seed/demo-school.js';
import { openState } from './store/state.js';
import { loadOrCreateCertificate } from './tls/certificate.js';

export interface EmulatorServer {
  ctx: EmulatorContext;
  server: Server;
  caCertPem: string;
  close(): Promise<void>;
}

const log = pino({ name: 'm365-emulator', level: process.env['EMULATOR_LOG_LEVEL'] ?? 'warn' });

export async function createEmulatorServer(opts: { port: number; dataDir: string; faultSeed?: number; persist?: boolean }): Promise<EmulatorServer> {
  const [tls, key, state] = await Promise.all([loadOrCreateCertificate(opts.dataDir), loadOrCreateSigningKey(opts.dataDir), openState(opts.dataDir, opts.persist ?? true)]);
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => handle(req, res));
  // A cloud service keeps an idle connection for a minute or more, not Node's 5 s: a client reuses its
  // TLS connections between bursts here as it would against Microsoft 365.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `https://127.0.0.1:${port}/`;
  const faults = new FaultInjector(opts.faultSeed ?? 1);
  const stats = new EmulatorStats();
  const changes = new ChangeFeed(state);
  const notifier = new Notifier({ state, stats, faults, tenantId: DEMO_TENANT_ID });
  changes.onChange((event, changeType) => notifier.onEventChange(event, changeType));
  const ctx: EmulatorContext = {
    origin,
    issuer: { issuer: `${origin}${DEMO_TENANT_ID}/v2.0`, tenantId: DEMO_TENANT_ID, key },
    identityHeader: randomBytes(24).toString('base64url'),
    apps: DEFAULT_APPS,
    state,
    faults,
    stats,
    changes,
    notifier,
  };
  const graphRoot = `${origin}v1.0/`;
  const identity = new Router();
  registerIdentityRoutes(identity, ctx);
  registerEmulatorRoutes(identity, ctx);
  const graph = registerGraphRoutes(ctx, graphRoot);

  const dispatch = async (req: EmuRequest): Promise<EmuResponse> => {
    ctx.stats.httpRequests++;
    if (req.path === '/v1.0' || req.path.startsWith('/v1.0/')) {
      ctx.stats.graphHttpRequests++;
      ctx.stats.logGraphRequest(req.method, req.path);
      if (ctx.faults.latencyMs > 0) await delay(ctx.faults.latencyMs);
      const principal = await authenticate(ctx, req);
      if ('status' in principal) return principal;
      const graphReq: EmuRequest = { ...req, path: req.path.slice('/v1.0'.length) || '/', principal };
      return graph.handle(graphReq);
    }
    if (!req.path.startsWith('/_emulator/')) ctx.stats.identityHttpRequests++;
    return (await identity.dispatch(req)) ?? json(404, { error: 'not_found', message: `No emulator endpoint at ${req.method} ${req.path}.` });
  };

  handle = (req, res) => {
    readRequest(req)
      .then(dispatch, (error: unknown) => {
        if (error instanceof BodyError) return graphError(400, 'BadRequest', error.message);
        throw error;
      })
      .then((response) => writeResponse(res, response))
      .catch((error: unknown) => {
        log.error({ err: error, method: req.method }, 'emulator request failed');
        if (!res.headersSent) writeResponse(res, graphError(500, 'generalException', 'The emulator failed to handle the request.'));
        else res.destroy();
      });
  };

  return {
    ctx,
    server,
    caCertPem: tls.certPem,
    close: async () => {
      notifier.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await state.flush();
    },
  };
}
