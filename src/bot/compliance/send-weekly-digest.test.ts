import { describe, expect, it } from 'vitest';
import type { IsoInstant } from '../../shared/calendar/london-time.js';
import { dashboardRow, maxGapOverdue } from '../../../tests/support/dashboard-rows.js';
import { fakeClaims } from '../../../tests/support/fake-claims.js';
import { fakeReach } from '../../../tests/support/fake-reach.js';
import type { AuditEntry, ConversationRef } from '../ports.js';
import { sendWeeklyDigest } from './send-weekly-digest.js';

// Wednesday: the digest of the week beginning Monday 4 January 2027. Fictional people: Daniel and Priya get it.
const WED = '2027-01-06T08:00:00Z' as IsoInstant;
const rows = [dashboardRow([maxGapOverdue('a1')])];

/** `installed`: who has a saved personal conversation; `post` decides what the Bot Connector answers. */
function setup(installed: readonly string[], post: (to: ConversationRef) => void = () => undefined) {
  const { people, to: posted, conversations, messenger } = fakeReach(installed, post);
  const audit: AuditEntry[] = [];
  const claims = fakeClaims();
  const deps = {
    reminderClaims: claims.repository,
    conversations,
    messenger,
    links: { page: (p: string) => `https://app${p}` },
    clock: { now: () => WED },
    audit: { append: async (entry: AuditEntry) => void audit.push(entry) },
    settings: { digestRecipientIds: ['daniel', 'priya'] },
  } as unknown as Parameters<typeof sendWeeklyDigest>[0];
  const run = (claimant: string) => sendWeeklyDigest(deps, { rows, claimant });
  return { run, posted, people, audit, claims };
}

describe('sendWeeklyDigest', () => {
  it('sends each person on the list one digest a week, and a run that sends nothing leaves no audit entry', async () => {
    const { run, posted, audit } = setup(['daniel', 'priya']);
    expect(await run('run-1')).toEqual({ sent: 2 });
    expect(await run('run-2')).toEqual({ sent: 0 });
    expect(await run('run-3')).toEqual({ sent: 0 });
    expect(posted().sort()).toEqual(['daniel', 'priya']);
    // The job runs every few minutes: one entry for the run that sent, not one per run.
    expect(audit.map((a) => [a.action, a.outcome, a.detail])).toEqual([['digest.sent', 'done', '2 sent']]);
  });

  it('someone not yet reachable gets it once they install the app; no claim is written for them meanwhile', async () => {
    const { run, posted, people, claims } = setup(['daniel']);
    expect(await run('run-1')).toEqual({ sent: 1 });
    expect(await run('run-2')).toEqual({ sent: 0 });
    expect(claims.states()).toEqual(['digest|2027-01-04|daniel=sent']);
    people.add('priya');
    expect(await run('run-3')).toEqual({ sent: 1 });
    expect(posted()).toEqual(['daniel', 'priya']);
  });

  it('a send that fails is tried again on the next run, and does not stop the others getting theirs', async () => {
    let failing = true;
    const { run, posted, audit } = setup(['daniel', 'priya'], (to) => {
      if (to.userId === 'daniel' && failing) throw new Error('Bot Connector 502');
    });
    expect(await run('run-1')).toEqual({ sent: 1 });
    expect(posted()).toEqual(['priya']);
    failing = false;
    expect(await run('run-2')).toEqual({ sent: 1 });
    expect(posted()).toEqual(['priya', 'daniel']);
    expect(audit.map((a) => [a.outcome, a.detail])).toEqual([
      ['failed', '1 sent, 1 failed (Error); tried again next run'],
      ['done', '1 sent'],
    ]);
  });
});
