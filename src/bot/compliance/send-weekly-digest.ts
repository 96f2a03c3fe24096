import { buildDigestCard, digestFigures } from '../../shared/cards/digest-card.js';
import { addDays, weekday } from '../../shared/calendar/dates.js';
import { instantToLondon } from '../../shared/calendar/london-time.js';
import type { DashboardRow } from '../../shared/compliance/dashboard.js';
import { randomUUID } from 'node:crypto';
import type { AppPorts, ReminderClaim } from '../ports.js';
import { takeClaim } from '../claims/lease.js';
import { notifyPeople } from '../reschedule/notify.js';

type Deps = Pick<AppPorts, 'reminderClaims' | 'conversations' | 'messenger' | 'links' | 'clock' | 'audit' | 'settings'>;

/**
 * Once a week (the first run from Monday), each person on the digest list (the DSL; `DIGEST_RECIPIENT_IDS`)
 * gets a card with the week's figures: counts only. Once per person per week, across servers.
 */
export async function sendWeeklyDigest(deps: Deps, input: { rows: readonly DashboardRow[]; claimant: string }): Promise<{ sent: number }> {
  const now = deps.clock.now();
  const today = instantToLondon(now).date;
  const monday = addDays(today, 1 - weekday(today));
  const figures = digestFigures(input.rows);
  let sent = 0;
  for (const userId of deps.settings.digestRecipientIds ?? []) {
    const claim: ReminderClaim = {
      key: `digest|${monday}|${userId}`,
      sessionId: `digest-${monday}`,
      userId,
      sessionStart: now,
      state: 'claimed',
      claimant: `${input.claimant}:${randomUUID()}`,
      claimedAt: now,
    };
    // Taken over when an earlier run could not reach them (or stopped part way): they get it once they can be reached.
    const stored = await takeClaim(deps.reminderClaims, claim);
    if (!stored) continue;
    const missed = await notifyPeople(deps, [userId], () => buildDigestCard({ weekOf: monday, figures, link: deps.links.page('/compliance') }));
    await deps.reminderClaims.update(stored, { ...claim, state: missed.length ? 'unreachable' : 'sent', sentAt: deps.clock.now() });
    if (!missed.length) sent += 1;
  }
  await deps.audit.append({ actorId: 'system:digest', action: 'digest.sent', targetId: monday, outcome: 'done', detail: `${sent} sent` });
  return { sent };
}
