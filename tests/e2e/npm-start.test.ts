import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, freePort, waitFor } from '../../scripts/local-stack.js';
import { botReplies, sendAsUser, waitForCard } from '../support/playground.js';
import { callApi, tokenFor } from '../support/api.js';
import type { RunningStack } from '../support/start-stack.js';
import { ADMIN_ID } from '../../tools/m365-emulator/src/seed/demo-school.js';
import type { SchoolCalendar } from '../../src/shared/calendar/academic-year.js';
import { validateSchoolCalendar } from '../../src/shared/calendar/validate-calendar.js';
import { makeWorkingCalendar } from '../../src/shared/calendar/working-calendar.js';
import { isReminderDue } from '../../src/shared/reminders/reminders.js';

const LIAM = 'a1000000-0000-4000-8000-000000000008';

let child: ChildProcess | undefined;
let dataDir: string | undefined;

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('serves /api/health within 60 s, the bot answers "help" through the Playground, a due reminder reaches it, and Ctrl-C stops everything', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'npm-start-'));
    const port = await freePort();
    const playgroundPort = await freePort();
    const started = Date.now();
    // The same script `npm start` runs.
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: String(port), PLAYGROUND_PORT: String(playgroundPort), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));

    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200, 'GET /api/health → 200', 60_000);
    expect(Date.now() - started).toBeLessThan(60_000);
    await waitFor(async () => output.includes('Press Ctrl-C'), 'start-up banner', 30_000);
    expect(output).toContain(`http://127.0.0.1:${port}/`);
    expect(output).toContain(`http://localhost:${playgroundPort}/`);

    const logFile = path.join(dataDir, 'playground.log');
    const before = (await botReplies(logFile)).length;
    await sendAsUser(`http://127.0.0.1:${playgroundPort}`, 'help');
    const card = await waitForCard(logFile, before);
    expect(card.content.type).toBe('AdaptiveCard');
    expect(JSON.stringify(card.content)).toContain('I help your safeguarding team');
    expect(JSON.stringify(card.content)).not.toContain("didn't understand");

    // The demo books this year for Grace Mwangi with Liam Doherty (the Playground's user): once the booking is done,
    // the admin's "send due reminders now" sends Liam his reminder card when his next session is due, into the Playground.
    const serverUrl = `http://127.0.0.1:${port}`;
    const admin = await tokenFor({ serverUrl } as RunningStack, ADMIN_ID);
    let liams: { session: { start: string; status: string } }[] = [];
    await waitFor(
      async () => {
        const all = await callApi<{ sessions: { session: { start: string; status: string }; arrangement: { supervisees: { id: string }[] } }[] }>(
          { serverUrl } as RunningStack,
          admin,
          'GET',
          '/api/sessions?scope=everyone',
        );
        liams = all.body.sessions.filter((s) => s.arrangement.supervisees.some((p) => p.id === LIAM));
        return liams.length > 0;
      },
      'the demo sessions for Grace and Liam',
      30_000,
    );
    const year = await callApi<{ calendar: SchoolCalendar }>({ serverUrl } as RunningStack, admin, 'GET', '/api/school-year');
    const checked = validateSchoolCalendar(year.body.calendar);
    if (!checked.ok) throw new Error('the school year is not valid');
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const next = liams
      .map((s) => s.session)
      .filter((s) => s.status === 'booked' && s.start > now)
      .sort((a, b) => (a.start < b.start ? -1 : 1))[0];
    const due = next !== undefined && isReminderDue({ sessionStartUtc: next.start, now, workingCalendar: makeWorkingCalendar(checked.value) });
    const beforeRun = (await botReplies(logFile)).length;
    const run = await callApi<{ sent: number; alreadySent: number }>({ serverUrl } as RunningStack, admin, 'POST', '/api/reminders/run');
    expect(run.status).toBe(200);
    if (due) {
      // The scheduler (every minute locally) may have sent it first: either way exactly one reaches the Playground.
      expect(run.body.sent + run.body.alreadySent).toBeGreaterThanOrEqual(1);
      const reminders = async () =>
        (await botReplies(logFile)).flatMap((r) => r.request?.body?.attachments ?? []).filter((a) => JSON.stringify(a.content).includes('Supervision reminder:'));
      await waitFor(async () => (await reminders()).length >= 1, 'the reminder card in the Playground', 30_000);
      expect((await reminders()).length).toBe(1);
    } else {
      expect((await botReplies(logFile)).length).toBe(beforeRun);
    }

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${playgroundPort}/_debug/ping`)).rejects.toThrow();
  });
});
