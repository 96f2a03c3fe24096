import type { AdaptiveCard } from '@microsoft/teams.cards';
import { UnreachableError, type AppPorts, type ConversationRef, type ReminderClaim } from '../ports.js';
import { releaseClaim, takeClaim } from './lease.js';

export type PostOnce =
  | { outcome: 'sent'; to: ConversationRef; activityId: string }
  /** Sent before, or another server holds the claim. */
  | { outcome: 'already' }
  /** No personal chat saved for them, or Teams refused it (the chat is then forgotten). Sent on a later run, once they can be reached. */
  | { outcome: 'unreachable' };

/**
 * Posts a card to `claim.userId`'s personal chat once for `claim.key`, across runs, restarts and servers:
 * only after this server's claim is the one stored. Unreachable leaves the claim 'unreachable' (not
 * settled). Any other failure, building the card included, releases the claim and is thrown, so a later
 * run on any server tries again.
 */
export async function postOnce(
  deps: Pick<AppPorts, 'reminderClaims' | 'conversations' | 'messenger' | 'clock'>,
  /** `claimant` unique to this attempt: two runs in one second must not read each other's claim as theirs. */
  claim: Omit<ReminderClaim, 'state' | 'claimedAt' | 'sentAt'>,
  card: () => AdaptiveCard | Promise<AdaptiveCard>,
): Promise<PostOnce> {
  const to = await deps.conversations.get(claim.userId);
  if (!to) return { outcome: 'unreachable' };
  const mine: ReminderClaim = { ...claim, state: 'claimed', claimedAt: deps.clock.now() };
  const stored = await takeClaim(deps.reminderClaims, mine);
  if (!stored) return { outcome: 'already' };
  let activityId: string;
  try {
    activityId = await deps.messenger.post(to, await card());
  } catch (error) {
    if (!(error instanceof UnreachableError)) {
      await releaseClaim(deps.reminderClaims, stored);
      throw error;
    }
    await deps.conversations.forget(claim.userId).catch(() => undefined);
    await deps.reminderClaims.update(stored, { ...mine, state: 'unreachable' }).catch(() => undefined);
    return { outcome: 'unreachable' };
  }
  await deps.reminderClaims.update(stored, { ...mine, state: 'sent', sentAt: deps.clock.now() });
  return { outcome: 'sent', to, activityId };
}
