// The bot's chat latency: 50 people chatting at once (help, add an agenda item, agenda), from the
// activity reaching /api/messages to the bot's reply reaching the Bot Connector, against a bare echo bot
// built on the same Teams SDK. The bot runs as its own process (`src/bot/main.ts`) against the emulator in
// this one, as in production Graph is not in the bot's process. Loopback only: a fake Bot Connector on 127.0.0.1.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, ExpressAdapter } from '@microsoft/teams.apps';
import express from 'express';
import pino from 'pino';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startLocalStack } from '../scripts/local-stack.js';
import { startServerProcess } from '../scripts/server-process.js';
import type { Caller } from '../src/shared/access/app-roles.js';
import { teamsSdkLogger } from '../src/bot/teams/sdk-logger.js';
import { ADMIN_ID, DEMO_TENANT_ID } from '../tools/m365-emulator/src/seed/demo-school.js';
import { buildTrust, type Trust, type TrustUser, superviseeRole } from './trust.js';
import { probe } from './emulator-probe.js';

const YEAR = '2027/28';
const USERS = 50;
const ROUNDS = 3;
/** p99(bot) / p99(echo): the bot may take at most half as long again as a bot that does nothing. */
export const TARGET_P99_RATIO = 1.5;
const REPLY_TIMEOUT_MS = 30_000;

// Neutral, fictional agenda items: no names, nothing that reads as a case.
const ITEMS = ['workload since the new term', 'training log review', 'handover notes for the next half term', 'reflection on a recent referral process', 'wellbeing check-in'];

const admin: Caller = { id: ADMIN_ID, roles: ['Safeguarding.Admin'] };

/** One call the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: string;
  conversationId: string;
  /** performance.now() when the request reached the connector. */
  at: number;
}

export interface BenchConnector {
  /** `http://127.0.0.1:<port>`: the serviceUrl to give the bot. */
  url: string;
  calls: ConnectorCall[];
  /** New activities (POST) per conversation, in order of arrival. */
  posted(conversationId: string): number[];
  /** Resolves with the arrival time of the `index`-th POST to the conversation (0-based). */
  nthPost(conversationId: string, index: number, timeoutMs?: number): Promise<number>;
  close(): Promise<void>;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?\/?$/;

/** A loopback Bot Connector: records every call with its arrival time and answers `{ id }`, as the real one does. */
export async function startBenchConnector(): Promise<BenchConnector> {
  const calls: ConnectorCall[] = [];
  const posts = new Map<string, number[]>();
  const waiters = new Map<string, { index: number; resolve: (at: number) => void }[]>();
  const server = createServer((req, res) => {
    const at = performance.now();
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const match = ROUTE.exec(path);
    req.resume();
    req.on('end', () => {
      if (!match || (req.method !== 'POST' && req.method !== 'PUT')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'NotFound', message: path } }));
        return;
      }
      const conversationId = decodeURIComponent(match[1] as string);
      calls.push({ method: req.method, conversationId, at });
      if (req.method === 'POST') {
        const list = posts.get(conversationId) ?? [];
        list.push(at);
        posts.set(conversationId, list);
        const waiting = waiters.get(conversationId) ?? [];
        for (const w of waiting.filter((x) => x.index < list.length)) w.resolve(list[w.index] as number);
        waiters.set(
          conversationId,
          waiting.filter((x) => x.index >= list.length),
        );
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: randomUUID() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    posted: (conversationId) => posts.get(conversationId) ?? [],
    nthPost: (conversationId, index, timeoutMs = REPLY_TIMEOUT_MS) => {
      const list = posts.get(conversationId) ?? [];
      if (index < list.length) return Promise.resolve(list[index] as number);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no reply in conversation ${conversationId} within ${timeoutMs / 1000} s`)), timeoutMs);
        const entry = {
          index,
          resolve: (at: number) => {
            clearTimeout(timer);
            resolve(at);
          },
        };
        waiters.set(conversationId, [...(waiters.get(conversationId) ?? []), entry]);
      });
    },
    close: () => closeServer(server),
  };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A Teams activity from `userId` in their personal chat `conversationId`, unsigned (the local server accepts those). */
export function personalActivity(connectorUrl: string, userId: string, displayName: string, conversationId: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connectorUrl,
    from: { id: `29:${userId}`, name: displayName, aadObjectId: userId },
    recipient: { id: '28:safeguarding-supervision-bot', name: 'Safeguarding Supervision' },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: DEMO_TENANT_ID },
    channelData: { tenant: { id: DEMO_TENANT_ID } },
    locale: 'en-GB',
    ...fields,
  };
}

export async function postActivity(botUrl: string, activity: Record<string, unknown>): Promise<number> {
  const res = await fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  await res.arrayBuffer();
  return res.status;
}

/** A second Teams SDK app that only echoes: configured as src/bot/teams/create-teams-app.ts configures the bot. */
async function startEchoBot(): Promise<{ url: string; close(): Promise<void> }> {
  const log = pino({ level: 'silent' });
  const expressApp = express();
  const app = new App({
    clientId: '',
    clientSecret: '',
    dangerouslyAllowUnauthenticatedRequests: true,
    httpServerAdapter: new ExpressAdapter(expressApp, { logger: teamsSdkLogger(log, 'teams-http') }),
    logger: teamsSdkLogger(log),
    messagingEndpoint: '/api/messages',
  });
  app.on('message', async ({ activity, send }) => {
    await send(activity.text ?? '');
  });
  await app.initialize();
  const server = createServer(expressApp);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}

interface VirtualUser {
  userId: string;
  name: string;
  conversationId: string;
  /** What they type, in order. */
  script: string[];
}

/** 50 chat users: one school's 50 supervisees (fictional), each with one arrangement and their own personal chat. */
function virtualUsers(people: readonly TrustUser[], runId: string): VirtualUser[] {
  return people.slice(0, USERS).map((person, n) => {
    const script: string[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      // The order differs from user to user, so the three commands overlap throughout.
      const cmds = ['help', `add ${ITEMS[(n + r) % ITEMS.length] as string}`, 'agenda'];
      for (let k = 0; k < cmds.length; k++) script.push(cmds[(k + n + r) % cmds.length] as string);
    }
    return { userId: person.id, name: person.displayName, conversationId: `bench-${runId}-${person.id}`, script };
  });
}

interface LoadResult {
  latencies: number[];
  byCommand: Map<string, number[]>;
  wallMs: number;
  errors: string[];
}

/**
 * Every user sends their script one message at a time: each message waits for its reply at the connector
 * (and for the bot's HTTP answer) before the next. Latency = POST to /api/messages until the reply arrives.
 */
async function drive(botUrl: string, connector: BenchConnector, users: VirtualUser[]): Promise<LoadResult> {
  const latencies: number[] = [];
  const byCommand = new Map<string, number[]>();
  const errors: string[] = [];
  const started = performance.now();
  await Promise.all(
    users.map(async (u) => {
      for (const text of u.script) {
        const index = connector.posted(u.conversationId).length;
        const t0 = performance.now();
        const reply = connector.nthPost(u.conversationId, index);
        try {
          const status = await postActivity(botUrl, personalActivity(connector.url, u.userId, u.name, u.conversationId, { type: 'message', text, textFormat: 'plain' }));
          if (status >= 300) throw new Error(`HTTP ${status} from /api/messages`);
          const at = await reply;
          const command = text.split(' ')[0] as string;
          latencies.push(at - t0);
          byCommand.set(command, [...(byCommand.get(command) ?? []), at - t0]);
        } catch (err) {
          reply.catch(() => undefined);
          errors.push(err instanceof Error ? err.message : String(err));
        }
      }
    }),
  );
  return { latencies, byCommand, wallMs: performance.now() - started, errors };
}

const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** npm run bench: the bot's reply latency under 50 concurrent chat users, against an echo bot on the same stack. */
export async function measureBotLatency(): Promise<boolean> {
  const stack = await startLocalStack({ demoArrangements: false, logLevel: 'silent', reminderIntervalMinutes: 0 });
  const tmp = await mkdtemp(path.join(tmpdir(), 'bench-bot-'));
  const children: ChildProcess[] = [];
  const emu = probe(stack.emulator);
  const connector = await startBenchConnector();
  const echo = await startEchoBot();
  try {
    // One school of the fictional trust: 50 supervisees, each supervised by the DSL or a deputy, the year booked.
    const school = buildTrust(1).schools[0] as Trust['schools'][number];
    await emu.seedUsers(buildTrust(1).users);
    for (const [k, s] of school.supervisees.slice(0, USERS).entries()) {
      const supervisor = school.supervisors[k % school.supervisors.length] as TrustUser;
      const made = await stack.app.useCases.createArrangement({
        caller: admin,
        arrangement: {
          supervisorId: supervisor.id,
          supervisorRole: k % school.supervisors.length === 0 ? 'dsl' : 'deputy-dsl',
          supervisees: [{ id: s.id, role: superviseeRole(s.jobTitle) }],
          organiser: 'supervisor',
          teamsMeeting: false,
          preferences: {},
        },
      });
      if (!made.ok) throw new Error(`arrangement refused: ${made.refusal.message}`);
    }
    const preview = await stack.app.useCases.previewBooking({ caller: admin, request: { academicYear: YEAR } });
    if (!preview.ok) throw new Error(preview.refusal.message);
    const started = await stack.app.useCases.startBooking({ caller: admin, request: { academicYear: YEAR } });
    if (!started.ok) throw new Error(started.refusal.message);
    await stack.app.idle();
    const job = await stack.app.useCases.getBookingJob({ caller: admin, jobId: started.value.id });
    if (!job.ok || job.value.state !== 'done') throw new Error('the booking did not finish');

    // Warm up both (connections, the SDK's code paths, each person's saved conversation) before measuring:
    // the echo bot with its whole script four times (loopback connections settle only after a few runs
    // here), the bot with help only (no agenda items, no posted cards).
    // The bot under test runs as its own process, as in production, where Graph is not in the bot's process:
    // the emulator (in this process) does not take the bot's CPU. The echo bot gets its own process too.
    const caFile = path.join(tmp, 'emulator-ca.pem');
    await writeFile(caFile, stack.emulator.caCertPem);
    const botProcess = await startServerProcess({ emulator: stack.emulator, caFile, port: await freePort(), logLevel: 'silent', env: { REMINDER_INTERVAL_MINUTES: '0' } });
    children.push(botProcess.child);
    const botUrl = botProcess.serverUrl;
    const users = virtualUsers(school.supervisees, 'bot');
    for (let k = 0; k < 4; k++) await drive(echo.url, connector, virtualUsers(school.supervisees, 'echo'));
    await drive(
      botUrl,
      connector,
      users.map((u) => ({ ...u, script: ['help', 'help', 'help'] })),
    );

    // Each measured run starts on a quiet stack (the emulator writes its store to disk 200 ms after a change).
    await settle();
    const echoed = await drive(echo.url, connector, virtualUsers(school.supervisees, 'echo'));
    await settle();
    const callsBefore = connector.calls.length;
    const graphBefore = (await emu.stats()).graphHttpRequests;
    const bot = await drive(botUrl, connector, users);
    const graph = (await emu.stats()).graphHttpRequests - graphBefore;
    const botCalls = connector.calls.slice(callsBefore);

    const p99Bot = percentile(bot.latencies, 0.99);
    const p99Echo = percentile(echoed.latencies, 0.99);
    const ratio = p99Bot / Math.max(0.001, p99Echo);
    const messages = users.reduce((n, u) => n + u.script.length, 0);
    const ok = ratio <= TARGET_P99_RATIO && bot.errors.length === 0 && echoed.errors.length === 0;
    console.log(
      `\nBot reply latency: ${USERS} chat users at once (one school's supervisees, each with an arrangement and a personal chat; ${YEAR} booked: ${job.value.booked} sessions; the bot in its own process), ${ROUNDS} rounds of help / add / agenda each, one message at a time per user; emulator without added latency, loopback Bot Connector\n`,
    );
    console.log(`Safeguarding Supervision bot (${messages} messages, ${(bot.wallMs / 1000).toFixed(1)} s)`);
    console.log(`  reply latency:                p50 ${ms(percentile(bot.latencies, 0.5))}, p99 ${ms(p99Bot)}, max ${ms(Math.max(...bot.latencies))}`);
    for (const [command, values] of bot.byCommand)
      console.log(`    ${command.padEnd(27)} p50 ${ms(percentile(values, 0.5))}, p99 ${ms(percentile(values, 0.99))} (${values.length})`);
    console.log(
      `  per message:                  ${(graph / messages).toFixed(2)} Graph HTTP requests, ${(botCalls.length / messages).toFixed(2)} Bot Connector requests (${botCalls.filter((c) => c.method === 'PUT').length} card updates in all)`,
    );
    console.log(`  replies missing:              ${bot.errors.length} (target 0)${bot.errors[0] ? `: ${bot.errors[0]}` : ''}`);
    console.log(`Echo bot, same Teams SDK, same process (${messages} messages, ${(echoed.wallMs / 1000).toFixed(1)} s)`);
    console.log(`  reply latency:                p50 ${ms(percentile(echoed.latencies, 0.5))}, p99 ${ms(p99Echo)}, max ${ms(Math.max(...echoed.latencies))}`);
    console.log(`  replies missing:              ${echoed.errors.length} (target 0)${echoed.errors[0] ? `: ${echoed.errors[0]}` : ''}`);
    console.log(`p99 bot / p99 echo:             ${ratio.toFixed(2)} (target <= ${TARGET_P99_RATIO}, ratio ${(ratio / TARGET_P99_RATIO).toFixed(2)})`);
    console.log(ok ? 'bot latency: target met\n' : 'bot latency: TARGET MISSED\n');
    return ok;
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode !== null || c.signalCode !== null ? undefined : new Promise((r) => c.once('exit', r)))));
    await rm(tmp, { recursive: true, force: true });
    await echo.close();
    await connector.close();
    await emu.close();
    await stack.stop();
  }
}
