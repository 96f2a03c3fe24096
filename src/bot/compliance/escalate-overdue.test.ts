import { describe, expect, it } from 'vitest';
import type { IsoInstant } from '../../shared/calendar/london-time.js';
import { escalationsDue } from '../../shared/compliance/escalation.js';
import { dashboardRow, maxGapOverdue } from '../../../tests/support/dashboard-rows.js';
import { fakeClaims } from '../../../tests/support/fake-claims.js';
import { fakeReach } from '../../../tests/support/fake-reach.js';
import { UnreachableError, type AuditEntry, type ConversationRef } from '../ports.js';
import { escalateOverdue } from './escalate-overdue.js';

const T0 = '2027-01-05T08:00:00Z' as IsoInstant;

// Fictional people: Grace supervises Liam; Grace's line manager is Daniel.
const row = dashboardRow([maxGapOverdue('a1')]);

/** `installed`: who has a saved personal conversation; `post` decides what the Bot Connector answers. */
function setup(installed: readonly string[], post: (to: ConversationRef) => void = () => undefined) {
  const { people, posted, to: reached, conversations, messenger } = fakeReach(installed, post);
  const audit: AuditEntry[] = [];
  const claims = fakeClaims();
  const deps = {
    reminderClaims: claims.repository,
    conversations,
    messenger,
    directory: { getManager: async (id: string) => (id === 'grace' ? { id: 'daniel', displayName: 'Daniel Okafor' } : undefined) },
    links: { session: (id: string) => `https://app/${id}`, page: (p: string) => `https://app${p}` },
    clock: { now: () => T0 },
    audit: { append: async (entry: AuditEntry) => void audit.push(entry) },
  } as unknown as Parameters<typeof escalateOverdue>[0];
  const run = (claimant: string) => escalateOverdue(deps, { rows: [row], claimant });
  const to = () => reached().sort();
  return { deps, run, posted, to, people, audit, claims };
}

describe('escalateOverdue', () => {
  it('tells the supervisor and their manager, offers the supervisee a meeting, and repeats nothing', async () => {
    const { run, posted, to, audit } = setup(['grace', 'daniel', 'liam']);
    expect(await run('run-1')).toEqual({ escalated: 1, failed: 0 });
    expect(await run('run-2')).toEqual({ escalated: 0, failed: 0 });
    expect(to()).toEqual(['daniel', 'grace', 'liam']);
    expect(posted.find((p) => p.userId === 'liam')?.card).toContain('escalation.requestMeeting');
    for (const id of ['grace', 'daniel']) expect(posted.find((p) => p.userId === id)?.card).toContain('Supervision is overdue');
    expect(audit).toEqual([expect.objectContaining({ action: 'escalation.sent', targetId: 'a1', outcome: 'done' })]);
  });

  it('a line manager who had not installed the app gets the notice on a later run; nobody else gets it twice', async () => {
    const { run, to, people, audit, claims } = setup(['grace', 'liam']);
    expect(await run('run-1')).toEqual({ escalated: 1, failed: 0 });
    expect(to()).toEqual(['grace', 'liam']);
    expect(await run('run-2')).toEqual({ escalated: 0, failed: 0 });
    expect(to()).toEqual(['grace', 'liam']);
    // Daniel installs the app.
    people.add('daniel');
    expect(await run('run-3')).toEqual({ escalated: 1, failed: 0 });
    expect(to()).toEqual(['daniel', 'grace', 'liam']);
    expect(await run('run-4')).toEqual({ escalated: 0, failed: 0 });
    expect(to()).toEqual(['daniel', 'grace', 'liam']);
    expect(claims.states().filter((s) => s.endsWith('=sent')).length).toBeGreaterThanOrEqual(3);
    // One entry per run that sent something, with counts: no names or case detail.
    expect(audit.map((a) => [a.action, a.outcome])).toEqual([
      ['escalation.sent', 'done'],
      ['escalation.sent', 'done'],
    ]);
    for (const a of audit) expect(a.detail).not.toMatch(/grace|daniel|liam|overdue:|months/i);
  });

  it('a recipient who removed the app (403) is forgotten, and sent the card once they install it again', async () => {
    let refused = true;
    const { run, to, people } = setup(['grace', 'daniel', 'liam'], (c) => {
      if (c.userId === 'daniel' && refused) throw new UnreachableError(403);
    });
    expect(await run('run-1')).toEqual({ escalated: 1, failed: 0 });
    expect(people.has('daniel')).toBe(false);
    expect(to()).toEqual(['grace', 'liam']);
    refused = false;
    people.add('daniel');
    expect(await run('run-2')).toEqual({ escalated: 1, failed: 0 });
    expect(await run('run-3')).toEqual({ escalated: 0, failed: 0 });
    expect(to()).toEqual(['daniel', 'grace', 'liam']);
  });

  it('a send that fails for one recipient is counted, and retried next run for that recipient only', async () => {
    let failures = 1;
    const { run, to, audit } = setup(['grace', 'daniel', 'liam'], (c) => {
      if (c.userId === 'liam' && failures-- > 0) throw new Error('Bot Connector 502');
    });
    expect(await run('run-1')).toEqual({ escalated: 1, failed: 1 });
    expect(to()).toEqual(['daniel', 'grace']);
    expect(await run('run-2')).toEqual({ escalated: 1, failed: 0 });
    expect(to()).toEqual(['daniel', 'grace', 'liam']);
    expect(await run('run-3')).toEqual({ escalated: 0, failed: 0 });
    expect(to()).toEqual(['daniel', 'grace', 'liam']);
    expect(audit[0]).toMatchObject({ action: 'escalation.sent', outcome: 'failed' });
    for (const a of audit) expect(a.detail).not.toMatch(/Bot Connector|grace|daniel|liam/i);
  });

  it('when the line manager cannot be read, nothing is sent and the next run sends it all', async () => {
    const { deps, run, to } = setup(['grace', 'daniel', 'liam']);
    const directory = deps.directory;
    let down = true;
    deps.directory = {
      ...directory,
      getManager: async (id) => {
        if (down) throw new Error('Graph 503');
        return directory.getManager(id);
      },
    };
    expect(await run('run-1')).toEqual({ escalated: 0, failed: 1 });
    expect(to()).toEqual([]);
    down = false;
    expect(await run('run-2')).toEqual({ escalated: 1, failed: 0 });
    expect(to()).toEqual(['daniel', 'grace', 'liam']);
  });

  it('two servers running at once send each card once, also to a recipient reached only on a later run', async () => {
    const { run, to, people } = setup(['grace', 'liam']);
    await Promise.all([run('server-a:1'), run('server-b:1')]);
    expect(to()).toEqual(['grace', 'liam']);
    people.add('daniel');
    const results = await Promise.all([run('server-a:2'), run('server-b:2'), run('server-c:2')]);
    expect(results.map((r) => r.failed)).toEqual([0, 0, 0]);
    expect(results.reduce((n, r) => n + r.escalated, 0)).toBe(1);
    expect(to()).toEqual(['daniel', 'grace', 'liam']);
  });

  it('an escalation sent whole by the earlier one-claim version is not sent again', async () => {
    const { run, to, claims } = setup(['grace', 'daniel', 'liam']);
    const [e] = escalationsDue([row]);
    claims.put({ key: e?.key ?? '', sessionId: 'a1', userId: 'liam', sessionStart: T0, state: 'sent', claimant: 'old:1', claimedAt: T0, sentAt: T0 });
    expect(await run('run-1')).toEqual({ escalated: 0, failed: 0 });
    expect(to()).toEqual([]);
  });
});
