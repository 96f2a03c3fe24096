import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { startEmulator, localAppConnection, LOCAL_CLIENT_ID, LOCAL_CLIENT_SECRET, type RunningEmulator } from '../../../tools/m365-emulator/src/index.js';
import type { GraphConnection } from '../../../src/bot/graph/graph-client.js';

export interface EmulatorFixture {
  emulator: RunningEmulator;
  dataDir: string;
  connection: GraphConnection;
  /** fetch that trusts only the emulator's certificate. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  devToken(userId: string, audience?: string, extra?: { scopes?: string[]; expiresInSeconds?: number }): Promise<string>;
  appToken(): Promise<string>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startEmulatorFixture(options: { faultSeed?: number } = {}): Promise<EmulatorFixture> {
  const dataDir = await mkdtemp(join(tmpdir(), 'm365-emulator-'));
  let emulator = await startEmulator({ dataDir, port: 0, ...options });
  let agent = new Agent({ connect: { ca: emulator.caCertPem } });
  const fixture: EmulatorFixture = {
    get emulator() {
      return emulator;
    },
    dataDir,
    get connection(): GraphConnection {
      return localAppConnection(emulator);
    },
    fetch: (path, init = {}) => fetch(new URL(path, emulator.url), { ...init, dispatcher: agent } as RequestInit),
    devToken: async (userId, audience = 'https://graph.microsoft.com', extra = {}) => {
      const res = await fixture.fetch('/_dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId, audience, ...extra }) });
      if (!res.ok) throw new Error(`dev token failed: ${res.status}`);
      return ((await res.json()) as { access_token: string }).access_token;
    },
    appToken: async () => {
      const body = new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: LOCAL_CLIENT_ID,
        client_secret: LOCAL_CLIENT_SECRET,
        scope: 'https://graph.microsoft.com/.default',
      });
      const res = await fixture.fetch(`/${emulator.tenantId}/oauth2/v2.0/token`, { method: 'POST', body });
      if (!res.ok) throw new Error(`app token failed: ${res.status}`);
      return ((await res.json()) as { access_token: string }).access_token;
    },
    restart: async () => {
      const port = Number(new URL(emulator.url).port);
      await emulator.close();
      await agent.close();
      emulator = await startEmulator({ dataDir, port, ...options });
      agent = new Agent({ connect: { ca: emulator.caCertPem } });
    },
    stop: async () => {
      await emulator.close();
      await agent.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return fixture;
}

/** Configures the emulator's seeded faults (emulator-only endpoint). */
export async function setFaults(f: EmulatorFixture, config: Record<string, unknown>): Promise<void> {
  const res = await f.fetch('/_emulator/faults', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(config) });
  if (!res.ok) throw new Error(`setting faults failed: ${res.status} ${await res.text()}`);
}

export async function emulatorStats(f: EmulatorFixture): Promise<{
  graphHttpRequests: number;
  identityHttpRequests: number;
  batchRequests: number;
  batchInnerRequests: number;
  injected: { throttle: number; unavailable: number; lostResponse: number; mailboxConcurrency: number; batchThrottle: number; batchUnavailable: number; batchLostResponse: number };
  byStatus: Record<string, number>;
  graphRequestLog: { at: number; method: string; path: string }[];
  eventsCreated: number;
  eventsDeduplicated: number;
  itemsCreated: number;
  preconditionFailed: number;
  notifications: { delivered: number; dropped: number; failed: number; discarded: number; retries: number; posts: number };
  lifecycleNotifications: { delivered: number; failed: number };
  subscriptionValidations: { succeeded: number; failed: number };
}> {
  return (await (await f.fetch('/_emulator/stats')).json()) as never;
}
