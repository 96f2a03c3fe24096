import type { RecordVersion } from '../../shared/records/record.js';
import type { Session } from '../../shared/sessions/session.js';
import type { Arrangement } from '../../shared/arrangements/arrangement.js';
import { UnreachableError, type AppPorts } from '../ports.js';
import { signatureCardFor } from './record-view.js';

type Deps = Pick<AppPorts, 'postedCards' | 'messenger' | 'conversations' | 'links' | 'afterwards' | 'clock'>;

/**
 * After the answer has gone: posts a signature card to each signatory who has none for this version yet,
 * and updates every card already posted for the record to its state now (signed, locked, withdrawn). A card
 * that cannot be posted or updated never undoes the change; the tab shows the same state.
 */
export function publishSignatureCardsLater(
  deps: Deps,
  r: RecordVersion,
  arrangement: Arrangement,
  session: Session | undefined,
  options: { post: boolean; except?: string | undefined },
): void {
  const about = { supervisorName: arrangement.supervisor.displayName, sessionStart: session?.start, link: deps.links.record(r.recordId, r.version), latestVersion: r.version };
  deps.afterwards.run(`signature:${r.recordId}`, async () => {
    // Cards are kept per version: a card asking for version 1 is never turned into one for version 2.
    const key = `${r.recordId}#v${r.version}`;
    const posted = await deps.postedCards.listForSession(key);
    const signatureCards = posted.filter((p) => p.kind === 'signature');
    await Promise.all(
      signatureCards
        .filter((p) => p.activityId !== options.except)
        .map(async (p) => {
          try {
            await deps.messenger.update(p.conversation, p.activityId, signatureCardFor(r, about, p.userId));
          } catch (error) {
            if (error instanceof UnreachableError && error.status === 403) await deps.conversations.forget(p.userId).catch(() => undefined);
          }
        }),
    );
    if (!options.post) return;
    for (const s of r.signatories) {
      const to = await deps.conversations.get(s.id);
      if (!to) continue;
      try {
        const activityId = await deps.messenger.post(to, signatureCardFor(r, about, s.id));
        await deps.postedCards.add({ sessionId: key, userId: s.id, kind: 'signature', conversation: to, activityId, postedAt: deps.clock.now() });
      } catch (error) {
        if (error instanceof UnreachableError && error.status === 403) await deps.conversations.forget(s.id).catch(() => undefined);
      }
    }
  });
}
