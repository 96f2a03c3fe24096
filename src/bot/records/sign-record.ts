import type { Caller } from '../../shared/access/app-roles.js';
import { integrityOf, signRecord as sign } from '../../shared/records/sign-off.js';
import { audited } from '../audit/audited.js';
import { ConcurrentUpdateError } from '../graph/graph-errors.js';
import type { AppPorts } from '../ports.js';
import { done, refuse, type Outcome } from '../use-case.js';
import { publishSignatureCardsLater } from './publish-signature-cards.js';
import { loadRecord, templateFor, type RecordDeps } from './record-context.js';
import { recordView, signatoryOf, type RecordView } from './record-view.js';

type Deps = RecordDeps & Pick<AppPorts, 'postedCards' | 'messenger' | 'conversations' | 'links' | 'afterwards'>;

export interface SignInput {
  caller: Caller;
  recordId: string;
  /** The version and fingerprint the signer was shown (on the card or in the tab). */
  version: number;
  sha256: string;
  /** The card the signer pressed Sign on: Teams replaces it with the answer. */
  fromActivityId?: string | undefined;
}

/**
 * Signs the version the caller was shown, if it is still exactly that content. The last signature locks
 * it and every party's card shows it. Two people signing at the same moment both count.
 */
export async function signRecord(deps: Deps, input: SignInput): Promise<Outcome<RecordView>> {
  const { caller, recordId } = input;
  for (let attempt = 0; ; attempt++) {
    const loaded = await loadRecord(deps, caller, recordId, 'sign');
    if (!loaded.ok) return audited(deps.audit, caller, 'record.sign', recordId, loaded);
    const latest = loaded.latest.value;
    if (integrityOf(latest).status === 'altered')
      return audited(
        deps.audit,
        caller,
        'record.sign',
        recordId,
        refuse(
          'conflict',
          'fingerprint_mismatch',
          'The stored record no longer matches the fingerprint it was sent with: it was changed outside this app. It cannot be signed; the designated safeguarding lead has been told in the audit log.',
        ),
      );
    // As sending: a session cancelled after its record was sent has nothing to sign (a card left open in Teams).
    if (latest.kind !== 'contract' && loaded.session?.status === 'cancelled')
      return audited(
        deps.audit,
        caller,
        'record.sign',
        recordId,
        refuse('conflict', 'session_cancelled', 'This session was cancelled after its record was sent, so the record cannot be signed.'),
      );
    const signed = sign(latest, signatoryOf(loaded.arrangement, caller.id), { version: input.version, sha256: input.sha256 }, deps.clock.now());
    if (!signed.ok) return audited(deps.audit, caller, 'record.sign', recordId, refuse('conflict', signed.code, signed.message));
    try {
      const stored = await deps.records.update(loaded.latest, signed.record);
      publishSignatureCardsLater(deps, stored.value, loaded.arrangement, loaded.session, { post: false, except: input.fromActivityId });
      const versions = [...loaded.versions.slice(0, -1).map((v) => v.value), stored.value];
      const view = recordView(caller, versions, stored.value, templateFor(deps.settings, latest.kind, latest.templateId), loaded.arrangement, loaded.session, deps.links);
      return audited(
        deps.audit,
        caller,
        'record.sign',
        recordId,
        done(view),
        (v) => `version ${v.record.version}; sha256 ${input.sha256}${v.record.state === 'locked' ? '; locked' : ''}`,
      );
    } catch (error) {
      // Another signature landed first: read again and sign on top of it.
      if (!(error instanceof ConcurrentUpdateError) || attempt >= 3) throw error;
    }
  }
}
