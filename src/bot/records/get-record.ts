import type { Caller } from '../../shared/access/app-roles.js';
import { integrityOf } from '../../shared/records/sign-off.js';
import { audited } from '../audit/audited.js';
import { done, refuse, type Outcome } from '../use-case.js';
import { loadRecord, templateFor, type RecordDeps } from './record-context.js';
import { recordView, type RecordView } from './record-view.js';

/**
 * Reads a record (the latest version, or the one asked for). Every read is audited, allowed or not; a
 * version whose stored content no longer matches its fingerprint is shown as altered and audited as such.
 */
export async function getRecord(deps: RecordDeps, input: { caller: Caller; recordId: string; version?: number | undefined }): Promise<Outcome<RecordView>> {
  const { caller, recordId } = input;
  const loaded = await loadRecord(deps, caller, recordId, 'read');
  if (!loaded.ok) return audited(deps.audit, caller, 'record.read', recordId, loaded);
  const shown = input.version === undefined ? loaded.latest : loaded.versions.find((v) => v.value.version === input.version);
  if (!shown)
    return audited(deps.audit, caller, 'record.read', recordId, refuse('not-found', 'version_not_found', `This record has no version ${input.version}.`, { field: 'version' }));
  const r = shown.value;
  const integrity = integrityOf(r);
  if (integrity.status === 'altered') {
    // Changed in the store outside the app: say so, and leave a trace for the DSL.
    await deps.audit.append({ actorId: caller.id, action: 'record.integrity', targetId: recordId, outcome: 'failed', detail: `version ${r.version}: fingerprint mismatch` });
  }
  const view = recordView(
    caller,
    loaded.versions.map((v) => v.value),
    r,
    templateFor(deps.settings, r.kind, r.templateId),
    loaded.arrangement,
    loaded.session,
    deps.links,
  );
  return audited(deps.audit, caller, 'record.read', recordId, done(view), () => `version ${r.version}`);
}
