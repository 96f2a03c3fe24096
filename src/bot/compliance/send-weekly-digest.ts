import { randomUUID } from 'node:crypto';
import { buildDigestCard, digestFigures } from '../../shared/cards/digest-card.js';
import { addDays, weekday } from '../../shared/calendar/dates.js';
import { instantToLondon } from '../../shared/calendar/london-time.js';
import type { DashboardRow } from '../../shared/compliance/dashboard.js';
import { postOnce } from '../claims/post-once.js';
import type { AppPorts } from '../ports.js';

type Deps = Pick<AppPorts, 'reminderClaims' | 'conversations' | 'messenger' | 'links' | 'clock' | 'audit' | 'settings'>;

/**
 * Once a week (the first run from Monday), each person on the digest list (the DSL; `DIGEST_RECIPIENT_IDS`)
 * gets a card with the week's figures: counts only. Once per person per week, across servers; someone the
 * bot cannot reach yet gets it once they can be, and a send that failed is tried again on the next run.
 */
export async function sendWeeklyDigest(deps: Deps, input: { rows: readonly DashboardRow[]; claimant: string }): Promise<{ sent: number }> {
  const now = deps.clock.now();
  const today = instantToLondon(now).date;
  const monday = addDays(today, 1 - weekday(today));
  const figures = digestFigures(input.rows);
  const card = () => buildDigestCard({ weekOf: monday, figures, link: deps.links.page('/compliance') });
  let sent = 0;
  let failed = 0;
  let errorName: string | undefined;
  for (const userId of deps.settings.digestRecipientIds ?? []) {
    try {
      // Unique per attempt: two runs given the same claimant in one second must not read each other's claim as theirs.
      const claim = { key: `digest|${monday}|${userId}`, sessionId: `digest-${monday}`, userId, sessionStart: now, claimant: `${input.claimant}:${randomUUID()}` };
      if ((await postOnce(deps, claim, card)).outcome === 'sent') sent += 1;
    } catch (error) {
      failed += 1;
      errorName ??= error instanceof Error ? error.name : 'Error';
    }
  }
  // The job runs every few minutes: an entry only for a run that sent or failed. Counts and the error's name only.
  if (sent || failed)
    await deps.audit
      .append({
        actorId: 'system:digest',
        action: 'digest.sent',
        targetId: monday,
        outcome: failed ? 'failed' : 'done',
        detail: `${sent} sent` + (failed ? `, ${failed} failed (${errorName}); tried again next run` : ''),
      })
      .catch(() => undefined);
  return { sent };
}
