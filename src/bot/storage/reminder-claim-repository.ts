import { z } from 'zod';
import type { RecordStorePort } from '../graph/record-store.js';
import type { ReminderClaim, ReminderClaimRepository } from '../ports.js';
import { jsonItems } from './json-items.js';

export const REMINDER_CLAIMS_LIST = 'ReminderClaims';

const claimSchema = z.object({
  key: z.string().min(1),
  sessionId: z.string().min(1),
  userId: z.string().min(1),
  sessionStart: z.string(),
  state: z.enum(['claimed', 'sent', 'unreachable', 'failed']),
  claimant: z.string().min(1),
  claimedAt: z.string(),
  sentAt: z.string().optional(),
}) as unknown as z.ZodType<ReminderClaim>;

/**
 * Claims are items keyed by the reminder's key in the list's unique IdempotencyKey column: of several
 * servers creating the same claim at once, SharePoint stores one, and every server reads back whose it is.
 */
export function createReminderClaimRepository(store: RecordStorePort): ReminderClaimRepository {
  const items = jsonItems(store, REMINDER_CLAIMS_LIST, claimSchema, (c: ReminderClaim) => ({ Title: c.state, SessionId: c.sessionId, State: c.state }));
  return {
    claim: async (claim) => {
      const stored = await items.create(claim.key, claim);
      return { stored, mine: stored.value.claimant === claim.claimant && stored.value.claimedAt === claim.claimedAt };
    },
    update: (base, next) => items.update(base, next),
    listForSession: (sessionId) => items.where({ SessionId: sessionId }),
  };
}
