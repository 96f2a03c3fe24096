import { describe, expect, it } from 'vitest';
import type { SchoolCalendar } from '../../shared/calendar/academic-year.js';
import { DEFAULT_ENGLAND_2025_26, DEFAULT_ENGLAND_2026_27 } from '../../shared/calendar/default-england.js';
import { instantMs, type IsoInstant } from '../../shared/calendar/london-time.js';
import { validOrThrow } from '../../shared/calendar/test-fixtures.js';
import { reminderKey } from '../../shared/reminders/reminders.js';
import { fakeClaims } from '../../../tests/support/fake-claims.js';
import type { Logger } from '../logger.js';
import { REMINDER_JOB } from './reminder-scheduler.js';
import { runReminders } from './run-reminders.js';

/** 2025/26 ending Fri 26 Jun 2026: a summer holiday of nearly 10 weeks (the longest a calendar may have). */
function longSummer(): SchoolCalendar {
  const years = [structuredClone(DEFAULT_ENGLAND_2025_26), structuredClone(DEFAULT_ENGLAND_2026_27)];
  const first = years[0];
  if (!first?.halfTerms[5]) throw new Error('no Summer 2');
  first.halfTerms[5].end = '2026-06-26';
  first.insetDays = first.insetDays.filter((d) => d.date !== '2026-07-22');
  return validOrThrow({ division: 'england-and-wales', years } satisfies SchoolCalendar);
}

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as Logger;

/** One booked session for Grace and Liam (status and arrangement as given); the run at `now`. */
async function runAt(now: string, start: string, opts: { arrangementStatus?: 'active' | 'ended'; sessionStatus?: 'booked' | 'cancelled'; sentFor?: string } = {}) {
  const claims = fakeClaims();
  // The reminders already sent for an earlier time of the session.
  for (const userId of opts.sentFor ? ['grace', 'liam'] : []) {
    const at = opts.sentFor as IsoInstant;
    claims.put({ key: reminderKey('s1', userId, at), sessionId: 's1', userId, sessionStart: at, claimant: 'earlier', state: 'sent', claimedAt: at, sentAt: at });
  }
  const session = { id: 's1', arrangementId: 'a1', start, end: start, status: opts.sessionStatus ?? 'booked' };
  const arrangement = {
    id: 'a1',
    status: opts.arrangementStatus ?? 'active',
    supervisor: { id: 'grace', displayName: 'Grace' },
    supervisees: [{ id: 'liam', displayName: 'Liam' }],
  };
  const deps = {
    sessions: {
      listBookedStartingBetween: async (from: IsoInstant, to: IsoInstant) =>
        [session].filter((s) => s.status === 'booked' && instantMs(s.start) >= instantMs(from) && instantMs(s.start) < instantMs(to)).map((value) => ({ value, version: '1' })),
    },
    arrangements: { list: async () => [{ value: arrangement, version: '1' }] },
    schoolCalendar: { get: async () => ({ value: longSummer(), version: `long-summer-${now}` }) },
    reminderClaims: claims.repository,
    decisions: { listUnconfirmed: async () => [] },
    settings: { reminderWorkingDays: 2 },
    clock: { now: () => now as IsoInstant },
    audit: { append: async () => undefined },
  } as unknown as Parameters<typeof runReminders>[0];
  // Sending is not faked here (each send fails and is counted): these tests are about which reminders are due.
  return runReminders(deps, quiet, { caller: REMINDER_JOB });
}

describe('which reminders the job finds due', () => {
  it('a session on the first day after the longest summer holiday is due on its reminder day in the term before', async () => {
    // Tue 1 Sep 2026: 2 working days before are Thu 25 and Fri 26 Jun; on Thu 25 Jun the session is 68 days ahead.
    expect((await runAt('2026-06-25T09:00:00Z', '2026-09-01T08:00:00Z')).due).toBe(2);
  });

  it('none for a cancelled session, a session whose arrangement ended, or one that has started', async () => {
    expect((await runAt('2026-06-25T09:00:00Z', '2026-09-01T08:00:00Z', { sessionStatus: 'cancelled' })).due).toBe(0);
    expect((await runAt('2026-06-25T09:00:00Z', '2026-09-01T08:00:00Z', { arrangementStatus: 'ended' })).due).toBe(0);
    expect((await runAt('2026-09-01T08:00:00Z', '2026-09-01T08:00:00Z')).due).toBe(0);
  });

  it('a session booked less than 2 working days ahead is due at once', async () => {
    expect((await runAt('2026-09-01T07:00:00Z', '2026-09-01T08:00:00Z')).due).toBe(2);
  });

  it('a session moved after its reminders went out: reminded again for the new time when that is due, not for the old one again', async () => {
    const old = '2026-06-18T08:00:00Z'; // Thu 18 Jun 09:00 BST, reminded on Tue 16 Jun
    // Unmoved: sent already.
    expect(await runAt('2026-06-17T09:00:00Z', old, { sentFor: old })).toMatchObject({ due: 2, alreadySent: 2 });
    // Moved earlier, to Thu 18 Jun 08:30: due again now, for the new time.
    expect(await runAt('2026-06-17T09:00:00Z', '2026-06-18T07:30:00Z', { sentFor: old })).toMatchObject({ due: 2, alreadySent: 0 });
    // Moved later, to Tue 23 Jun: nothing yet (its reminder day is Fri 19 Jun), then due on that day.
    expect(await runAt('2026-06-17T09:00:00Z', '2026-06-23T08:00:00Z', { sentFor: old })).toMatchObject({ due: 0 });
    expect(await runAt('2026-06-19T09:00:00Z', '2026-06-23T08:00:00Z', { sentFor: old })).toMatchObject({ due: 2, alreadySent: 0 });
  });
});
