import { instantMs, type IsoInstant } from '../../shared/calendar/london-time.js';
import type { ReminderClaim, ReminderClaimRepository, Stored } from '../ports.js';

/** A claim left 'claimed' this long was made by a server that stopped before sending: another may take it over. */
export const CLAIM_LEASE_MS = 10 * 60_000;

/** Sent, or being sent by a server still within its lease: nobody else may send it. */
export function isSettled(claim: Stored<ReminderClaim> | undefined, now: IsoInstant): boolean {
  if (claim === undefined) return false;
  const { state, claimedAt } = claim.value;
  return state === 'sent' || (state === 'claimed' && instantMs(now) - instantMs(claimedAt) <= CLAIM_LEASE_MS);
}

/**
 * Makes `claim` (state 'claimed', a claimant unique to this attempt) the stored one: creates it, or takes
 * over a stored claim that is not settled (failed, unreachable, or claimed past its lease). The stored
 * claim, or undefined when another server holds or has sent it.
 */
export async function takeClaim(claims: ReminderClaimRepository, claim: ReminderClaim): Promise<Stored<ReminderClaim> | undefined> {
  const { stored, mine } = await claims.claim(claim);
  if (mine) return stored;
  if (isSettled(stored, claim.claimedAt)) return undefined;
  try {
    return await claims.update(stored, claim); // If-Match: of several servers taking over, one wins
  } catch {
    return undefined;
  }
}

/** Frees a claim whose send failed, so the next run on any server tries again (if this write fails too, the lease frees it). */
export async function releaseClaim(claims: ReminderClaimRepository, stored: Stored<ReminderClaim>): Promise<void> {
  await claims.update(stored, { ...stored.value, state: 'failed' }).catch(() => undefined);
}
