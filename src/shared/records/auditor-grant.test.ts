import { describe, expect, it } from 'vitest';
import { auditorGrantSchema, grantExpiry, isGrantActive, MAX_GRANT_DAYS, type AuditorGrant } from './auditor-grant.js';

const GRANTED = '2026-06-01T09:00:00Z';
const EXPIRES = '2026-06-08T09:00:00Z';

const grant = (over: Partial<AuditorGrant> = {}): AuditorGrant => ({
  id: 'g1',
  auditorId: 'aud-1',
  auditorName: 'Ida Inspector',
  grantedById: 'dsl-1',
  grantedAt: GRANTED,
  expiresAt: EXPIRES,
  purpose: 'Ofsted inspection',
  ...over,
});

describe('isGrantActive', () => {
  it.each([
    ['at the moment it is granted', GRANTED, true],
    ['within the window', '2026-06-05T12:00:00Z', true],
    ['a second before it expires', '2026-06-08T08:59:59Z', true],
    ['at its expiry', EXPIRES, false],
    ['after its expiry', '2026-06-08T09:00:01Z', false],
    ['long after', '2027-01-01T00:00:00Z', false],
    ['before it was granted', '2026-06-01T08:59:59Z', false],
  ])('%s: %s → %s', (_when, now, active) => {
    expect(isGrantActive(grant(), now)).toBe(active);
  });

  it('reads instants with an offset as the same moment', () => {
    // 10:00 in BST is 09:00Z: exactly the expiry.
    expect(isGrantActive(grant(), '2026-06-08T10:00:00+01:00')).toBe(false);
    expect(isGrantActive(grant(), '2026-06-08T09:59:59+01:00')).toBe(true);
  });

  it('is not active once revoked, whenever it was revoked', () => {
    expect(isGrantActive(grant({ revokedAt: '2026-06-02T09:00:00Z' }), '2026-06-03T09:00:00Z')).toBe(false);
    // Revocation is final: it does not wait for its own timestamp.
    expect(isGrantActive(grant({ revokedAt: '2026-06-04T09:00:00Z' }), '2026-06-03T09:00:00Z')).toBe(false);
  });
});

describe('grantExpiry', () => {
  it('is whole days from now, in UTC', () => {
    expect(grantExpiry(GRANTED, 7)).toBe(EXPIRES);
    expect(grantExpiry(GRANTED, 1)).toBe('2026-06-02T09:00:00Z');
    expect(grantExpiry(GRANTED, MAX_GRANT_DAYS)).toBe('2026-07-01T09:00:00Z');
  });

  it('counts elapsed time across the clock change (24 hours a day)', () => {
    expect(grantExpiry('2026-10-24T09:00:00Z', 2)).toBe('2026-10-26T09:00:00Z');
  });

  it('makes a grant active until, and not at, that moment', () => {
    const g = grant({ expiresAt: grantExpiry(GRANTED, 3) });
    expect(isGrantActive(g, '2026-06-04T08:59:59Z')).toBe(true);
    expect(isGrantActive(g, '2026-06-04T09:00:00Z')).toBe(false);
  });

  it.each([0, -1, MAX_GRANT_DAYS + 1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s days', (days) => {
    expect(() => grantExpiry(GRANTED, days)).toThrow(RangeError);
    expect(() => grantExpiry(GRANTED, days)).toThrow(`1 to ${MAX_GRANT_DAYS}`);
  });

  it('allows at most 30 days', () => {
    expect(MAX_GRANT_DAYS).toBe(30);
  });
});

describe('auditorGrantSchema', () => {
  it('accepts a grant and refuses an instant that does not exist or a long purpose', () => {
    expect(auditorGrantSchema.safeParse(grant()).success).toBe(true);
    expect(auditorGrantSchema.safeParse(grant({ revokedAt: '2026-06-02T09:00:00Z' })).success).toBe(true);
    expect(auditorGrantSchema.safeParse(grant({ expiresAt: '2026-02-30T09:00:00Z' })).success).toBe(false);
    expect(auditorGrantSchema.safeParse(grant({ purpose: 'x'.repeat(201) })).success).toBe(false);
  });
});
