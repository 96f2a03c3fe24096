import { spawn, type ChildProcess } from 'node:child_process';
import { localServerEnv, REPO_ROOT, waitFor } from './local-stack.js';
import type { RunningEmulator } from '../tools/m365-emulator/src/index.js';

export interface ServerProcess {
  child: ChildProcess;
  serverUrl: string;
  output: () => string;
  exited: () => string | undefined;
}

/**
 * Starts `node --import tsx src/bot/main.ts` against a running emulator on 127.0.0.1:`port` and waits
 * for /api/health. `detached` puts it in its own process group (to SIGKILL it and all it started).
 */
export async function startServerProcess(opts: {
  emulator: RunningEmulator;
  caFile: string;
  port: number;
  logLevel?: string;
  env?: Record<string, string>;
  detached?: boolean;
}): Promise<ServerProcess> {
  const env: Record<string, string | undefined> = { ...process.env, ...localServerEnv(opts.emulator, opts.caFile, opts.port, opts.logLevel ?? 'info'), ...opts.env };
  delete env.VITEST;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/bot/main.ts'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: opts.detached ?? false });
  let output = '';
  let exit: string | undefined;
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  child.once('exit', (code, signal) => (exit = `exit ${code ?? signal}`));
  const serverUrl = `http://127.0.0.1:${opts.port}`;
  try {
    await waitFor(
      async () => (await fetch(`${serverUrl}/api/health`)).ok,
      'the server (child process)',
      45_000,
      () => (exit ? `${exit}: ${output.slice(-2000)}` : undefined),
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { child, serverUrl, output: () => output, exited: () => exit };
}
