import { startLocalStack, type RunningStack } from '../../scripts/local-stack.js';

export type { RunningStack };

/** Emulator + server (+ Agents Playground) on loopback, in a temporary folder; `stop()` removes everything. */
export function startStack(opts: { playground?: boolean; dataDir?: string; demoArrangements?: boolean; reminderIntervalMinutes?: number } = {}): Promise<RunningStack> {
  // Tests run the reminder job themselves, so nothing is sent behind their back.
  return startLocalStack({ reminderIntervalMinutes: 0, ...opts, logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' });
}
