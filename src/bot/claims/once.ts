import { randomUUID } from 'node:crypto';
import type { AppPorts, ReminderClaim } from '../ports.js';

/**
 * Runs `send` only for the first server to claim `key` (a unique item in the claims list), so a change
 * reported by a notification and again by the sweep, or seen by two servers, is acted on once.
 */
export async function once(
  deps: Pick<AppPorts, 'reminderClaims' | 'clock'>,
  claim: { key: string; sessionId: string; userId: string; sessionStart: string },
  /** This server process (AppSettings.instanceId). */
  claimant: string,
  send: () => Promise<void>,
): Promise<boolean> {
  const now = deps.clock.now();
  // Unique per attempt: the same server claiming the same key twice in one second must not read the stored claim as this one.
  const mine: ReminderClaim = { ...claim, state: 'claimed', claimant: `${claimant}:${randomUUID()}`, claimedAt: now };
  const claimed = await deps.reminderClaims.claim(mine);
  if (!claimed.mine) return false;
  await send();
  await deps.reminderClaims.update(claimed.stored, { ...mine, state: 'sent', sentAt: deps.clock.now() });
  return true;
}
