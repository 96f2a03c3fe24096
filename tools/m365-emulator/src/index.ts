import { mkdir } from 'node:fs/promises';
import { createEmulatorServer } from './server.js';

import { LOCAL_CLIENT_ID, LOCAL_CLIENT_SECRET } from './config.js';
export { LOCAL_CLIENT_ID, LOCAL_CLIENT_SECRET, LOCAL_APP_ROLES } from './config.js';
export { DEMO_TENANT_ID, DEMO_USERS, DEMO_APP_ROLES, DSL_ID, PRINCIPAL_ID, ADMIN_ID, AUDITOR_ID } from './seed/demo-school.js';
export { SAFEGUARDING_SITE_ID, STAFF_ROOM_SITE_ID } from './seed/demo-sites.js';
export { LOCAL_MANAGED_IDENTITY, TOKEN_EXCHANGE_AUDIENCE } from './identity/managed-identity.js';
import { LOCAL_MANAGED_IDENTITY, MANAGED_IDENTITY_PATH } from './identity/managed-identity.js';
export type { FaultConfig, FaultRule } from './emulator/faults.js';
export type { UserRecord } from './store/user-record.js';

export interface EmulatorOptions {
  /** 0 = a free port (default). */
  port?: number;
  dataDir: string;
  faultSeed?: number;
  /** false: changes stay in memory, never written to the data dir (benches with very large lists). Default true. */
  persist?: boolean;
}

export interface RunningEmulator {
  /** `https://127.0.0.1:<port>/` */
  url: string;
  /** `https://127.0.0.1:<port>/` — Graph paths are `/v1.0/...`. */
  graphBaseUrl: string;
  /** `https://127.0.0.1:<port>` — Entra-like paths under `/{tenantId}/...`. */
  authorityHost: string;
  tenantId: string;
  /** PEM of the self-signed certificate; trust only it. */
  caCertPem: string;
  /** The App Service managed-identity endpoint as a web app sees it (IDENTITY_ENDPOINT / IDENTITY_HEADER), and the local user-assigned identity. */
  managedIdentity: { endpoint: string; header: string; clientId: string; principalId: string };
  close(): Promise<void>;
}

export async function startEmulator(opts: EmulatorOptions): Promise<RunningEmulator> {
  await mkdir(opts.dataDir, { recursive: true });
  const emulator = await createEmulatorServer({
    port: opts.port ?? 0,
    dataDir: opts.dataDir,
    ...(opts.faultSeed !== undefined ? { faultSeed: opts.faultSeed } : {}),
    ...(opts.persist !== undefined ? { persist: opts.persist } : {}),
  });
  const url = emulator.ctx.origin;
  return {
    url,
    graphBaseUrl: url,
    authorityHost: url.replace(/\/$/, ''),
    tenantId: emulator.ctx.issuer.tenantId,
    caCertPem: emulator.caCertPem,
    managedIdentity: {
      endpoint: `${url}${MANAGED_IDENTITY_PATH.slice(1)}`,
      header: emulator.ctx.identityHeader,
      clientId: LOCAL_MANAGED_IDENTITY.clientId,
      principalId: LOCAL_MANAGED_IDENTITY.principalId,
    },
    close: () => emulator.close(),
  };
}

/** How the app reaches this emulator as its registered local app (the shape of the server's GraphConnection). */
export function localAppConnection(emulator: RunningEmulator) {
  return {
    graphBaseUrl: emulator.graphBaseUrl,
    authorityHost: emulator.authorityHost,
    tenantId: emulator.tenantId,
    clientId: LOCAL_CLIENT_ID,
    clientSecret: LOCAL_CLIENT_SECRET,
    caCertPem: emulator.caCertPem,
  };
}
