import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { startEmulator, LOCAL_CLIENT_ID, LOCAL_CLIENT_SECRET, SAFEGUARDING_SITE_ID, type RunningEmulator } from '../tools/m365-emulator/src/index.js';
import { startFromEnv, type StartedApp } from '../src/bot/compose.js';
import { seedDemoArrangements, seedDemoSessions } from './demo-arrangements.js';
import { seedDemoHistory, seedDemoSchools } from './demo-history.js';
import { ADMIN_ID, DSL_ID } from '../tools/m365-emulator/src/seed/demo-school.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface LocalStackOptions {
  /** Where the emulator keeps its state. Default: a fresh temporary folder, removed on stop. */
  dataDir?: string;
  /** Server port; 0 = any free port. */
  port?: number;
  /** Start the Microsoft 365 Agents Playground too. */
  playground?: boolean;
  playgroundPort?: number;
  logLevel?: string;
  logger?: Logger;
  /** Give a new demo school its supervision arrangements (default true). */
  demoArrangements?: boolean;
  /** Book this year for one demo arrangement, so a session and its reminder are there to see (default false). */
  demoSessions?: boolean;
  /**
   * Give a new demo school a year and a half of past sessions, records, contracts and decisions, with an
   * overdue supervisee, an unsigned record, a missing contract and an overdue decision to show, and make it a
   * trust of two schools (Oakfield Academy, Riverside Primary) with the demo arrangements spread over them (default false).
   */
  demoHistory?: boolean;
  /** How often the server runs the reminder job; 0 = only when asked (default 15). */
  reminderIntervalMinutes?: number;
  /** How often the compliance read model catches up with writes made outside the server; 0 = only when asked (default 60). */
  readModelRefreshSeconds?: number;
  /** Keep the emulator's store on disk (default true); a bench turns it off so no store write stalls this process. */
  persist?: boolean;
  /** How often Outlook subscriptions are renewed and organisers' calendars synced; 0 = only when asked (default 15). */
  calendarSyncMinutes?: number;
  /** How long after a change notification the mailbox is synced (default 2000 ms). */
  calendarNotificationDelayMs?: number;
}

export interface RunningStack {
  /** `http://127.0.0.1:<port>` */
  serverUrl: string;
  /** `http://localhost:<port>` when the Playground was started. */
  playgroundUrl?: string;
  playgroundLogFile?: string;
  emulator: RunningEmulator;
  app: StartedApp;
  stop(): Promise<void>;
}

/** The server's settings against the local emulator: the only thing that differs from production. */
export function localServerEnv(emulator: RunningEmulator, caFile: string, port: number, logLevel: string): Record<string, string> {
  return {
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: logLevel,
    TENANT_ID: emulator.tenantId,
    CLIENT_ID: LOCAL_CLIENT_ID,
    CLIENT_SECRET: LOCAL_CLIENT_SECRET,
    AUTH_AUTHORITY_HOST: emulator.authorityHost,
    GRAPH_BASE_URL: emulator.graphBaseUrl,
    GRAPH_CA_CERT_FILE: caFile,
    SHAREPOINT_SITE_ID: SAFEGUARDING_SITE_ID,
    ALLOW_UNAUTHENTICATED_BOT: 'true',
    // The demo school's safeguarding admin gets the card when a postponed session cannot be re-booked.
    SAFEGUARDING_ADMIN_IDS: ADMIN_ID,
    // The demo school's DSL gets the weekly supervision digest.
    DIGEST_RECIPIENT_IDS: DSL_ID,
    DEV_SIGN_IN_URL: `${emulator.url}_dev/token`,
    TAB_DIST_DIR: path.join(REPO_ROOT, 'dist/tab'),
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it is true; fails with `what` after the timeout, or as soon as `exited` gives a reason. */
export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs: number, exited: () => string | undefined = () => undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const why = exited();
    if (why) throw new Error(`${what} stopped before it was ready: ${why}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} was not ready within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function startPlayground(botUrl: string, port: number, logFile: string): Promise<ChildProcess> {
  const cli = path.join(REPO_ROOT, 'node_modules/@microsoft/m365agentsplayground/cli.js');
  const child = spawn(process.execPath, [cli, 'start', '--app-endpoint', `${botUrl}/api/messages`, '--channel-id', 'msteams', '--port', String(port), '--disable-telemetry'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: path.join(REPO_ROOT, '.m365agentsplayground.yml'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let exit: string | undefined;
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  child.once('exit', (code, signal) => (exit = `exit ${code ?? signal}; ${output.trim().split('\n').slice(-3).join(' | ')}`));
  // It runs in its own process group: if this process ends any way at all, take it down too.
  const killOnExit = () => killGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  try {
    await waitFor(
      async () => (await (await fetch(`http://127.0.0.1:${port}/_debug/ping`)).text()) === 'pong',
      'Microsoft 365 Agents Playground',
      60_000,
      () => exit,
    );
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  return child;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    killGroup(child, 'SIGTERM');
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/** Starts the emulator, the server and (optionally) the Agents Playground, all on loopback. */
export async function startLocalStack(opts: LocalStackOptions = {}): Promise<RunningStack> {
  const tempDir = opts.dataDir ? undefined : await mkdtemp(path.join(tmpdir(), 'safeguarding-stack-'));
  const dataDir = opts.dataDir ?? (tempDir as string);
  await mkdir(dataDir, { recursive: true });
  const emulator = await startEmulator({ port: 0, dataDir: path.join(dataDir, 'emulator'), ...(opts.persist === false ? { persist: false } : {}) });
  const cleanups: Array<() => Promise<void>> = [() => emulator.close()];
  const stop = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  };
  try {
    const caFile = path.join(dataDir, 'emulator-ca.pem');
    await writeFile(caFile, emulator.caCertPem);
    const env = {
      ...localServerEnv(emulator, caFile, opts.port ?? 0, opts.logLevel ?? 'warn'),
      REMINDER_INTERVAL_MINUTES: String(opts.reminderIntervalMinutes ?? 15),
      READ_MODEL_REFRESH_SECONDS: String(opts.readModelRefreshSeconds ?? 60),
      CALENDAR_SYNC_MINUTES: String(opts.calendarSyncMinutes ?? 15),
      CALENDAR_NOTIFICATION_DELAY_MS: String(opts.calendarNotificationDelayMs ?? 2000),
    };
    const app = await startFromEnv(env, opts.logger);
    cleanups.push(() => app.close());
    if (opts.demoArrangements !== false) await seedDemoArrangements(app.useCases);
    if (opts.demoArrangements !== false && opts.demoSessions) await seedDemoSessions(app.useCases, new Date().toISOString().slice(0, 10));
    if (opts.demoArrangements !== false && opts.demoHistory && app.store) {
      // After this year's booking has run, so the history leaves the windows it booked alone.
      await app.idle();
      // The demo trust's two schools, each demo arrangement in one (once), so the trust view has something to show.
      await seedDemoSchools(app.useCases);
      const written = await seedDemoHistory({ store: app.store, now: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') });
      // Written past the server's repositories: let its compliance read model (when it has one) catch up now.
      const readModel = (app as { readModel?: { refresh(): Promise<void> } }).readModel;
      if (written.sessions.length > 0) await readModel?.refresh();
    }
    const stack: RunningStack = { serverUrl: app.url, emulator, app, stop };
    if (opts.playground) {
      const port = opts.playgroundPort ?? (await freePort());
      const logFile = path.join(dataDir, 'playground.log');
      const child = await startPlayground(app.url, port, logFile);
      cleanups.push(() => stopChild(child));
      stack.playgroundUrl = `http://localhost:${port}`;
      stack.playgroundLogFile = logFile;
    }
    return stack;
  } catch (err) {
    await stop();
    throw err;
  }
}
