import { describe, expect, it } from 'vitest';
import type { IsoInstant } from '../../shared/calendar/london-time.js';
import type { DecisionRecord } from '../../shared/records/decision-record.js';
import { fakeClaims } from '../../../tests/support/fake-claims.js';
import { fakeReach } from '../../../tests/support/fake-reach.js';
import { UnreachableError, type ConversationRef } from '../ports.js';
import { remindDecisions } from './remind-decisions.js';

const decision = (id: string, decidedById: string, decidedAt = '2027-01-04T10:00:00Z'): DecisionRecord => ({
  id,
  sessionId: 's1',
  arrangementId: 'a1',
  decidedById,
  decidedAt,
  childReference: 'AB',
  concerns: 'Fictional.',
  actions: [{ text: 'y', timescale: 'z' }],
  referredToManager: false,
  chronologyEntry: false,
  caseSystem: 'CPOMS',
});

/**
 * Two decisions near their deadline, Grace's and Ravi's; `post` decides what the Bot Connector answers;
 * `confirmedSince`: decisions confirmed (in the tab, on another server) after the run listed them.
 */
function setup(post: (to: ConversationRef) => void, confirmedSince: readonly string[] = []) {
  const { people: installed, to: posted, conversations, messenger } = fakeReach(['grace', 'ravi'], post);
  const claims = fakeClaims();
  const reminderClaims = claims.repository;
  const deps = {
    decisions: {
      listUnconfirmed: async () => [decision('d1', 'grace'), decision('d2', 'ravi')].map((value) => ({ value, version: '1' })),
      get: async (id: string) => {
        const value = decision(id, id === 'd1' ? 'grace' : 'ravi');
        return confirmedSince.includes(id)
          ? { value: { ...value, enteredOnCaseSystem: { reference: 'CP-1', at: '2027-01-05T07:59:00Z', byId: value.decidedById } }, version: '2' }
          : { value, version: '1' };
      },
    },
    sessions: { get: async () => undefined },
    conversations,
    messenger,
    postedCards: { add: async () => undefined },
    reminderClaims,
    links: { session: (id: string) => `https://app/${id}`, page: (p: string) => `https://app${p}` },
    clock: { now: () => '2027-01-05T08:00:00Z' as IsoInstant },
  } as unknown as Parameters<typeof remindDecisions>[0];
  return { deps, posted, installed, claims };
}

describe('decision reminders', () => {
  it('is not sent for a decision confirmed after the run listed the unconfirmed ones', async () => {
    const { deps, posted } = setup(() => undefined, ['d1']);
    expect(await remindDecisions(deps, 'run-1')).toEqual({ sent: 1, failed: 0 });
    expect(posted()).toEqual(['ravi']);
  });

  it('a post that fails is counted, does not stop the others, and is sent on the next run', async () => {
    let failures = 1;
    const { deps, posted } = setup(() => {
      if (failures-- > 0) throw new Error('Bot Connector 502');
    });
    expect(await remindDecisions(deps, 'run-1')).toEqual({ sent: 1, failed: 1 });
    expect(posted()).toEqual(['ravi']);
    expect(await remindDecisions(deps, 'run-2')).toEqual({ sent: 1, failed: 0 });
    expect(await remindDecisions(deps, 'run-3')).toEqual({ sent: 0, failed: 0 });
    expect(posted().sort()).toEqual(['grace', 'ravi']);
  });

  it('a supervisor the bot could not reach is reminded once they can be reached again', async () => {
    let refused = true;
    const { deps, posted, installed, claims } = setup((to) => {
      if (to.userId === 'grace' && refused) throw new UnreachableError(403);
    });
    expect(await remindDecisions(deps, 'run-1')).toEqual({ sent: 1, failed: 0 });
    expect(installed.has('grace')).toBe(false);
    expect(claims.states()).toContain('decision|d1=unreachable');
    expect(await remindDecisions(deps, 'run-2')).toEqual({ sent: 0, failed: 0 });
    // Grace installs the app again.
    refused = false;
    installed.add('grace');
    expect(await remindDecisions(deps, 'run-3')).toEqual({ sent: 1, failed: 0 });
    expect(await remindDecisions(deps, 'run-4')).toEqual({ sent: 0, failed: 0 });
    expect(posted().sort()).toEqual(['grace', 'ravi']);
  });
});

/** One unconfirmed decision made at `decidedAt`; how many reminders a run at `now` sends. */
async function sentAt(decidedAt: string, now: string): Promise<number> {
  const { conversations, messenger } = fakeReach(['grace']);
  const deps = {
    decisions: {
      listUnconfirmed: async () => [{ value: decision('d1', 'grace', decidedAt), version: '1' }],
      get: async () => ({ value: decision('d1', 'grace', decidedAt), version: '1' }),
    },
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
