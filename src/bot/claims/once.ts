import { randomUUID } from 'node:crypto';
import type { AppPorts, ReminderClaim } from '../ports.js';
import { releaseClaim, takeClaim } from './lease.js';

/**
 * Runs `send` only for the first server to claim `key` (a unique item in the claims list), so a change
 * reported by a notification and again by the sweep, or seen by two servers, is acted on once. A send that
 * throws releases the claim (and the error is thrown on), so a later run on any server tries again; a claim
 * whose server stopped before sending is taken over after the lease.
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
  const stored = await takeClaim(deps.reminderClaims, mine);
  if (!stored) return false;
  try {
    await send();
  } catch (error) {
    await releaseClaim(deps.reminderClaims, stored);
    throw error;
  }
  await deps.reminderClaims.update(stored, { ...mine, state: 'sent', sentAt: deps.clock.now() });
  return true;
}
