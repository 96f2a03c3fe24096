import type { RecordVersion, Signatory } from '../../shared/records/record.js';
import { refuse } from '../use-case.js';

// A SharePoint "multiple lines of text" column holds at most 63,999 characters; ValueJson carries the
// whole version, so the content must leave room for signatures. Too large is refused, never cut short.
export const MAX_STORED_RECORD_CHARS = 60_000;

const SHA = '0'.repeat(64);
const AT = '2000-01-01T00:00:00.000Z';

/** How long the version's stored form will be once every one of these people has signed it and it is locked. */
export function storedSizeWhenSigned(version: RecordVersion, signatories: readonly Signatory[]): number {
  const signed: RecordVersion = {
    ...version,
    signatories: [...signatories],
    signatures: signatories.map((s) => ({ userId: s.id, displayName: s.displayName, at: AT, sha256: SHA })),
    sentSha256: SHA,
    sentAt: AT,
    updatedAt: AT,
    lockedAt: AT,
  };
  return JSON.stringify(signed).length;
}

/**
 * A refusal when the version would not fit in its list item once signed by these people (by default those
 * it is already sent to), saying by how much: a version that fits now but not with its signatures could
 * never be signed.
 */
export function tooLargeToStore(version: RecordVersion, signatories: readonly Signatory[] = version.signatories) {
  const size = storedSizeWhenSigned(version, signatories);
  if (size <= MAX_STORED_RECORD_CHARS) return undefined;
  return refuse(
    'invalid',
    'record_too_large',
    `This record is too long to keep safely: it is ${size - MAX_STORED_RECORD_CHARS} characters over the limit of ${MAX_STORED_RECORD_CHARS}. Shorten the longest answers, or move detail about a child into a decision record. Nothing was saved.`,
    { field: 'content' },
  );
}
