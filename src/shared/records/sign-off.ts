import type { IsoInstant } from '../calendar/london-time.js';
import { fingerprintOf } from './fingerprint.js';
import { type RecordContent, type RecordVersion, type Signatory } from './record.js';

/** Why a sign-off step was refused: a stable code and plain words (never case detail). */
export type SignOffResult = { ok: true; record: RecordVersion } | { ok: false; code: SignOffRefusalCode; message: string };
export type SignOffRefusalCode =
  'not_signatory' | 'already_signed' | 'not_awaiting_signatures' | 'fingerprint_mismatch' | 'stale_version' | 'locked' | 'no_signatories' | 'already_sent' | 'changed_since_shown';

const no = (code: SignOffRefusalCode, message: string): SignOffResult => ({ ok: false, code, message });

type VersionBase = Pick<RecordVersion, 'recordId' | 'kind' | 'templateId' | 'arrangementId' | 'sessionId' | 'sessionStart'>;

/** A version in draft, as nobody has sent or signed it yet. */
function draftVersion(base: VersionBase, version: number, content: RecordContent, byId: string, now: IsoInstant, revision = 0): RecordVersion {
  const { recordId, kind, templateId, arrangementId, sessionId, sessionStart } = base;
  return {
    recordId,
    kind,
    templateId,
    arrangementId,
    ...(sessionId !== undefined ? { sessionId } : {}),
    ...(sessionStart !== undefined ? { sessionStart } : {}),
    version,
    content,
    state: 'draft',
    signatories: [],
    signatures: [],
    changeRequests: [],
    createdById: byId,
    createdAt: now,
    updatedAt: now,
    revision,
  };
}

/** A new first version, in draft. */
export function startRecord(base: VersionBase, content: RecordContent, byId: string, now: IsoInstant): RecordVersion {
  return draftVersion(base, 1, content, byId, now);
}

/**
 * The supervisor changes the content. A draft is saved as it is; a version awaiting signatures goes back to
 * draft (signatures given against the old content no longer count); a locked version is never touched:
 * the change starts the next version, and the locked one stays readable (seed 000 "Recording"). The next
 * version's revision carries on from the locked one's, so a save made against any earlier revision of the
 * record, of whatever version, can never match it.
 */
export function editRecord(r: RecordVersion, content: RecordContent, byId: string, now: IsoInstant): { record: RecordVersion; newVersion: boolean } {
  if (r.state === 'locked')
    return {
      record: { ...draftVersion(r, r.version + 1, content, byId, now, r.revision + 1), ...(r.lockedAt ? { previousLockedAt: r.lockedAt } : {}) },
      newVersion: true,
    };
  const next: RecordVersion = { ...r, content, state: 'draft', signatures: [], updatedAt: now, revision: r.revision + 1 };
  delete next.sentSha256;
  delete next.sentAt;
  return { record: next, newVersion: false };
}

/** Sends the version for signature by these people: its fingerprint is fixed until it changes again. */
export function sendForSignature(r: RecordVersion, signatories: readonly Signatory[], now: IsoInstant): SignOffResult {
  if (r.state === 'locked') return no('locked', `Version ${r.version} is signed and locked. Change it to start version ${r.version + 1}.`);
  if (r.state === 'awaiting-signatures') return no('already_sent', `Version ${r.version} is already waiting for signatures.`);
  if (signatories.length === 0) return no('no_signatories', 'Nobody is there to sign this record: mark who was present first.');
  return {
    ok: true,
    record: {
      ...r,
      state: 'awaiting-signatures',
      signatories: [...signatories],
      signatures: [],
      sentSha256: fingerprintOf(r),
      sentAt: now,
      updatedAt: now,
      revision: r.revision + 1,
    },
  };
}

/**
 * One signatory signs the fingerprint they were shown. Refused when they are not asked to sign, signed
 * already, or the content has changed since they saw it. The last signature locks the version.
 */
export function signRecord(r: RecordVersion, signer: Signatory, seen: { version: number; sha256: string }, now: IsoInstant): SignOffResult {
  if (!r.signatories.some((s) => s.id === signer.id)) return no('not_signatory', 'You are not asked to sign this record.');
  if (seen.version !== r.version)
    return no('stale_version', `You were shown version ${seen.version}; the record is now at version ${r.version}. Open the latest and read it before signing.`);
  if (r.signatures.some((s) => s.userId === signer.id))
    return no('already_signed', r.state === 'locked' ? 'You have already signed this version; it is locked.' : 'You have already signed this version.');
  if (r.state !== 'awaiting-signatures')
    return no('not_awaiting_signatures', r.state === 'locked' ? 'This version is already locked.' : 'This record has not been sent for signature.');
  const sha = fingerprintOf(r);
  // seed 000 "Recording": what is signed is exactly what was read.
  if (seen.sha256 !== sha || r.sentSha256 !== sha)
    return no('fingerprint_mismatch', 'The record has changed since you were shown it (its fingerprint no longer matches). Open it again, read it, and sign the current version.');
  const signatures = [...r.signatures, { userId: signer.id, displayName: signer.displayName, at: now, sha256: sha }];
  const everyone = r.signatories.every((s) => signatures.some((g) => g.userId === s.id));
  return { ok: true, record: { ...r, signatures, updatedAt: now, revision: r.revision + 1, ...(everyone ? { state: 'locked' as const, lockedAt: now } : {}) } };
}

/**
 * A signatory asks for a change instead of signing: the version goes back to draft with their comment. `seen.sha256`
 * (the fingerprint they were shown; absent from cards sent before it was added) must still be the one sent.
 */
export function requestChange(r: RecordVersion, by: Signatory, comment: string, seen: { version: number; sha256?: string | undefined }, now: IsoInstant): SignOffResult {
  if (!r.signatories.some((s) => s.id === by.id)) return no('not_signatory', 'You are not asked to sign this record.');
  if (seen.version !== r.version) return no('stale_version', `The record is now at version ${r.version}. Open the latest before asking for a change.`);
  if (r.state !== 'awaiting-signatures')
    return no('not_awaiting_signatures', r.state === 'locked' ? 'This version is already locked.' : 'This record is not waiting for signatures.');
  // Content altered in the store since it was sent: sending it back to draft would drop the fingerprint and
  // with it the only evidence of the alteration (seed 003 §D).
  if (r.sentSha256 !== fingerprintOf(r))
    return no(
      'fingerprint_mismatch',
      'The stored record no longer matches the fingerprint it was sent with: it was changed outside this app. Ask the designated safeguarding lead to look into it.',
    );
  // Changed and sent again since they read it: their comment is about words no longer there.
  if (seen.sha256 !== undefined && seen.sha256 !== r.sentSha256)
    return no('changed_since_shown', 'The record has changed since you were shown it. Open it again and read it before asking for a change.');
  const next: RecordVersion = {
    ...r,
    state: 'draft',
    signatures: [],
    changeRequests: [...r.changeRequests, { userId: by.id, displayName: by.displayName, at: now, comment, version: r.version }],
    updatedAt: now,
    revision: r.revision + 1,
  };
  delete next.sentSha256;
  delete next.sentAt;
  return { ok: true, record: next };
}

/** How a stored version compares with what was signed: 'intact', or 'altered' when its content no longer matches. */
export function integrityOf(r: RecordVersion): { status: 'intact' | 'altered'; expected?: string; actual: string } {
  const actual = fingerprintOf(r);
  const expected = r.sentSha256 ?? r.signatures[0]?.sha256;
  if (expected === undefined) return { status: 'intact', actual };
  const signedOther = r.signatures.some((s) => s.sha256 !== actual);
  return expected === actual && !signedOther ? { status: 'intact', actual } : { status: 'altered', expected, actual };
}

/** Who still has to sign. */
export const awaitedSignatories = (r: RecordVersion): Signatory[] => r.signatories.filter((s) => !r.signatures.some((g) => g.userId === s.id));
