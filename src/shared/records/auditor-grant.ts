import { z } from 'zod';
import { addMinutes, instantMs, isIsoInstant, type IsoInstant } from '../calendar/london-time.js';

const instant = z.string().refine(isIsoInstant, { message: 'a UTC time that exists, such as 2027-02-12T09:00:00Z' });

/** The longest an auditor's access may run before the DSL grants it again. */
export const MAX_GRANT_DAYS = 30;

// seed 001 "Confidentiality and Access": inspectors and investigating officers see records only through
// access the DSL gives, for a set time, logged.
export const auditorGrantSchema = z.object({
  id: z.string().min(1),
  auditorId: z.string().min(1),
  auditorName: z.string(),
  grantedById: z.string().min(1),
  grantedAt: instant,
  expiresAt: instant,
  /** Why (an inspection, an investigation): no case detail. */
  purpose: z.string().max(200),
  revokedAt: instant.optional(),
});
export type AuditorGrant = z.infer<typeof auditorGrantSchema>;

/** Whether the grant lets its auditor read now: not revoked, and not yet expired (it expires by itself). */
export function isGrantActive(grant: AuditorGrant, now: IsoInstant): boolean {
  return grant.revokedAt === undefined && instantMs(grant.grantedAt) <= instantMs(now) && instantMs(now) < instantMs(grant.expiresAt);
}

/** The expiry for a grant of `days` days from now; refuses anything outside 1…MAX_GRANT_DAYS. */
export function grantExpiry(now: IsoInstant, days: number): IsoInstant {
  if (!Number.isInteger(days) || days < 1 || days > MAX_GRANT_DAYS) throw new RangeError(`days must be a whole number from 1 to ${MAX_GRANT_DAYS}`);
  return addMinutes(now, days * 24 * 60);
}
