import type { Caller } from '../../shared/access/app-roles.js';
import { partiesOf } from '../../shared/arrangements/arrangement.js';
import { fingerprintOf } from '../../shared/records/fingerprint.js';
import type { RecordContent, RecordVersion } from '../../shared/records/record.js';
import { editRecord } from '../../shared/records/sign-off.js';
import { answersSchema } from '../../shared/records/templates.js';
import { audited } from '../audit/audited.js';
import type { AppPorts } from '../ports.js';
import { done, invalid, type Outcome } from '../use-case.js';
import { fieldPath } from '../http/api/operation.js';
import { publishSignatureCardsLater } from './publish-signature-cards.js';
import { loadRecord, recordChanged, refuseUnlessCurrent, templateFor, type RecordDeps } from './record-context.js';
import { recordView, signatoryOf, type RecordView } from './record-view.js';
import { tooLargeToStore } from './stored-size.js';

type Deps = RecordDeps & Pick<AppPorts, 'postedCards' | 'messenger' | 'conversations' | 'links' | 'afterwards'>;

export interface SaveDraftInput {
  caller: Caller;
  recordId: string;
  content: RecordContent;
  /** The `revision` of the version the writer last loaded: a save over someone else's is a conflict, not a loss. */
  baseRevision: number;
}

/** Whether the stored version is the one this save wrote (or one the same in every way that matters). */
const sameWrite = (stored: RecordVersion, wrote: RecordVersion) =>
  stored.createdAt === wrote.createdAt && stored.createdById === wrote.createdById && fingerprintOf(stored) === fingerprintOf(wrote);

/**
 * Saves what the supervisor has written so far (the tab saves as they type). A version awaiting signatures
 * goes back to draft; a locked version stays as it is and the change becomes the next version.
 */
export async function saveRecordDraft(deps: Deps, input: SaveDraftInput): Promise<Outcome<RecordView>> {
  const { caller, recordId } = input;
  const loaded = await loadRecord(deps, caller, recordId, 'write');
  if (!loaded.ok) return audited(deps.audit, caller, 'record.save', recordId, loaded);
  const latest = loaded.latest.value;
  const stale = refuseUnlessCurrent(latest, input.baseRevision);
  if (stale) return audited(deps.audit, caller, 'record.save', recordId, stale);
  const template = templateFor(deps.settings, latest.kind, latest.templateId);
  const answers = answersSchema(template).safeParse(input.content.answers);
  if (!answers.success)
    return audited(deps.audit, caller, 'record.save', recordId, invalid(answers.error.issues.map((i) => ({ field: fieldPath(i.path, 'content.answers'), message: i.message }))));
  const partyIds = partiesOf(loaded.arrangement).map((p) => p.id);
  const strangers = [
    ...input.content.actions.flatMap((a, i) =>
      partyIds.includes(a.ownerId) ? [] : [{ field: `content.actions[${i}].ownerId`, message: 'An action’s owner must be the supervisor or a supervisee of this arrangement.' }],
    ),
    ...(input.content.attendance ?? []).flatMap((a, i) =>
      partyIds.includes(a.userId) ? [] : [{ field: `content.attendance[${i}].userId`, message: 'Only people in this arrangement can be marked present.' }],
    ),
    ...(input.content.takesForwardId && !partyIds.includes(input.content.takesForwardId)
      ? [{ field: 'content.takesForwardId', message: 'The person who takes forward an immediate concern must be in this group.' }]
      : []),
  ];
  if (strangers.length > 0) return audited(deps.audit, caller, 'record.save', recordId, invalid(strangers));

  const { record: next, newVersion } = editRecord(latest, { ...input.content, answers: answers.data }, caller.id, deps.clock.now());
  // Room for everyone's signatures (for a group, everyone who may be marked present).
  const tooLarge = tooLargeToStore(
    next,
    partyIds.map((id) => signatoryOf(loaded.arrangement, id)),
  );
  if (tooLarge) return audited(deps.audit, caller, 'record.save', recordId, tooLarge);
  const stored = newVersion ? await deps.records.create(next) : await deps.records.update(loaded.latest, next);
  // A create is idempotent on the version's key: when another save made this version first, the store hands
  // back theirs, and this save's content would be dropped unseen. Refused as any save over a newer change.
  if (newVersion && !sameWrite(stored.value, next)) return audited(deps.audit, caller, 'record.save', recordId, recordChanged());
  const versions = [...loaded.versions.map((v) => v.value).filter((v) => v.version !== stored.value.version), stored.value];
  // Signatures asked for against the old content are withdrawn: the posted cards say so.
  if (latest.state === 'awaiting-signatures') publishSignatureCardsLater(deps, { ...latest, state: 'draft' }, loaded.arrangement, loaded.session, { post: false });
  const view = recordView(caller, versions, stored.value, template, loaded.arrangement, loaded.session, deps.links);
  return audited(deps.audit, caller, 'record.save', recordId, done(view), () => `version ${stored.value.version}${newVersion ? ' (new version)' : ''}`);
}
