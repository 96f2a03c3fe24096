import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, freePort, waitFor } from '../../scripts/local-stack.js';
import { botReplies, sendAsUser, waitForCard } from '../support/playground.js';

let child: ChildProcess | undefined;
let dataDir: string | undefined;

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('serves /api/health within 60 s, the bot answers "help" through the Playground, and Ctrl-C stops everything', async () => {
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

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${playgroundPort}/_debug/ping`)).rejects.toThrow();
  });
});
