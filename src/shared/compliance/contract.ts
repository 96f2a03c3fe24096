import { addMonths, daysBetween } from '../calendar/dates.js';
import { instantMs, instantToLondon, type IsoInstant } from '../calendar/london-time.js';
import type { ComplianceSettings } from './compliance-settings.js';
import type { ArrangementFacts, ComplianceFinding } from './types.js';

const ORDINAL = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

// seed 000 "Supervision Agreement": contract discussed, signed and filed by the end of the THIRD session.
/** Overdue when the contract was not signed by the end of the Nth session; due-soon when that session is next. */
export function checkContractSigned(a: ArrangementFacts, now: IsoInstant, settings: ComplianceSettings): ComplianceFinding | undefined {
  const n = settings.contractBySession;
  const sessions = a.sessions.filter((s) => s.status === 'held' || s.status === 'planned').sort((x, y) => instantMs(x.start) - instantMs(y.start));
  const nth = sessions[n - 1];
  if (!nth) return undefined;
  const signedAt = a.contract?.signedAt;
  if (signedAt && instantMs(signedAt) <= instantMs(nth.end)) return undefined;
  const nowMs = instantMs(now);
  const which = ORDINAL[n - 1] ?? `${n}th`;
  const when = instantToLondon(nth.end);
  if (nowMs >= instantMs(nth.end)) {
    if (signedAt && instantMs(signedAt) <= nowMs) return undefined; // signed late: nothing left to do
    return {
      rule: 'contract-by-third-session',
      status: 'overdue',
      arrangementId: a.id,
      subjectId: nth.id,
      dueBy: nth.end,
      message: `The supervision contract was not signed by the end of the ${which} session (${when.date} ${when.time}). Sign it at the next session.`,
    };
  }
  const heldBefore = sessions.slice(0, n - 1).every((s) => instantMs(s.end) <= nowMs);
  if (!heldBefore) return undefined;
  return {
    rule: 'contract-by-third-session',
    status: 'due-soon',
    arrangementId: a.id,
    subjectId: nth.id,
    dueBy: nth.end,
    message: `The supervision contract must be signed by the end of the ${which} session (${when.date} ${when.time}).`,
  };
}

// seed 001 "Roles and responsibilities" and seed 003 §B: contract reviewed at least annually.
/** Due-soon in the month before the annual review, overdue after it; the year runs from the later of the last review and the last signing. */
export function checkContractReview(a: ArrangementFacts, now: IsoInstant, settings: ComplianceSettings): ComplianceFinding | undefined {
  // Counts from the later of the last review and the last signing: re-signing a contract is a review.
  const dates = [a.contract?.lastReviewedAt, a.contract?.signedAt].filter((d): d is IsoInstant => d !== undefined);
  if (dates.length === 0) return undefined;
  const last = dates.reduce((x, y) => (instantMs(y) > instantMs(x) ? y : x));
  const from = instantToLondon(last).date;
  const dueBy = addMonths(from, settings.contractReviewMonths);
  const today = instantToLondon(now).date;
  const base = { rule: 'contract-review' as const, arrangementId: a.id, subjectId: a.id, dueBy };
  if (today > dueBy) {
    return { ...base, status: 'overdue', message: `The supervision contract was due for review on ${dueBy} (last agreed ${from}). Review it at the next session.` };
  }
  if (daysBetween(today, dueBy) <= settings.contractReviewDueSoonDays) {
    return { ...base, status: 'due-soon', message: `The supervision contract is due for review by ${dueBy}.` };
  }
  return undefined;
}
