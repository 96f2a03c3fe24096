import path from 'node:path';
import { startLocalStack, REPO_ROOT, type RunningStack } from './local-stack.js';
import { ensureTabBuilt } from './build-tab.js';

/**
 * `npm start`: builds the tab, then runs the local Microsoft 365 emulator, the server (bot + API +
 * tab) and the Microsoft 365 Agents Playground on this machine. Ctrl-C stops all of them.
 */
let stack: RunningStack | undefined;
let stopping = false;
const stop = async (code: number) => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  // Before start-up finished there is nothing to close in order; exiting takes the Playground down.
  if (stack) await stack.stop();
  process.exit(code);
};
// Installed first, so Ctrl-C during start-up also leaves nothing running.
process.on('SIGINT', () => void stop(stack ? 0 : 130));
process.on('SIGTERM', () => void stop(stack ? 0 : 143));

try {
  await ensureTabBuilt();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}

const port = Number(process.env.PORT ?? 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);
try {
  stack = await startLocalStack({
    dataDir: path.resolve(REPO_ROOT, process.env.DATA_DIR ?? '.data'),
    port,
    playground: true,
    playgroundPort,
    demoSessions: true,
    // A year and a half of past supervision, so the compliance dashboard has something to show.
    demoHistory: true,
    // Locally the job runs every minute, so a newly installed demo user soon gets a due reminder.
    reminderIntervalMinutes: 1,
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
} catch (err) {
  console.error(`Could not start: ${err instanceof Error ? err.message : String(err)}`);
  if (/EADDRINUSE/.test(String(err))) console.error(`Port ${port} is taken: set PORT=<another port> and try again.`);
  process.exit(1);
}
