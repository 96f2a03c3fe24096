import { describe, expect, it } from 'vitest';
import type { IsoInstant } from '../../shared/calendar/london-time.js';
import type { DecisionRecord } from '../../shared/records/decision-record.js';
import { fakeClaims } from '../../../tests/support/fake-claims.js';
import { fakeReach } from '../../../tests/support/fake-reach.js';
import { remindDecisions } from './remind-decisions.js';

/** One unconfirmed decision made at `decidedAt`; how many reminders a run at `now` sends. */
async function sentAt(decidedAt: string, now: string): Promise<number> {
  const { conversations, messenger } = fakeReach(['grace']);
  const decision: DecisionRecord = {
    id: 'd1',
    sessionId: 's1',
    arrangementId: 'a1',
    decidedById: 'grace',
    decidedAt,
    childReference: 'AB',
    concerns: 'Fictional.',
    actions: [{ text: 'y', timescale: 'z' }],
    referredToManager: false,
    chronologyEntry: false,
    caseSystem: 'CPOMS',
  };
  const deps = {
    decisions: { listUnconfirmed: async () => [{ value: decision, version: '1' }] },
    sessions: { get: async () => undefined },
    conversations,
    messenger,
    postedCards: { add: async () => undefined },
    reminderClaims: fakeClaims().repository,
    links: { session: (id: string) => `https://app/${id}`, page: (p: string) => `https://app${p}` },
    clock: { now: () => now as IsoInstant },
  } as unknown as Parameters<typeof remindDecisions>[0];
  return (await remindDecisions(deps, 'run')).sent;
}

// docs/rules.md: 24 elapsed hours by default (weekends, holidays and clock changes count); one card 6 hours before.
describe('when a decision reminder is due (the default elapsed clock)', () => {
  it('a Friday 15:00 decision is due Saturday 15:00: reminded from Saturday 09:00, not before', async () => {
    expect(await sentAt('2027-01-08T15:00:00Z', '2027-01-09T08:59:59Z')).toBe(0);
    expect(await sentAt('2027-01-08T15:00:00Z', '2027-01-09T09:00:00Z')).toBe(1);
  });

  it('counts real hours across the clock change (Sat 27 Mar 2027 12:00 GMT → Sun 28 Mar 13:00 BST)', async () => {
    expect(await sentAt('2027-03-27T12:00:00Z', '2027-03-28T05:59:59Z')).toBe(0);
    expect(await sentAt('2027-03-27T12:00:00Z', '2027-03-28T06:00:00Z')).toBe(1);
  });
});
