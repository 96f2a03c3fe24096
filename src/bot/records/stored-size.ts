import type { RecordVersion } from '../../shared/records/record.js';
import { refuse } from '../use-case.js';

// A SharePoint "multiple lines of text" column holds at most 63,999 characters; ValueJson carries the
// whole version, so the content must leave room for signatures. Too large is refused, never cut short.
export const MAX_STORED_RECORD_CHARS = 60_000;

/** A refusal when the version would not fit in its list item, saying by how much. */
export function tooLargeToStore(version: RecordVersion) {
  const size = JSON.stringify(version).length;
  if (size <= MAX_STORED_RECORD_CHARS) return undefined;
  return refuse(
    'invalid',
    'record_too_large',
    `This record is too long to keep safely: it is ${size - MAX_STORED_RECORD_CHARS} characters over the limit of ${MAX_STORED_RECORD_CHARS}. Shorten the longest answers, or move detail about a child into a decision record. Nothing was saved.`,
    { field: 'content' },
  );
}
