// The evidence pack form's own rules, before asking the server (which checks again, and audits):
// the default range, the dates (a day that exists, "to" not before "from", at most two years, as
// src/shared/compliance/evidence-pack.ts validateEvidenceRange), the case-detail reason (5–200 characters,
// as src/bot/compliance/export-evidence-pack.ts), the file name from Content-Disposition and the words
// shown when the file is saved. Pure: the caller passes today's London date in.
import { addMonths, isIsoDate } from '../../../shared/calendar/dates.js';
import { evidencePackFileName } from '../../../shared/compliance/evidence-file-name.js';
import type { EvidenceFormat, EvidencePackRequest } from '../../api/operations/compliance.js';
import { formatIsoDate } from '../../time/london.js';

/** The longest range one export covers (the server's EVIDENCE_MAX_MONTHS): two school years. */
export const EVIDENCE_MAX_MONTHS = 24;
/** The case-detail reason's length after spaces are tidied (the server's REASON_MIN_LENGTH, REASON_MAX_LENGTH). */
export const REASON_MIN_LENGTH = 5;
export const REASON_MAX_LENGTH = 200;
/** The scope value for the whole trust (a school's id otherwise). */
export const WHOLE_TRUST = '';

export interface EvidencePackDraft {
  readonly from: string;
  readonly to: string;
  /** WHOLE_TRUST or a school's id. */
  readonly scope: string;
  readonly format: EvidenceFormat;
  readonly includeCaseDetail: boolean;
  readonly reason: string;
}

export type EvidencePackField = 'from' | 'to' | 'scope' | 'reason';
export type EvidencePackProblems = Partial<Record<EvidencePackField, string>>;

/** The last 12 months up to today (London), the whole trust, PDF, no case detail. */
export function defaultEvidenceDraft(today: string): EvidencePackDraft {
  return { from: addMonths(today, -12), to: today, scope: WHOLE_TRUST, format: 'pdf', includeCaseDetail: false, reason: '' };
}

/** The reason as the server keeps it: runs of spaces and line breaks become one space, ends trimmed. */
export function tidyReason(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function dateProblem(value: string, which: 'first' | 'last'): string | undefined {
  const example = which === 'first' ? '01/09/2025' : '22/07/2026';
  if (!value.trim()) return `Enter the ${which} day, a date that exists (such as ${example}).`;
  if (!isIsoDate(value)) return `${value} is not a date that exists. Enter the ${which} day, such as ${example}.`;
  return undefined;
}

/**
 * The request to send, or the problem next to each field. `mayIncludeCaseDetail` is true for the DSL only
 * (a case-detail request from anyone else is dropped, as the form does not offer it); `schoolIds` are the
 * trust's schools the dashboard listed.
 */
export function checkEvidenceDraft(
  draft: EvidencePackDraft,
  options: { readonly mayIncludeCaseDetail: boolean; readonly schoolIds: readonly string[] },
): { readonly ok: true; readonly request: EvidencePackRequest } | { readonly ok: false; readonly problems: EvidencePackProblems } {
  const problems: EvidencePackProblems = {};
  const from = draft.from.trim();
  const to = draft.to.trim();
  const fromProblem = dateProblem(from, 'first');
  const toProblem = dateProblem(to, 'last');
  if (fromProblem) problems.from = fromProblem;
  if (toProblem) problems.to = toProblem;
  if (!fromProblem && !toProblem) {
    if (to < from) problems.to = `The last day (${formatIsoDate(to)}) is before the first (${formatIsoDate(from)}). Choose a last day on or after the first.`;
    else {
      const latest = addMonths(from, EVIDENCE_MAX_MONTHS);
      if (to > latest)
        problems.to = `One export covers at most two years: from ${formatIsoDate(from)} the last day is ${formatIsoDate(latest)} at the latest. Export the rest separately.`;
    }
  }
  if (draft.scope !== WHOLE_TRUST && !options.schoolIds.includes(draft.scope)) problems.scope = 'Choose the whole trust or one of its schools.';
  const withDetail = options.mayIncludeCaseDetail && draft.includeCaseDetail;
  const reason = tidyReason(draft.reason);
  if (withDetail) {
    if (!reason) problems.reason = `Say why case detail is needed (${REASON_MIN_LENGTH} to ${REASON_MAX_LENGTH} characters), such as “Ofsted inspection, case sample requested”.`;
    else if (reason.length < REASON_MIN_LENGTH) problems.reason = `The reason is too short: use ${REASON_MIN_LENGTH} to ${REASON_MAX_LENGTH} characters.`;
    else if (reason.length > REASON_MAX_LENGTH) problems.reason = `The reason is ${reason.length - REASON_MAX_LENGTH} characters too long: use at most ${REASON_MAX_LENGTH}.`;
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    request: {
      from,
      to,
      format: draft.format,
      ...(draft.scope === WHOLE_TRUST ? {} : { schoolId: draft.scope }),
      ...(withDetail ? { caseDetail: { reason } } : {}),
    },
  };
}

/** The server's field names (400 issues) as the form's: 'schoolId' is the scope, 'includeCaseDetail' the reason's checkbox. */
export function formFieldOf(serverField: string | undefined): EvidencePackField | undefined {
  switch (serverField) {
    case 'from':
    case 'to':
    case 'reason':
      return serverField;
    case 'schoolId':
      return 'scope';
    default:
      return undefined;
  }
}

/**
 * The file name from a Content-Disposition header (`filename*=UTF-8''…` first, then `filename="…"`),
 * reduced to a plain name (no folders, no control characters); `fallback` when there is none.
 */
export function filenameFromDisposition(header: string | null | undefined, fallback: string): string {
  if (!header) return fallback;
  let name: string | undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      name = decodeURIComponent(extended[1].trim());
    } catch {
      name = undefined;
    }
  }
  if (!name) {
    const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(header);
    const bare = /filename\s*=\s*([^;"\s]+)/.exec(header);
    name = quoted?.[1]?.replace(/\\(.)/g, '$1') ?? bare?.[1];
  }
  // The last part of any path, without control characters.
  const last = (name ?? '').split(/[\\/]/).pop() ?? '';
  const plain = [...last]
    .filter((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  return plain && plain !== '.' && plain !== '..' ? plain : fallback;
}

/** The name to save under when the server names none, as the server names it: 'evidence-pack_oakfield-academy_2025-06-01_2026-06-01.csv'. */
export function fallbackFilename(request: Pick<EvidencePackRequest, 'from' | 'to' | 'format' | 'caseDetail'>, schoolName?: string): string {
  return evidencePackFileName({ from: request.from, to: request.to, schoolName, withCaseDetail: request.caseDetail !== undefined, format: request.format });
}

/** What was saved, in words: 'Saved evidence-pack_….csv: the evidence pack for Oakfield Academy, Sun 1 Jun 2025 to Mon 1 Jun 2026, CSV, without case detail.' */
export function savedMessage(request: EvidencePackRequest, scopeName: string, filename: string): string {
  const detail = request.caseDetail ? 'with case detail (your reason is in the audit log)' : 'without case detail';
  return `Saved ${filename}: the evidence pack for ${scopeName}, ${formatIsoDate(request.from)} to ${formatIsoDate(request.to)}, ${request.format.toUpperCase()}, ${detail}.`;
}
