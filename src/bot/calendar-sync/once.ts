import type { AppPorts, ReminderClaim } from '../ports.js';

/**
 * Runs `send` only for the first server to claim `key` (a unique item in the claims list), so a change
 * reported by a notification and again by the sweep, or seen by two servers, is acted on once.
 */
export async function once(
  deps: Pick<AppPorts, 'reminderClaims' | 'clock' | 'settings'>,
  claim: { key: string; sessionId: string; userId: string; sessionStart: string },
  send: () => Promise<void>,
): Promise<boolean> {
  const now = deps.clock.now();
  const mine: ReminderClaim = { ...claim, state: 'claimed', claimant: deps.settings.instanceId ?? 'server', claimedAt: now };
  const claimed = await deps.reminderClaims.claim(mine);
  if (!claimed.mine) return false;
  await send();
  await deps.reminderClaims.update(claimed.stored, { ...mine, state: 'sent', sentAt: deps.clock.now() });
  return true;
}
