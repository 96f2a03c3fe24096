import type { Caller } from '../../shared/access/app-roles.js';
import { decideRecordAccess, type RecordOperation } from '../../shared/access/records.js';
import type { Arrangement } from '../../shared/arrangements/arrangement.js';
import { RECORD_KINDS, type RecordKind, type RecordVersion } from '../../shared/records/record.js';
import { DEFAULT_TEMPLATE_IDS, extendTemplate, templateById, type RecordTemplate } from '../../shared/records/templates.js';
import { integrityOf } from '../../shared/records/sign-off.js';
import type { Session } from '../../shared/sessions/session.js';
import type { AppPorts, Stored } from '../ports.js';
import { refuse, type Refusal } from '../use-case.js';

export type RecordDeps = Pick<AppPorts, 'records' | 'arrangements' | 'sessions' | 'auditorGrants' | 'clock' | 'audit' | 'settings' | 'links'>;

export interface RecordContext {
  versions: Stored<RecordVersion>[];
  latest: Stored<RecordVersion>;
  arrangement: Arrangement;
  session: Session | undefined;
}

/** The kind a record id names (`<session>.<kind>` or `<arrangement>.contract`), or undefined for one that is not ours. */
export function kindOfRecordId(recordId: string): RecordKind | undefined {
  const kind = recordId.slice(recordId.lastIndexOf('.') + 1);
  return (RECORD_KINDS as readonly string[]).includes(kind) ? (kind as RecordKind) : undefined;
}

/** The template a record follows: the school's choice for the kind (or the default), with the school's own questions. */
export function templateFor(settings: AppPorts['settings'], kind: RecordKind, templateId?: string): RecordTemplate {
  const id = templateId ?? settings.recordTemplates?.[kind] ?? DEFAULT_TEMPLATE_IDS[kind];
  const base = templateById(id) ?? (templateById(DEFAULT_TEMPLATE_IDS[kind]) as RecordTemplate);
  const extra = settings.extraQuestions?.[base.id];
  return extra?.length ? extendTemplate(base, extra) : base;
}

/** The auditor grants the rule needs: only an auditor's own are read. */
export async function accessContext(deps: Pick<RecordDeps, 'auditorGrants' | 'clock'>, caller: Caller) {
  const grants = caller.roles.includes('Safeguarding.Auditor') ? (await deps.auditorGrants.listForAuditor(caller.id)).map((g) => g.value) : [];
  return { now: deps.clock.now(), grants };
}

/**
 * Loads a record (every version) with its arrangement and session, and decides `op` for the caller with the
 * pure access rule. Unknown id → not found; not allowed → forbidden (the use case audits either way).
 */
export async function loadRecord(
  deps: RecordDeps,
  caller: Caller,
  recordId: string,
  op: RecordOperation,
): Promise<({ ok: true } & RecordContext) | { ok: false; refusal: Refusal }> {
  const notFound = refuse('not-found', 'record_not_found', 'There is no record with that id. It may not have been started yet.');
  const kind = kindOfRecordId(recordId);
  if (!kind) return notFound;
  const versions = await deps.records.listVersions(recordId);
  const latest = versions.at(-1);
  if (!latest) {
    // Someone who may not read such a record is refused whether or not it exists: ids are predictable, and
    // "not found" would tell them a wellbeing record was never written.
    const arrangementId = kind === 'contract' ? recordId.slice(0, -'.contract'.length) : (await deps.sessions.get(recordId.slice(0, -(kind.length + 1))))?.value.arrangementId;
    const arrangement = arrangementId ? await deps.arrangements.get(arrangementId) : undefined;
    if (arrangement) {
      const decision = decideRecordAccess(op === 'sign' ? 'read' : op, caller, { arrangement: arrangement.value, kind }, await accessContext(deps, caller));
      if (!decision.ok) return refuse('forbidden', 'forbidden', decision.reason);
    }
    return notFound;
  }
  const [arrangement, session, ctx] = await Promise.all([
    deps.arrangements.get(latest.value.arrangementId),
    latest.value.sessionId ? deps.sessions.get(latest.value.sessionId) : Promise.resolve(undefined),
    accessContext(deps, caller),
  ]);
  if (!arrangement) return notFound;
  const decision = decideRecordAccess(op, caller, { arrangement: arrangement.value, kind: latest.value.kind, signatoryIds: latest.value.signatories.map((s) => s.id) }, ctx);
  if (!decision.ok) return refuse('forbidden', 'forbidden', decision.reason);
  return { ok: true, versions, latest, arrangement: arrangement.value, session: session?.value };
}

/** Someone changed the record since the caller loaded it: reload, never overwrite. */
export const recordChanged = (): { ok: false; refusal: Refusal } =>
  refuse(
    'conflict',
    'record_changed',
    'This record was changed somewhere else since you opened it (a signature, or a save in another window). Reload it; copy anything you typed first.',
  );

/**
 * Why the supervisor may not change this version now: someone changed it since they loaded it (the revision
 * moved on), or its stored content no longer matches its fingerprint (changed outside the app).
 */
export function refuseUnlessCurrent(latest: RecordVersion, baseRevision: number): { ok: false; refusal: Refusal } | undefined {
  if (latest.revision !== baseRevision) return recordChanged();
  if (integrityOf(latest).status === 'altered')
    return refuse(
      'conflict',
      'record_altered',
      'The stored record no longer matches its fingerprint: it was changed outside this app. Ask the designated safeguarding lead to look into it before anything is changed.',
    );
  return undefined;
}
