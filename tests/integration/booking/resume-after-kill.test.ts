// A server killed (SIGKILL: no shutdown, no last write) in the middle of booking the year resumes
// the job when it starts again, and books every session exactly once.
//
// The emulator runs in this process; the server runs as a child process so it can be killed.

import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../scripts/local-stack.js';
import { startServerProcess, type ServerProcess } from '../../../scripts/server-process.js';
import { DEMO_ARRANGEMENTS } from '../../../scripts/demo-arrangements.js';
import { ADMIN_ID, DEMO_USERS, startEmulator, type RunningEmulator } from '../../../tools/m365-emulator/src/index.js';
import { callApi as callStack, tokenFor as tokenForStack } from '../../support/api.js';
import type { RunningStack } from '../../support/start-stack.js';
import { countBy, graphReader, type GraphReader } from '../../support/graph-reader.js';
import { doubleBooked, pollJob, type BookingJob, type BookingPreview, type Session } from './booking-helpers.js';

// A whole year ahead, so every half term is still to book (six sessions an arrangement).
const YEAR = '2027/28';
const YEAR_FROM = '2027-09-01T00:00:00Z';
const YEAR_TO = '2028-09-01T00:00:00Z';

// The API helpers only need the server's URL.
const callApi = <T = unknown>(server: { serverUrl: string }, token: string, method: string, url: string, body?: unknown) =>
  callStack<T>(server as unknown as RunningStack, token, method, url, body);
const tokenFor = (server: { serverUrl: string }, userId: string) => tokenForStack(server as unknown as RunningStack, userId);

const children: ChildProcess[] = [];
let dataDir = '';
let emulator: RunningEmulator | undefined;
let reader: GraphReader;
let caFile = '';
let port = 0;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  try {
    process.kill(-child.pid, signal); // its own process group: tsx and anything it started
  } catch {
    child.kill(signal);
  }
}

/** The server as a child process in its own process group, on the same port each time. */
async function startServer(): Promise<ServerProcess> {
  const server = await startServerProcess({ emulator: emulator as RunningEmulator, caFile, port, detached: true });
  children.push(server.child);
  return server;
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'safeguarding-resume-'));
  emulator = await startEmulator({ port: 0, dataDir: path.join(dataDir, 'emulator') });
  caFile = path.join(dataDir, 'emulator-ca.pem');
  await writeFile(caFile, emulator.caCertPem);
  port = await freePort();
  reader = graphReader(emulator);
}, 60_000);

afterAll(async () => {
  for (const c of children) killGroup(c, 'SIGKILL');
  await Promise.all(children.map(waitForExit));
  await emulator?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('a booking job interrupted by SIGKILL', () => {
  it('resumes on the next start and books every proposed session exactly once', async () => {
    // 1. A server, the demo arrangements through the API, and the proposal.
    let server = await startServer();
    const admin = await tokenFor(server, ADMIN_ID);
    for (const a of DEMO_ARRANGEMENTS) {
      const made = await callApi(server, admin, 'POST', '/api/arrangements', a);
      expect(made.status, JSON.stringify(made.body)).toBe(201);
    }
    const preview = await callApi<BookingPreview>(server, admin, 'POST', '/api/booking/preview', { academicYear: YEAR });
    expect(preview.status).toBe(200);
    const proposed = preview.body.arrangements.flatMap((a) => a.sessions.filter((s) => s.status === 'proposed'));
    const total = proposed.length;
    expect(total).toBe(DEMO_ARRANGEMENTS.length * 6);

    // 2. Make each Outlook create take 0.8 s (Exchange's own work, per mailbox), so booking takes a few
    //    seconds (30 sessions: three chunks of 10, two at a time); start it, and kill the server while
    //    meetings exist but no session has been saved yet.
    await reader.setFaults({ rules: [{ kind: 'mailboxConcurrency', method: 'POST', path: '/events$', limit: 4, holdMs: 800, rate: 1, retryAfterSeconds: 1, target: 'request' }] });
    const started = await callApi<BookingJob>(server, admin, 'POST', '/api/booking/jobs', { academicYear: YEAR });
    expect(started.status).toBe(202);
    expect(started.body.total).toBe(total);
    const location = started.headers.get('location') as string;
    const organiserEvents = async () => (await reader.emulatorEvents()).filter((e) => e.isOrganizer && e.transactionId?.startsWith('ss-'));
    const storedSessions = async () => (await reader.store.query('Sessions', {})).map((i) => JSON.parse(String(i.fields.ValueJson)) as Session);
    /** Polls until `ready` holds, then SIGKILLs the server; fails if the job ends first. */
    const killWhen = async (ready: (job: BookingJob, events: number) => boolean): Promise<void> => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const job = (await callApi<BookingJob>(server, admin, 'GET', location)).body;
        const events = (await organiserEvents()).length;
        if (ready(job, events)) break;
        expect(job.state, `the job ended before it could be interrupted (booked ${job.booked}, ${events} meetings)`).toBe('running');
        expect(Date.now() < deadline, 'no progress within 30 s').toBe(true);
        await new Promise((r) => setTimeout(r, 20));
      }
      killGroup(server.child, 'SIGKILL');
      await waitForExit(server.child);
      expect(server.child.signalCode).toBe('SIGKILL');
    };

    await killWhen((job, events) => job.booked === 0 && events > 0);
    const atFirstKill = await organiserEvents();
    expect(atFirstKill.length).toBeGreaterThan(0);
    expect(atFirstKill.length).toBeLessThan(total);
    expect(await storedSessions()).toEqual([]);
    const running = (await reader.store.query('BookingJobs', { State: 'running' })).map((i) => JSON.parse(String(i.fields.ValueJson)) as BookingJob);
    expect(running.map((j) => j.id)).toEqual([started.body.id]);

    // 3. Start again: the server resumes the job by itself. Kill it again once the job reports part of the
    //    year booked (0 < booked < total), while the rest is still being made.
    server = await startServer();
    await killWhen((job) => job.booked > 0 && job.booked < total);
    expect(server.output()).toMatch(/resuming booking jobs/);
    const atSecondKill = await storedSessions();
    expect(atSecondKill.length).toBeGreaterThan(0);
    expect(atSecondKill.length).toBeLessThan(total);

    // 4. A third start, at full speed, finishes it.
    await reader.clearFaults();
    server = await startServer();
    const job = await pollJob(server, admin, location, (j) => j.state !== 'running', 45_000);
    expect(server.output()).toMatch(/resuming booking jobs/);
    expect(job).toMatchObject({ id: started.body.id, state: 'done', total, booked: total, alreadyBooked: 0, failed: [] });
    // 5. Exactly once: one organiser event per transactionId, one Sessions item per session, none lost.
    const events = await organiserEvents();
    const perTransaction = countBy(events, (e) => e.transactionId as string);
    expect([...perTransaction].filter(([, n]) => n !== 1)).toEqual([]);
    expect(perTransaction.size).toBe(total);
    // Every meeting made before a kill is one of these: none was made again.
    for (const e of atFirstKill) expect(events.find((x) => x.transactionId === e.transactionId)?.id).toBe(e.id);

    const sessions = await storedSessions();
    // Sessions saved before the second kill are unchanged.
    for (const s of atSecondKill) expect(sessions.find((x) => x.id === s.id)).toEqual(s);
    expect(sessions).toHaveLength(total);
    expect(countBy(sessions, (s) => s.id).size).toBe(total);
    expect(sessions.map((s) => s.id).sort()).toEqual(proposed.map((p) => p.sessionId).sort());
    for (const s of sessions) {
      const e = events.find((x) => x.transactionId === `ss-${s.id}`);
      expect(e, `the meeting for ${s.id}`).toBeDefined();
      // The session records the meeting that exists, at the time it is at.
      expect({ eventId: s.eventId, start: s.start, end: s.end, status: s.status }).toEqual({ eventId: e?.id, start: e?.startUtc, end: e?.endUtc, status: 'booked' });
    }

    // Meeting requests were not duplicated, and nobody is double-booked.
    const copies = (await reader.emulatorEvents()).filter((e) => !e.isOrganizer && !e.isCancelled && e.subject === 'Safeguarding supervision');
    expect(countBy(copies, (e) => `${e.mailboxId}|${e.iCalUId}`).size).toBe(copies.length);
    const perPerson = new Map<string, { start: string; end: string }[]>();
    for (const u of DEMO_USERS)
      perPerson.set(
        u.id,
        (await reader.calendarView(u.id, YEAR_FROM, YEAR_TO)).map((e) => ({ start: `${e.start.dateTime.slice(0, 19)}Z`, end: `${e.end.dateTime.slice(0, 19)}Z` })),
      );
    expect(doubleBooked(perPerson)).toBeUndefined();
  });
});
