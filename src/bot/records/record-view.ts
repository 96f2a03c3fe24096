import type { AdaptiveCard } from '@microsoft/teams.cards';
import { buildSignatureCard } from '../../shared/cards/signature-card.js';
import { fingerprintOf } from '../../shared/records/fingerprint.js';
import type { Caller } from '../../shared/access/app-roles.js';
import { canSignRecord, canWriteRecord } from '../../shared/access/records.js';
import { partiesOf, type Arrangement } from '../../shared/arrangements/arrangement.js';
import { RECORD_KIND_TITLES, type RecordVersion, type Signatory } from '../../shared/records/record.js';
import { awaitedSignatories, integrityOf } from '../../shared/records/sign-off.js';
import type { RecordTemplate } from '../../shared/records/templates.js';
import type { Session } from '../../shared/sessions/session.js';
import type { Links } from '../ports.js';

/** One version of a record as the tab shows it: the content, where it stands, and what the caller may do. */
export interface RecordView {
  record: RecordVersion;
  title: string;
  template: RecordTemplate;
  latestVersion: number;
  versions: { version: number; state: RecordVersion['state']; updatedAt: string; lockedAt?: string | undefined; integrity: 'intact' | 'altered' }[];
  /** The fingerprint of the content as stored now. */
  fingerprint: string;
  /** 'altered' when the stored content no longer matches the fingerprint it was sent or signed with. */
  integrity: 'intact' | 'altered';
  session?: { id: string; start: string; end: string; windowLabel: string } | undefined;
  arrangement: { id: string; format: Arrangement['format']; supervisor: Signatory; supervisees: Signatory[] };
  awaiting: Signatory[];
  /** The supervisor, on the latest version. */
  canEdit: boolean;
  /** Asked to sign this version and not yet signed. */
  canSign: boolean;
  /** Where the version is read in the app (the signature card links here). */
  link: string;
}

export function recordView(
  caller: Caller,
  versions: readonly RecordVersion[],
  shown: RecordVersion,
  template: RecordTemplate,
  arrangement: Arrangement,
  session: Session | undefined,
  links: Links,
): RecordView {
  const latest = versions.at(-1) ?? shown;
  const integrity = integrityOf(shown);
  const subject = { arrangement, kind: shown.kind, signatoryIds: shown.signatories.map((s) => s.id) };
  const isLatest = shown.version === latest.version;
  return {
    record: shown,
    title: RECORD_KIND_TITLES[shown.kind],
    template,
    latestVersion: latest.version,
    versions: versions.map((v) => ({ version: v.version, state: v.state, updatedAt: v.updatedAt, lockedAt: v.lockedAt, integrity: integrityOf(v).status })),
    fingerprint: integrity.actual,
    integrity: integrity.status,
    session: session ? { id: session.id, start: session.start, end: session.end, windowLabel: session.windowLabel } : undefined,
    arrangement: {
      id: arrangement.id,
      format: arrangement.format,
      supervisor: { id: arrangement.supervisor.id, displayName: arrangement.supervisor.displayName },
      supervisees: arrangement.supervisees.map((s) => ({ id: s.id, displayName: s.displayName })),
    },
    awaiting: awaitedSignatories(shown),
    canEdit: isLatest && canWriteRecord(caller, { arrangement, kind: shown.kind }).ok,
    canSign:
      isLatest &&
      shown.state === 'awaiting-signatures' &&
      integrity.status === 'intact' &&
      canSignRecord(caller, subject).ok &&
      !shown.signatures.some((s) => s.userId === caller.id),
    link: links.record(shown.recordId, shown.version),
  };
}

/** The person as a signatory, with the name the arrangement knows them by. */
export function signatoryOf(arrangement: Arrangement, userId: string): Signatory {
  const p = partiesOf(arrangement).find((x) => x.id === userId);
  return { id: userId, displayName: p?.displayName ?? 'Unknown' };
}

/** The signature card for one viewer of a version. */
export function signatureCardFor(
  r: RecordVersion,
  about: { supervisorName: string; sessionStart: string | undefined; link: string; latestVersion: number },
  viewerId: string,
): AdaptiveCard {
  return buildSignatureCard({
    recordId: r.recordId,
    version: r.version,
    kindTitle: RECORD_KIND_TITLES[r.kind],
    ...(about.sessionStart ? { sessionStart: about.sessionStart } : {}),
    supervisorName: about.supervisorName,
    // A withdrawn draft shows the content's fingerprint now; a sent one, what was sent.
    sha256: r.sentSha256 ?? fingerprintOf(r),
    state: r.state,
    signatories: r.signatories,
    signatures: r.signatures.map((s) => ({ userId: s.userId, displayName: s.displayName, at: s.at })),
    link: about.link,
    viewerId,
    latestVersion: about.latestVersion,
  });
}

/** The signature card answering a signatory's own action, from the view the use case returned. */
export const signatureCardOfView = (view: RecordView, viewerId: string): AdaptiveCard =>
  signatureCardFor(
    view.record,
    { supervisorName: view.arrangement.supervisor.displayName, sessionStart: view.session?.start, link: view.link, latestVersion: view.latestVersion },
    viewerId,
  );
