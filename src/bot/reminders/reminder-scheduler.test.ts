import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../logger.js';
import type { UseCases } from '../use-cases.js';
import { startReminderScheduler } from './reminder-scheduler.js';

type Job = Awaited<ReturnType<UseCases['runComplianceJob']>>;

/** Runs the scheduler's first run with this compliance job result; the log lines it wrote, by level. */
async function firstRun(job: Job): Promise<{ level: string; msg: string }[]> {
  const lines: { level: string; msg: string }[] = [];
  const at = (level: string) => (_: unknown, msg: string) => void lines.push({ level, msg });
  const log = { info: at('info'), warn: at('warn'), error: at('error') } as unknown as Logger;
  const useCases = {
    runReminders: async () => ({ due: 0, sent: 0, alreadySent: 0, unreachable: [], failed: 0, decisionReminders: 0 }),
    runComplianceJob: async () => job,
  } as unknown as Pick<UseCases, 'runReminders' | 'runComplianceJob'>;
  vi.useFakeTimers();
  const scheduler = startReminderScheduler(useCases, log, 60);
  await vi.advanceTimersByTimeAsync(5_000);
  await scheduler.stop();
  return lines;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the reminder scheduler', () => {
  it('warns when escalations could not be sent (the operators alert on it)', async () => {
    expect(await firstRun({ escalated: 1, escalationsFailed: 2, digests: 0 })).toEqual([{ level: 'warn', msg: 'escalations not sent; tried again next run' }]);
  });

  it('logs a compliance job that sent something, and nothing for one that did nothing', async () => {
    expect(await firstRun({ escalated: 1, escalationsFailed: 0, digests: 1 })).toEqual([{ level: 'info', msg: 'compliance job' }]);
    expect(await firstRun({ escalated: 0, escalationsFailed: 0, digests: 0 })).toEqual([]);
  });
});
