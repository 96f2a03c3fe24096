import type { Caller } from '../../shared/access/app-roles.js';
import { partiesOf } from '../../shared/arrangements/arrangement.js';
import { sendForSignature } from '../../shared/records/sign-off.js';
import { readinessIssues } from '../../shared/records/templates.js';
import { audited } from '../audit/audited.js';
import type { AppPorts } from '../ports.js';
import { done, invalid, refuse, type Outcome } from '../use-case.js';
import { publishSignatureCardsLater } from './publish-signature-cards.js';
import { loadRecord, refuseUnlessCurrent, templateFor, type RecordDeps } from './record-context.js';
import { recordView, signatoryOf, type RecordView } from './record-view.js';

type Deps = RecordDeps & Pick<AppPorts, 'postedCards' | 'messenger' | 'conversations' | 'links' | 'afterwards'>;

/**
 * Fixes the version's fingerprint and asks each party to sign it: a card to each (no case detail, a link
 * to read it in the app). A group record goes to those present (seed 003 group supervision).
 */
export async function sendRecordForSignature(deps: Deps, input: { caller: Caller; recordId: string; baseRevision: number }): Promise<Outcome<RecordView>> {
  const { caller, recordId } = input;
  const loaded = await loadRecord(deps, caller, recordId, 'send');
  if (!loaded.ok) return audited(deps.audit, caller, 'record.send', recordId, loaded);
  const latest = loaded.latest.value;
  const { arrangement } = loaded;
  // Send pressed twice (a double click, a request repeated): the one change since is that send, so it is done.
  if (latest.state === 'awaiting-signatures' && latest.revision === input.baseRevision + 1) {
    const view = recordView(
      caller,
      loaded.versions.map((v) => v.value),
      latest,
      templateFor(deps.settings, latest.kind, latest.templateId),
      arrangement,
      loaded.session,
      deps.links,
    );
    return audited(deps.audit, caller, 'record.send', recordId, done(view), () => 'already sent');
  }
  const stale = refuseUnlessCurrent(latest, input.baseRevision);
  if (stale) return audited(deps.audit, caller, 'record.send', recordId, stale);
  // seed 000 Appendix 6: one started in a group before that was refused would otherwise go to the whole group.
  if (latest.kind === 'wellbeing' && arrangement.format === 'group')
    return audited(
      deps.audit,
      caller,
      'record.send',
      recordId,
      refuse(
        'conflict',
        'wellbeing_in_group',
        'This wellbeing record was started in a group session, so it cannot be sent to the group to sign. Record it in an individual session with the person it is about.',
      ),
    );
  // As startRecord: a session cancelled after its record was started has nothing to sign (the contract belongs to the arrangement).
  if (latest.kind !== 'contract' && loaded.session?.status === 'cancelled')
    return audited(deps.audit, caller, 'record.send', recordId, refuse('conflict', 'session_cancelled', 'This session was cancelled, so its record cannot be sent for signature.'));
  const template = templateFor(deps.settings, latest.kind, latest.templateId);
  const parties = partiesOf(arrangement);
  const issues = readinessIssues(
    template,
    latest.content,
    parties.map((p) => p.id),
    arrangement.supervisor.id,
  ).map((i) => ({ field: `content.${i.field}`, message: i.message }));
  if (issues.length > 0) return audited(deps.audit, caller, 'record.send', recordId, invalid(issues));
  // seed 003 group supervision: every attendee present signs; otherwise both parties (seed 004 Appendix 1 §5).
  const signatoryIds =
    latest.kind === 'group' ? parties.filter((p) => latest.content.attendance?.some((a) => a.userId === p.id && a.present)).map((p) => p.id) : parties.map((p) => p.id);
  const sent = sendForSignature(
    latest,
    signatoryIds.map((id) => signatoryOf(arrangement, id)),
    deps.clock.now(),
  );
  if (!sent.ok) return audited(deps.audit, caller, 'record.send', recordId, refuse('conflict', sent.code, sent.message));
  const stored = await deps.records.update(loaded.latest, sent.record);
  publishSignatureCardsLater(deps, stored.value, arrangement, loaded.session, { post: true });
  const versions = [...loaded.versions.slice(0, -1).map((v) => v.value), stored.value];
  return audited(
    deps.audit,
    caller,
    'record.send',
    recordId,
    done(recordView(caller, versions, stored.value, template, arrangement, loaded.session, deps.links)),
    (v) => `version ${v.record.version}; sha256 ${v.record.sentSha256 ?? ''}; ${v.record.signatories.length} signatories`,
  );
}
