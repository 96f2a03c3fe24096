// npm run bench — the trust-wide booking preview; Graph round trips and correctness of bulk booking
// through the calendar adapter and through the booking use cases, against the local emulator
// (loopback only) with 50 ms added latency per HTTP request; the bot's reply latency under 50 chat
// users against an echo bot; the reminder job for a trust; the compliance dashboard over a trust's five
// years of history (read model start-up build, API p50/p95); the tab's first-load size.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localAppConnection, startEmulator } from '../tools/m365-emulator/src/index.js';
import { createGraphCalendar, type CreateResult, type NewCalendarEvent } from '../src/bot/graph/calendar.js';
import { createGraphClient } from '../src/bot/graph/graph-client.js';
import { probe } from './emulator-probe.js';
import { buildTrust } from './trust.js';
import { buildWorkload } from './workload.js';
import { measureTabBundle } from './tab-bundle.js';
import { measurePreviewTrust } from './preview-trust.js';
import { measureTrustPreview } from './plan-trust.js';
import { measureBookingThroughUseCase } from './book-through-use-case.js';
import { measureBotLatency } from './bot-latency.js';
import { measureReminderJob } from './reminder-job.js';
import { measureDashboard } from './dashboard.js';

// A multi-academy trust, not one school: 1,000 arrangements is 20 schools x 50. Each school's DSL
// and two deputies book their own supervisees' sessions, so 60 organizer mailboxes share the load —
// with Outlook's 4 in flight per mailbox, 3 mailboxes could never fill a 20-request $batch.
const SCHOOLS = 20;
const ARRANGEMENTS_PER_SCHOOL = 50;
const ARRANGEMENTS = SCHOOLS * ARRANGEMENTS_PER_SCHOOL;
const SESSIONS = 6;
const LATENCY_MS = 50;
const TARGET_REQUESTS_PER_EVENT = 0.06;
const REPLAYED_AFTER_RESTART = 1200;
const MAILBOX_HOLD_MS = 20;

interface ScenarioResult {
  name: string;
  expected: number;
  created: number;
  duplicated: number;
  lost: number;
  /** Creates the client reported as failed (whatever the store says). */
  failedInClient: number;
  mailboxThrottled: number;
  graphRequests: number;
  wallMs: number;
  throttled: number;
  batchMs: number[];
  replayNewEvents?: number;
}

const trust = buildTrust(SCHOOLS);
const workload = buildWorkload(trust, ARRANGEMENTS_PER_SCHOOL, SESSIONS);
const organizerMailboxes = new Set(workload.map((e) => e.organizerId)).size;

async function scenario(name: string, throttleRate: number): Promise<ScenarioResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'm365-bench-'));
  let emulator = await startEmulator({ dataDir, port: 0, faultSeed: 2026 });
  let emu = probe(emulator);
  // The trust's staff, seeded without Graph traffic (and kept on disk across the restart below).
  await emu.seedUsers(trust.users);
  const faults = {
    seed: 2026,
    latencyMs: LATENCY_MS,
    rules: [
      // Outlook: 4 concurrent requests per app per mailbox; each holds its slot while Exchange works.
      { kind: 'mailboxConcurrency', limit: 4, holdMs: MAILBOX_HOLD_MS, retryAfterSeconds: 1 },
      // Graph evaluates each request in a batch against its limits, so throttling hits inner requests.
      ...(throttleRate > 0 ? [{ kind: 'throttle', method: 'POST', path: '/events$', rate: throttleRate, retryAfterSeconds: 1 }] : []),
    ],
  };
  try {
    await emu.setFaults(faults);
    let connection = localAppConnection(emulator);
    const before = await emu.stats();
    const started = performance.now();
    const batchMs: number[] = [];
    const calendar = createGraphCalendar(createGraphClient(connection), { concurrency: 4, onBatch: (b) => batchMs.push(b.ms) });
    const results = await calendar.createEvents(workload);
    const wallMs = performance.now() - started;
    const after = await emu.stats();

    const audited = await audit(workload, results, emu);

    // A restart (the emulator's too: close, start on the same data dir) replays part of the queue
    // with a fresh client: transactionId must absorb it, and the client must report each as created.
    let replayNewEvents: number | undefined;
    let replayFailed = 0;
    if (throttleRate > 0) {
      const countBefore = (await emu.organizerEvents()).length;
      const port = Number(new URL(emulator.url).port);
      await emu.close();
      await emulator.close();
      emulator = await startEmulator({ dataDir, port, faultSeed: 2026 });
      emu = probe(emulator);
      await emu.setFaults(faults);
      connection = localAppConnection(emulator);
      const replayed = await createGraphCalendar(createGraphClient(connection), { concurrency: 4 }).createEvents(workload.slice(0, REPLAYED_AFTER_RESTART));
      replayFailed = replayed.filter((r) => !r.ok).length;
      replayNewEvents = (await emu.organizerEvents()).length - countBefore;
    }
    return {
      name,
      ...audited,
      failedInClient: audited.failedInClient + replayFailed,
      graphRequests: after.graphHttpRequests - before.graphHttpRequests,
      wallMs,
      batchMs,
      throttled: after.injected.throttle - before.injected.throttle,
      mailboxThrottled: after.injected.mailboxConcurrency - before.injected.mailboxConcurrency,
      ...(replayNewEvents !== undefined ? { replayNewEvents } : {}),
    };
  } finally {
    await emu.close();
    await emulator.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Counts from the emulator's store, not from what the client believes. */
async function audit(workload: NewCalendarEvent[], results: CreateResult[], emu: ReturnType<typeof probe>) {
  const stored = await emu.organizerEvents();
  const perTransaction = new Map<string, number>();
  for (const e of stored) {
    if (e.transactionId) perTransaction.set(e.transactionId, (perTransaction.get(e.transactionId) ?? 0) + 1);
  }
  const duplicated = [...perTransaction.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
  const lost = workload.filter((w) => !perTransaction.has(w.transactionId)).length;
  const failedInClient = results.filter((r) => !r.ok).length;
  return { expected: workload.length, created: perTransaction.size, duplicated, lost, failedInClient };
}

const fmt = (n: number, digits = 3) => n.toFixed(digits);
const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

function report(results: ScenarioResult[]): boolean {
  let ok = true;
  console.log(
    `\nGraph booking bench: ${ARRANGEMENTS} arrangements x ${SESSIONS} sessions = ${ARRANGEMENTS * SESSIONS} events, ${LATENCY_MS} ms added latency, $batch of 20, 4 in flight, Outlook's 4 requests in flight per mailbox (${MAILBOX_HOLD_MS} ms each)`,
  );
  console.log(
    `workload: ${trust.name} (fictional), ${trust.schools.length} schools, ${organizerMailboxes} organizer mailboxes (DSL + 2 deputies each), ${trust.users.length} staff, ${ARRANGEMENTS} arrangements (${ARRANGEMENTS_PER_SCHOOL} per school), ${workload.length} events\n`,
  );
  for (const r of results) {
    const perEvent = r.graphRequests / Math.max(1, r.created);
    const ratio = perEvent / TARGET_REQUESTS_PER_EVENT;
    ok &&= ratio <= 1 && r.duplicated === 0 && r.lost === 0 && r.failedInClient === 0 && (r.replayNewEvents ?? 0) === 0;
    console.log(`${r.name}`);
    console.log(`  Graph HTTP requests:          ${r.graphRequests}`);
    console.log(`  requests per created event:   ${fmt(perEvent)} (target <= ${TARGET_REQUESTS_PER_EVENT}, ratio ${fmt(ratio, 2)})`);
    console.log(`  wall time:                    ${fmt(r.wallMs / 1000, 1)} s (${fmt(r.created / (r.wallMs / 1000), 0)} events/s)`);
    console.log(
      `  $batch round trip:            p50 ${fmt(percentile(r.batchMs, 0.5), 0)} ms, p95 ${fmt(percentile(r.batchMs, 0.95), 0)} ms, max ${fmt(Math.max(...r.batchMs), 0)} ms (${r.batchMs.length} calls)`,
    );
    console.log(`  inner requests throttled:     ${r.throttled} injected, ${r.mailboxThrottled} over the mailbox limit`);
    console.log(`  events created:               ${r.created} of ${r.expected}`);
    console.log(`  events duplicated:            ${r.duplicated} (target 0)`);
    console.log(`  events lost:                  ${r.lost} (target 0)`);
    console.log(`  reported failed to caller:    ${r.failedInClient} (target 0)`);
    if (r.replayNewEvents !== undefined) console.log(`  replay of ${REPLAYED_AFTER_RESTART} after restart: ${r.replayNewEvents} new events (target 0)`);
    console.log('');
  }
  console.log(ok ? 'bench: all targets met' : 'bench: TARGET MISSED');
  return ok;
}

// The booking preview's planning for a trust: pure CPU, first, while the machine is quiet.
const preview = measurePreviewTrust();
const planner = measureTrustPreview();
const results = [await scenario('no faults', 0), await scenario('10% of inner requests throttled (429, Retry-After: 1)', 0.1)];
const graphOk = report(results);
console.log('');
const useCaseOk = await measureBookingThroughUseCase();
const botLatencyOk = await measureBotLatency();
const reminderJobOk = await measureReminderJob();
const dashboardOk = await measureDashboard();
const tab = await measureTabBundle();
process.exitCode = graphOk && useCaseOk && botLatencyOk && reminderJobOk && dashboardOk && preview.ok && planner.ok && tab.ok ? 0 : 1;
