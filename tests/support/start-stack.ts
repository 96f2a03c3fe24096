import { startLocalStack, type RunningStack } from '../../scripts/local-stack.js';

export type { RunningStack };

/** Emulator + server (+ Agents Playground) on loopback, in a temporary folder; `stop()` removes everything. */
export function startStack(
  opts: {
    playground?: boolean;
    dataDir?: string;
    demoArrangements?: boolean;
    demoHistory?: boolean;
    reminderIntervalMinutes?: number;
    readModelRefreshSeconds?: number;
    calendarSyncMinutes?: number;
    calendarNotificationDelayMs?: number;
  } = {},
): Promise<RunningStack> {
  // Tests run the reminder job, the read model's catch-up and the calendar sweep themselves, so nothing happens behind their back.
  return startLocalStack({ reminderIntervalMinutes: 0, readModelRefreshSeconds: 0, calendarSyncMinutes: 0, ...opts, logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' });
}
