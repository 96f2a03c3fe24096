import type { Caller } from '../../shared/access/app-roles.js';
import { requestChange } from '../../shared/records/sign-off.js';
import { audited } from '../audit/audited.js';
import type { AppPorts } from '../ports.js';
import { done, invalid, refuse, type Outcome } from '../use-case.js';
import { publishSignatureCardsLater } from './publish-signature-cards.js';
import { loadRecord, templateFor, type RecordDeps } from './record-context.js';
import { recordView, signatoryOf, type RecordView } from './record-view.js';
import { tooLargeToStore } from './stored-size.js';

type Deps = RecordDeps & Pick<AppPorts, 'postedCards' | 'messenger' | 'conversations' | 'links' | 'afterwards'>;

/** A signatory asks the supervisor to change the record instead of signing it; their comment is kept with it. */
export async function requestRecordChange(
  deps: Deps,
  input: { caller: Caller; recordId: string; version: number; sha256?: string | undefined; comment: string; fromActivityId?: string | undefined },
): Promise<Outcome<RecordView>> {
  const { caller, recordId } = input;
  const comment = input.comment.trim();
  if (!comment) return audited(deps.audit, caller, 'record.request-change', recordId, invalid([{ field: 'comment', message: 'Say what should change, then send the request.' }]));
  const loaded = await loadRecord(deps, caller, recordId, 'sign');
  if (!loaded.ok) return audited(deps.audit, caller, 'record.request-change', recordId, loaded);
  const latest = loaded.latest.value;
  const changed = requestChange(latest, signatoryOf(loaded.arrangement, caller.id), comment, { version: input.version, sha256: input.sha256 }, deps.clock.now());
  if (!changed.ok) return audited(deps.audit, caller, 'record.request-change', recordId, refuse('conflict', changed.code, changed.message));
  // Each request is kept with the version: one that would leave no room for the signatures is refused, never stored too large to sign.
  if (tooLargeToStore(changed.record))
    return audited(
      deps.audit,
      caller,
      'record.request-change',
      recordId,
      refuse('invalid', 'record_too_large', 'This record has no room left to keep another request for a change. Shorten your comment, or ask the supervisor directly.', {
        field: 'comment',
      }),
    );
  const stored = await deps.records.update(loaded.latest, changed.record);
  publishSignatureCardsLater(deps, stored.value, loaded.arrangement, loaded.session, { post: false, except: input.fromActivityId });
  const versions = [...loaded.versions.slice(0, -1).map((v) => v.value), stored.value];
  const view = recordView(caller, versions, stored.value, templateFor(deps.settings, latest.kind, latest.templateId), loaded.arrangement, loaded.session, deps.links);
  // The comment may hold case detail: it is kept with the record, never in the audit log.
  return audited(deps.audit, caller, 'record.request-change', recordId, done(view), (v) => `version ${v.record.version}`);
}
