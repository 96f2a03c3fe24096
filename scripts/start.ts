import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startLocalStack, REPO_ROOT } from './local-stack.js';

/**
 * `npm start`: builds the tab, then runs the local Microsoft 365 emulator, the server (bot + API +
 * tab) and the Microsoft 365 Agents Playground on this machine. Ctrl-C stops all of them.
 */
const build = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'src/tab/vite.config.ts', '--logLevel', 'warn'], {
  cwd: REPO_ROOT,
  stdio: 'inherit',
  // Always React's production build, whatever NODE_ENV the caller has (vitest sets "test").
  env: { ...process.env, NODE_ENV: 'production' },
});
if (build.status !== 0) {
  console.error('Building the tab failed (see above).');
  process.exit(1);
}

const port = Number(process.env.PORT ?? 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);
try {
  const stack = await startLocalStack({
    dataDir: path.resolve(REPO_ROOT, process.env.DATA_DIR ?? '.data'),
    port,
    playground: true,
    playgroundPort,
    logLevel: process.env.LOG_LEVEL ?? 'info',
  });
  console.log(`
Safeguarding Supervision is running locally (no Microsoft tenant needed).

  Tab (sign in as a demo user):   ${stack.serverUrl}/
  Bot in the Agents Playground:   ${stack.playgroundUrl}/
  API health:                     ${stack.serverUrl}/api/health
  Microsoft 365 emulator:         ${stack.emulator.url}  (state in ${path.relative(REPO_ROOT, path.join(process.env.DATA_DIR ?? '.data', 'emulator'))})

Press Ctrl-C to stop everything.
`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
} catch (err) {
  console.error(`Could not start: ${err instanceof Error ? err.message : String(err)}`);
  if (/EADDRINUSE/.test(String(err))) console.error(`Port ${port} is taken: set PORT=<another port> and try again.`);
  process.exit(1);
}
