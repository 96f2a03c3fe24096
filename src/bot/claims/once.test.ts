import { describe, expect, it } from 'vitest';
import { addMinutes, type IsoInstant } from '../../shared/calendar/london-time.js';
import { fakeClaims } from '../../../tests/support/fake-claims.js';
import { CLAIM_LEASE_MS } from './lease.js';
import { once } from './once.js';

const T0 = '2027-01-05T08:00:00Z' as IsoInstant;
const KEY = { key: 'escalation|a1|liam|overdue-max-gap|2026-11-01', sessionId: 'a1', userId: 'liam', sessionStart: T0 };

function setup() {
  const claims = fakeClaims();
  const clock = { at: T0, now: () => clock.at };
  const deps = { reminderClaims: claims.repository, clock };
  let sends = 0;
  const send = async () => {
    sends += 1;
  };
  return { claims, clock, deps, send, sends: () => sends };
}

describe('once', () => {
  it('sends once: a second call, on this server or another, does nothing', async () => {
    const { deps, send, sends, claims } = setup();
    expect(await once(deps, KEY, 'server-a', send)).toBe(true);
    expect(await once(deps, KEY, 'server-a', send)).toBe(false);
    expect(await once(deps, KEY, 'server-b', send)).toBe(false);
    expect(sends()).toBe(1);
    expect(claims.items.get(KEY.key)?.value.state).toBe('sent');
  });

  it('a send that fails releases its claim, so the next run on any server sends it', async () => {
    const { deps, send, sends, claims } = setup();
    await expect(
      once(deps, KEY, 'server-a', async () => {
        throw new Error('Graph 503');
      }),
    ).rejects.toThrow('Graph 503');
    expect(claims.items.get(KEY.key)?.value.state).toBe('failed');
    expect(await once(deps, KEY, 'server-b', send)).toBe(true);
    expect(await once(deps, KEY, 'server-a', send)).toBe(false);
    expect(sends()).toBe(1);
  });

  it('never takes over a claim another server holds within its lease; takes over one past it', async () => {
    const { deps, send, sends, claims, clock } = setup();
    claims.put({ ...KEY, state: 'claimed', claimant: 'server-a:1', claimedAt: T0 });
    clock.at = addMinutes(T0, CLAIM_LEASE_MS / 60_000);
    expect(await once(deps, KEY, 'server-b', send)).toBe(false);
    expect(sends()).toBe(0);
    clock.at = addMinutes(T0, CLAIM_LEASE_MS / 60_000 + 1);
    expect(await once(deps, KEY, 'server-b', send)).toBe(true);
    expect(sends()).toBe(1);
    expect(claims.items.get(KEY.key)?.value).toMatchObject({ state: 'sent', claimant: expect.stringMatching(/^server-b:/) });
  });

  it('of several servers taking over the same released claim at once, one sends', async () => {
    const { deps, send, sends, claims } = setup();
    claims.put({ ...KEY, state: 'failed', claimant: 'server-a:1', claimedAt: T0 });
    const results = await Promise.all(['server-b', 'server-c', 'server-d'].map((s) => once(deps, KEY, s, send)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(sends()).toBe(1);
  });

  it('a sent claim is never sent again, however old', async () => {
    const { deps, send, sends, claims, clock } = setup();
    claims.put({ ...KEY, state: 'sent', claimant: 'server-a:1', claimedAt: T0, sentAt: T0 });
    clock.at = addMinutes(T0, 60 * 24 * 30);
    expect(await once(deps, KEY, 'server-b', send)).toBe(false);
    expect(sends()).toBe(0);
  });
});
