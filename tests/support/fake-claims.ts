import type { ReminderClaim, ReminderClaimRepository, Stored } from '../../src/bot/ports.js';

/**
 * The claims list as SharePoint keeps it, in memory: one item per key (a second create returns the first),
 * and an update must match the item's version (If-Match), so two servers taking over at once cannot both win.
 */
export function fakeClaims() {
  const items = new Map<string, Stored<ReminderClaim>>();
  let versions = 0;
  const put = (value: ReminderClaim) => {
    const stored = { value, version: String(++versions) };
    items.set(value.key, stored);
    return stored;
  };
  const repository: ReminderClaimRepository = {
    listForSession: async (sessionId) => [...items.values()].filter((c) => c.value.sessionId === sessionId),
    claim: async (claim) => {
      const stored = items.get(claim.key) ?? put(claim);
      return { stored, mine: stored.value.claimant === claim.claimant && stored.value.claimedAt === claim.claimedAt };
    },
    update: async (base, next) => {
      if (items.get(next.key)?.version !== base.version) throw new Error('412: changed meanwhile');
      return put(next);
    },
  };
  /** Each claim as `key=state`. */
  const states = () => [...items.values()].map((c) => `${c.value.key}=${c.value.state}`);
  return { repository, items, put, states };
}
