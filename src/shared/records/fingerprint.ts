import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import canonicalize from 'canonicalize';
import type { RecordContent, RecordKind } from './record.js';

/** What the fingerprint covers: the record's identity, version and content (not its signatures or state). */
export interface FingerprintSubject {
  recordId: string;
  version: number;
  kind: RecordKind;
  templateId: string;
  content: RecordContent;
}

/** The content in RFC 8785 canonical JSON: the same text whatever order its keys were written in. */
export function canonicalContent(subject: FingerprintSubject): string {
  const { recordId, version, kind, templateId, content } = subject;
  const text = canonicalize({ recordId, version, kind, templateId, content });
  if (text === undefined) throw new RangeError('a record has content to fingerprint');
  return text;
}

/** The SHA-256 of the canonical content, in lower-case hex: what signers see and sign. */
export function fingerprintOf(subject: FingerprintSubject): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalContent(subject))));
}

/** The first characters of a fingerprint in groups of four, for people to compare by eye. */
export function shortFingerprint(sha: string): string {
  return (sha.slice(0, 16).match(/.{4}/g) ?? []).join(' ');
}
