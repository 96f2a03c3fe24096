// The bot's chat latency: 50 people chatting at once (help, add an agenda item, agenda), from the
// activity reaching /api/messages to the bot's reply reaching the Bot Connector, against a bare echo bot
// built on the same Teams SDK. The bot runs as its own process (`src/bot/main.ts`) against the emulator in
// this one, as in production Graph is not in the bot's process. Loopback only: a fake Bot Connector on 127.0.0.1.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, localServerEnv, REPO_ROOT, startLocalStack } from '../scripts/local-stack.js';
import { startServerProcess } from '../scripts/server-process.js';
import type { Caller } from '../src/shared/access/app-roles.js';
import { ADMIN_ID, DEMO_TENANT_ID } from '../tools/m365-emulator/src/seed/demo-school.js';
import { buildTrust, type Trust, type TrustUser, superviseeRole } from './trust.js';
import { probe } from './emulator-probe.js';

const YEAR = '2027/28';
const USERS = 50;
const ROUNDS = 3;
/** Measured runs of each bot, taken in turn (echo, bot, echo, bot, …): the ratio is of their median p99s. */
const RUNS = 3;
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

/** An echo bot (bench/echo-bot.ts) in its own process, as the bot under test is; `env` adds to this process's. */
async function startEchoBot(env: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/echo-bot.ts'], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`the echo bot exited (${code}) before listening`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

const COMMANDS = ['help', 'add', 'agenda'] as const;
type Command = (typeof COMMANDS)[number];

interface VirtualUser {
  userId: string;
  name: string;
  conversationId: string;
  /** What they type, in order. */
  script: string[];
}

/** 50 chat users: one school's 50 supervisees (fictional), each with one arrangement and their own personal chat. */
function virtualUsers(people: readonly TrustUser[], runId: string, only?: Command): VirtualUser[] {
  return people.slice(0, USERS).map((person, n) => {
    const script: string[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      // The order differs from user to user, so the three commands overlap throughout.
      const cmds = COMMANDS.map((c) => (c === 'add' ? `add ${ITEMS[(n + r) % ITEMS.length] as string}` : c));
      for (let k = 0; k < cmds.length; k++) script.push(only ? (cmds[COMMANDS.indexOf(only)] as string) : (cmds[(k + n + r) % cmds.length] as string));
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
const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));
/** CPU time (user + system) a child process has used, from /proc on Linux; 0 where there is no /proc. */
async function cpuMsOf(child: ChildProcess): Promise<number> {
  try {
    const fields = (await readFile(`/proc/${child.pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
    // utime and stime, in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}
const ms = (n: number) => `${n.toFixed(1)} ms`;

interface Contender {
  /** As the report names it. */
  name: string;
  url: string;
  child: ChildProcess;
  users: VirtualUser[];
  runs: LoadResult[];
  cpuMs: number;
  graphRequests: number;
}

/** One run of a contender's script on a quiet stack (its own card updates done after it), with its CPU and Graph requests. */
async function measuredRun(c: Pick<Contender, 'url' | 'child'>, users: VirtualUser[], connector: BenchConnector, emu: ReturnType<typeof probe>) {
  await settle();
  const cpuBefore = await cpuMsOf(c.child);
  const graphBefore = (await emu.stats()).graphHttpRequests;
  const result = await drive(c.url, connector, users);
  // The bot's card updates go on after its last reply: counted with its run.
  await settle();
  return { result, cpuMs: (await cpuMsOf(c.child)) - cpuBefore, graphRequests: (await emu.stats()).graphHttpRequests - graphBefore };
}

/** npm run bench: the bot's reply latency under 50 concurrent chat users, against an echo bot on the same stack. */
export async function measureBotLatency(): Promise<boolean> {
  const stack = await startLocalStack({ demoArrangements: false, logLevel: 'silent', reminderIntervalMinutes: 0, calendarSyncMinutes: 0, persist: false });
  const tmp = await mkdtemp(path.join(tmpdir(), 'bench-bot-'));
  const children: ChildProcess[] = [];
  const emu = probe(stack.emulator);
  const connector = await startBenchConnector();
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

    // The bot under test runs as its own process, as in production, where Graph is not in the bot's process:
    // the emulator (in this process) does not take the bot's CPU. Each echo bot has its own process too.
    const caFile = path.join(tmp, 'emulator-ca.pem');
    await writeFile(caFile, stack.emulator.caCertPem);
    const echo = await startEchoBot();
    children.push(echo.child);
    const echoWrite = await startEchoBot({ ...localServerEnv(stack.emulator, caFile, 0, 'silent'), ECHO_GRAPH_WRITE: '1' });
    children.push(echoWrite.child);
    const botProcess = await startServerProcess({
      emulator: stack.emulator,
      caFile,
      port: await freePort(),
      logLevel: 'silent',
      env: { REMINDER_INTERVAL_MINUTES: '0', CALENDAR_SYNC_MINUTES: '0' },
    });
    children.push(botProcess.child);
    const contender = (name: string, c: { url: string; child: ChildProcess }, runId: string): Contender => ({
      name,
      ...c,
      users: virtualUsers(school.supervisees, runId),
      runs: [],
      cpuMs: 0,
      graphRequests: 0,
    });
    const echoBot = contender('Echo bot, same Teams SDK', echo, 'echo');
    const echoWriteBot = contender('Echo bot that first writes one SharePoint list item (same Graph client as the bot)', echoWrite, 'echo-write');
    const bot = contender('Safeguarding Supervision bot', { url: botProcess.serverUrl, child: botProcess.child }, 'bot');
    const contenders = [echoBot, echoWriteBot, bot];

    // All warm before measuring, as a running service is (connections, the SDK's code paths, each person's
    // saved conversation): each echo bot runs its whole script three times, the bot twice (so each agenda
    // already has items and posted cards, which every later change updates).
    for (const c of [echoBot, echoWriteBot]) for (let k = 0; k < 3; k++) await drive(c.url, connector, c.users);
    for (let k = 0; k < 2; k++) await drive(bot.url, connector, bot.users);

    // Measured in turn, each on a quiet stack: one slow run of any, from something else on the machine, does
    // not decide the ratio. CPU is each process's own, from /proc.
    const callsBefore = connector.calls.length;
    for (let run = 0; run < RUNS; run++) {
      for (const c of contenders) {
        const m = await measuredRun(c, c.users, connector, emu);
        c.runs.push(m.result);
        c.cpuMs += m.cpuMs;
        c.graphRequests += m.graphRequests;
      }
    }
    const botCalls = connector.calls.slice(callsBefore).filter((c) => c.conversationId.startsWith('bench-bot-'));
    // Where the bot's time goes: one run of each command alone (50 users, nine of it each), the bot against the echo bot.
    const perCommand: { command: Command; bot: Awaited<ReturnType<typeof measuredRun>>; echo: Awaited<ReturnType<typeof measuredRun>> }[] = [];
    for (const command of COMMANDS) {
      perCommand.push({
        command,
        bot: await measuredRun(bot, virtualUsers(school.supervisees, 'bot', command), connector, emu),
        echo: await measuredRun(echoBot, virtualUsers(school.supervisees, 'echo', command), connector, emu),
      });
    }

    const p99s = (runs: LoadResult[]) => runs.map((r) => percentile(r.latencies, 0.99));
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const p99Of = (c: Contender) => median(p99s(c.runs));
    const ratio = p99Of(bot) / Math.max(0.001, p99Of(echoBot));
    const ratioToWrite = p99Of(bot) / Math.max(0.001, p99Of(echoWriteBot));
    const all = (runs: LoadResult[]) => runs.flatMap((r) => r.latencies);
    const errors = (c: Contender) => c.runs.flatMap((r) => r.errors);
    const messages = bot.users.reduce((n, u) => n + u.script.length, 0) * RUNS;
    const ok = ratio <= TARGET_P99_RATIO && contenders.every((c) => errors(c).length === 0);
    const byCommand = new Map<string, number[]>();
    for (const r of bot.runs) for (const [command, values] of r.byCommand) byCommand.set(command, [...(byCommand.get(command) ?? []), ...values]);
    const cpuPerMessage = (c: Contender) => c.cpuMs / messages;
    console.log(
      `\nBot reply latency: ${USERS} chat users at once (one school's supervisees, each with an arrangement and a personal chat; ${YEAR} booked: ${job.value.booked} sessions), ${ROUNDS} rounds of help / add / agenda each, one message at a time per user; the bot, an echo bot and an echo bot that first writes one list item each in their own process, all warmed up, then ${RUNS} measured runs of each in turn; emulator without added latency, loopback Bot Connector\n`,
    );
    const report = (c: Contender) => {
      console.log(`${c.name} (${messages} messages in ${RUNS} runs)`);
      console.log(`  p99 per run:                  ${p99s(c.runs).map(ms).join(', ')} (median ${ms(p99Of(c))})`);
      console.log(`  all runs:                     p50 ${ms(percentile(all(c.runs), 0.5))}, p99 ${ms(percentile(all(c.runs), 0.99))}, max ${ms(Math.max(...all(c.runs)))}`);
      if (c.cpuMs > 0) console.log(`  CPU per message:              ${ms(cpuPerMessage(c))}`);
      console.log(`  Graph HTTP requests/message:  ${(c.graphRequests / messages).toFixed(2)}`);
      console.log(`  replies missing:              ${errors(c).length} (target 0)${errors(c)[0] ? `: ${errors(c)[0]}` : ''}`);
    };
    report(bot);
    for (const [command, values] of byCommand) console.log(`    ${command.padEnd(27)} p50 ${ms(percentile(values, 0.5))}, p99 ${ms(percentile(values, 0.99))} (${values.length})`);
    console.log(`  Bot Connector requests/msg:   ${(botCalls.length / messages).toFixed(2)} (${botCalls.filter((c) => c.method === 'PUT').length} card updates in all)`);
    report(echoBot);
    report(echoWriteBot);
    console.log(`Each command alone (${USERS} users, ${COMMANDS.length * ROUNDS} of it each), the bot against the echo bot:`);
    for (const { command, bot: b, echo: e } of perCommand) {
      const n = b.result.latencies.length;
      console.log(
        `  ${command.padEnd(7)} CPU ${ms(b.cpuMs / Math.max(1, n))} vs ${ms(e.cpuMs / Math.max(1, e.result.latencies.length))}, Graph requests ${(b.graphRequests / Math.max(1, n)).toFixed(2)}, p99 ${ms(percentile(b.result.latencies, 0.99))} vs ${ms(percentile(e.result.latencies, 0.99))}`,
      );
    }
    if (bot.cpuMs > 0 && echoBot.cpuMs > 0)
      console.log(
        `CPU per message, bot / echo:    ${(bot.cpuMs / echoBot.cpuMs).toFixed(1)}x (bot / echo that writes: ${(bot.cpuMs / Math.max(1, echoWriteBot.cpuMs)).toFixed(1)}x)`,
      );
    // The floor for any bot that keeps what it is told in SharePoint before answering: one Graph write, no logic.
    console.log(`p99 echo that writes / p99 echo: ${(p99Of(echoWriteBot) / Math.max(0.001, p99Of(echoBot))).toFixed(2)} (one Graph write and nothing else; reported, no target)`);
    console.log(`p99 bot / p99 echo that writes: ${ratioToWrite.toFixed(2)} (reported, no target)`);
    console.log(`p99 bot / p99 echo (medians):   ${ratio.toFixed(2)} (target <= ${TARGET_P99_RATIO}, ratio ${(ratio / TARGET_P99_RATIO).toFixed(2)})`);
    console.log(ok ? 'bot latency: target met\n' : 'bot latency: TARGET MISSED\n');
    return ok;
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode !== null || c.signalCode !== null ? undefined : new Promise((r) => c.once('exit', r)))));
    await rm(tmp, { recursive: true, force: true });
    await connector.close();
    await emu.close();
    await stack.stop();
  }
}
