import { describe, expect, it } from 'vitest';
import type { Arrangement } from '../../shared/arrangements/arrangement.js';
import { testArrangement } from '../../shared/arrangements/test-arrangement.js';
import type { IsoInstant } from '../../shared/calendar/london-time.js';
import type { AuditEntry, DirectoryUser, Stored } from '../ports.js';
import { updateArrangement } from './update-arrangement.js';

// Fictional people: Grace supervises Liam.
const GRACE = { id: 'grace', displayName: 'Grace Mwangi', mail: 'grace@school.example', role: 'dsl' as const };
const LIAM = { id: 'liam', displayName: 'Liam Doherty', mail: 'liam@school.example', role: 'teaching-assistant' as const };
const ADMIN = { id: 'admin', roles: ['Safeguarding.Admin'] as const };

/** An arrangement store of one, a clock at `now`, no other arrangements and no schools; the directory holds `people`. */
function setup(initial: Arrangement, now: IsoInstant, people: DirectoryUser[] = [GRACE, LIAM]) {
  let stored: Stored<Arrangement> = { value: initial, version: '1' };
  const audit: AuditEntry[] = [];
  const clock = { now: () => now };
  const deps = {
    arrangements: {
      get: async (id: string) => (id === stored.value.id ? stored : undefined),
      update: async (_base: Stored<Arrangement>, next: Arrangement) => (stored = { value: next, version: String(Number(stored.version) + 1) }),
    },
    compliance: {
      snapshot: async () => ({ arrangements: [{ arrangement: stored.value, sessions: [], records: [], decisions: [], version: 1 }], reachableIds: new Set(), version: 1 }),
    },
    schools: { list: async () => [] },
    directory: { getUser: async (id: string) => people.find((p) => p.id === id) },
    settings: { safeguardingMailbox: undefined },
    clock,
    audit: { append: async (entry: AuditEntry) => void audit.push(entry) },
  } as unknown as Parameters<typeof updateArrangement>[0];
  return { deps, clock, stored: () => stored.value, audit };
}

describe('updateArrangement: the end date', () => {
  const a = testArrangement({ id: 'a1', supervisor: GRACE, supervisees: [LIAM], startDate: '2025-09-01' });

  it("ending it sets the end date to today's London date (from the clock); making it active again removes it", async () => {
    // 23:30 UTC on 14 Oct 2025 is already 15 Oct in London (BST): the London date, not the UTC one.
    const { deps, clock, stored } = setup(a, '2025-10-14T23:30:00Z' as IsoInstant);
    const ended = await updateArrangement(deps, { caller: ADMIN, arrangementId: 'a1', changes: { status: 'ended' } });
    expect(ended).toMatchObject({ ok: true, value: { status: 'ended', endDate: '2025-10-15' } });
    expect(stored().endDate).toBe('2025-10-15');

    // Other changes to an ended arrangement, or ending it again, keep the day it ended.
    clock.now = () => '2025-11-19T23:30:00Z' as IsoInstant;
    await updateArrangement(deps, { caller: ADMIN, arrangementId: 'a1', changes: { durationMinutes: 45 } });
    await updateArrangement(deps, { caller: ADMIN, arrangementId: 'a1', changes: { status: 'ended' } });
    expect(stored()).toMatchObject({ status: 'ended', endDate: '2025-10-15', durationMinutes: 45 });

    const again = await updateArrangement(deps, { caller: ADMIN, arrangementId: 'a1', changes: { status: 'active' } });
    expect(again.ok).toBe(true);
    expect(stored()).toMatchObject({ status: 'active', startDate: '2025-09-01' });
    expect('endDate' in stored()).toBe(false);
  });

  it('an active arrangement changed otherwise gets no end date', async () => {
    const { deps, stored } = setup(a, '2025-10-14T12:00:00Z' as IsoInstant);
    await updateArrangement(deps, { caller: ADMIN, arrangementId: 'a1', changes: { durationMinutes: 45, status: 'active' } });
    expect('endDate' in stored()).toBe(false);
  });
});

describe('updateArrangement: starting an ended arrangement again', () => {
  const ended = testArrangement({ id: 'a1', supervisor: GRACE, supervisees: [LIAM], startDate: '2025-09-01', status: 'ended', endDate: '2025-10-15' });
  const now = '2026-01-12T12:00:00Z' as IsoInstant;

  it('is refused, and nothing changes, when someone has left the directory since', async () => {
    const { deps, stored, audit } = setup(ended, now, [GRACE]);
    const out = await updateArrangement(deps, { caller: ADMIN, arrangementId: 'a1', changes: { status: 'active' } });
    expect(out).toMatchObject({
      ok: false,
      refusal: { kind: 'invalid', issues: [{ field: 'status', message: expect.stringMatching(/^Liam Doherty is no longer in the school directory/) }] },
    });
    expect(stored()).toEqual(ended);
    expect(audit.at(-1)).toMatchObject({ action: 'arrangement.update', outcome: 'refused' });
  });

  it('is refused when someone no longer has a mailbox, so no invitation could reach them', async () => {
    const { deps, stored } = setup(ended, now, [GRACE, { ...LIAM, mail: undefined }]);
    const out = await updateArrangement(deps, { caller: ADMIN, arrangementId: 'a1', changes: { status: 'active' } });
    expect(out).toMatchObject({ ok: false, refusal: { issues: [{ field: 'status', message: expect.stringContaining('Liam Doherty has no mailbox') }] } });
    expect(stored().status).toBe('ended');
  });

  it("takes each person's name and address as the directory has them now, and keeps their roles", async () => {
    const renamed = { ...GRACE, displayName: 'Grace Okoro', mail: 'grace.okoro@school.example' };
    const { deps, stored } = setup(ended, now, [renamed, LIAM]);
    const out = await updateArrangement(deps, { caller: ADMIN, arrangementId: 'a1', changes: { status: 'active' } });
    expect(out.ok).toBe(true);
    expect(stored().supervisor).toEqual({ id: 'grace', displayName: 'Grace Okoro', mail: 'grace.okoro@school.example', role: 'dsl' });
    expect(stored().supervisees).toEqual([LIAM]);
  });

  it('does not look anyone up for a change that does not start it again', async () => {
    const { deps, stored } = setup(ended, now, []);
    const out = await updateArrangement(deps, { caller: ADMIN, arrangementId: 'a1', changes: { durationMinutes: 45 } });
    expect(out.ok).toBe(true);
    expect(stored()).toMatchObject({ status: 'ended', durationMinutes: 45 });
  });
});
