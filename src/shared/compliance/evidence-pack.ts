import type { Arrangement } from '../arrangements/arrangement.js';
import { addMonths, isIsoDate, type IsoDate } from '../calendar/dates.js';
import { instantMs, instantToLondon, type IsoInstant } from '../calendar/london-time.js';
import type { Validated, ValidationIssue } from '../calendar/validation-issue.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { describeCadence } from '../policy/supervision-policy.js';
import type { DecisionRecord } from '../records/decision-record.js';
import { lastSignedAt, type RecordKind, type RecordVersion } from '../records/record.js';
import type { Session } from '../sessions/session.js';
import { arrangementFacts, sessionFacts } from '../sessions/session-facts.js';
import { complianceSettings, type ComplianceSettings } from './compliance-settings.js';
import { decisionDueBy } from './records-and-actions.js';
import { sessionWindows, windowApplies } from './session-windows.js';

/** The longest range one export covers: two school years. */
export const EVIDENCE_MAX_MONTHS = 24;

/** London dates, both days included. */
export interface EvidenceRange {
  from: IsoDate;
  to: IsoDate;
}

/** Checks an export's range: real dates, from ≤ to, at most two years. */
export function validateEvidenceRange(from: string, to: string): Validated<EvidenceRange> {
  const issues: ValidationIssue[] = [];
  if (!isIsoDate(from)) issues.push({ field: 'from', message: `from: ${from || '(empty)'} is not a date that exists (expected YYYY-MM-DD, such as 2026-09-01).` });
  if (!isIsoDate(to)) issues.push({ field: 'to', message: `to: ${to || '(empty)'} is not a date that exists (expected YYYY-MM-DD, such as 2027-07-22).` });
  if (issues.length) return { ok: false, issues };
  if (to < from) return { ok: false, issues: [{ field: 'to', message: `to: the range ends before it starts (${to} < ${from}).` }] };
  const latest = addMonths(from, EVIDENCE_MAX_MONTHS);
  if (to > latest)
    return { ok: false, issues: [{ field: 'to', message: `to: one export covers at most two years (from ${from}, to ${latest} at the latest). Export the rest separately.` }] };
  return { ok: true, value: { from, to } };
}

export interface SignatureEvidence {
  userId: string;
  name: string;
  at: IsoInstant;
}

/** One session held in the range, with its record's sign-off. */
export interface SessionEvidence {
  arrangementId: string;
  sessionId: string;
  schoolId: string;
  date: IsoDate;
  time: string;
  supervisorName: string;
  superviseeNames: string[];
  recordId?: string | undefined;
  recordKind?: RecordKind | undefined;
  recordVersion?: number | undefined;
  /** 'none' when no record was started for the session. */
  recordState: RecordVersion['state'] | 'none';
  lockedAt?: IsoInstant | undefined;
  signatoryNames: string[];
  signatures: SignatureEvidence[];
  /** Case detail: only when the export includes it. */
  answers?: Record<string, string> | undefined;
}

export interface ContractEvidence {
  arrangementId: string;
  schoolId: string;
  recordId: string;
  supervisorName: string;
  superviseeNames: string[];
  version: number;
  state: RecordVersion['state'];
  signedAt?: IsoInstant | undefined;
  reviewDue?: IsoDate | undefined;
  signatures: SignatureEvidence[];
}

export interface DecisionEvidence {
  id: string;
  arrangementId: string;
  schoolId: string;
  sessionId: string;
  supervisorName: string;
  decidedAt: IsoInstant;
  dueBy: IsoInstant;
  confirmedAt?: IsoInstant | undefined;
  caseSystem: DecisionRecord['caseSystem'];
  /** 'on-time': confirmed by the deadline; 'late': confirmed after it; 'awaiting': not yet, deadline ahead; 'overdue': not yet, deadline passed. */
  status: 'on-time' | 'late' | 'awaiting' | 'overdue';
  /** Case detail: only when the export includes it. */
  childReference?: string | undefined;
  concerns?: string | undefined;
  caseSystemReference?: string | undefined;
  actions?: { text: string; timescale: string }[] | undefined;
}

export interface ActionEvidence {
  arrangementId: string;
  id: string;
  dueDate: IsoDate;
  done: boolean;
  overdue: boolean;
  /** Case detail: only when the export includes it. */
  text?: string | undefined;
}

/** One supervisee's figures for the range: the evidence pack's main table. */
export interface SuperviseeEvidence {
  arrangementId: string;
  schoolId: string;
  superviseeId: string;
  superviseeName: string;
  superviseeRole: string;
  supervisorName: string;
  cadence: string;
  arrangementStatus: Arrangement['status'];
  /**
   * When it is ended, the day it ended as recorded; absent for one ended before end dates were kept (its
   * figures then count to its last session, see endedOn, but an inspector is never shown that as a date entered).
   */
  arrangementEndedOn?: IsoDate | undefined;
  /**
   * Windows of the cadence overlapping the range that had begun (and the arrangement had begun), as the dashboard
   * counts them; for an ended arrangement, only those that began on or before it ended (see endedOn).
   */
  sessionsRequired: number;
  /** Of those windows, how many had a session held in them. */
  requiredWindowsMet: number;
  /** Sessions held in the range. */
  sessionsHeld: number;
  recordsLocked: number;
  recordsAwaitingSignature: number;
  contractSignedAt?: IsoInstant | undefined;
  contractReviewDue?: IsoDate | undefined;
  actionsAgreed: number;
  actionsDone: number;
  actionsOverdue: number;
  decisions: number;
  decisionsConfirmedInTime: number;
}

export interface EvidenceSummary {
  supervisees: number;
  sessionsRequired: number;
  requiredWindowsMet: number;
  sessionsHeld: number;
  recordsLocked: number;
  recordsAwaitingSignature: number;
  contractsSigned: number;
  actionsAgreed: number;
  actionsDone: number;
  actionsOverdue: number;
  decisions: number;
  decisionsConfirmedInTime: number;
  decisionsConfirmedLate: number;
  decisionsNotConfirmed: number;
}

export interface EvidencePack {
  range: EvidenceRange;
  generatedAt: IsoInstant;
  /** The school exported, or the whole trust. */
  scope: { schoolId?: string | undefined; label: string };
  caseDetail: { included: false } | { included: true; reason: string };
  /** The deadline for confirming a decision on the child's case record, in hours. */
  decisionRecordHours: number;
  summary: EvidenceSummary;
  supervisees: SuperviseeEvidence[];
  sessions: SessionEvidence[];
  contracts: ContractEvidence[];
  decisions: DecisionEvidence[];
  actions: ActionEvidence[];
}

export interface EvidenceInput {
  calendar: WorkingCalendar;
  now: IsoInstant;
  range: EvidenceRange;
  arrangements: readonly Arrangement[];
  sessions: readonly Session[];
  /** Record versions: at least the latest of each record; earlier versions let a record being revised show its last signed version. */
  records: readonly RecordVersion[];
  decisions: readonly DecisionRecord[];
  scope: { schoolId?: string | undefined; label: string };
  /** The school each arrangement belongs to (absent: the one school, 'school'). */
  schoolOf?: (arrangement: Arrangement) => string;
  /** Present only when the DSL asked for case detail, with their reason. */
  caseDetail?: { reason: string } | undefined;
  settings?: Partial<ComplianceSettings>;
}

// Records of a session that evidence supervision. Wellbeing records (about the supervisee's own welfare) are
// seen by the parties and the DSL only and never leave in an export; the contract has its own table.
const SESSION_KINDS: readonly RecordKind[] = ['individual', 'group', 'case-discussion'];

const londonDate = (i: IsoInstant) => instantToLondon(i).date;

/** A session as the compliance rules see it: not cancelled and ended (or marked held). */
const isHeld = (s: Session, now: IsoInstant) => sessionFacts(s, now).status === 'held';

/** The version that stands for a record: its latest locked version, or its latest when none is locked. */
function standingVersions(records: readonly RecordVersion[]): Map<string, RecordVersion> {
  const out = new Map<string, RecordVersion>();
  const sorted = [...records].sort((x, y) => x.version - y.version);
  for (const r of sorted) {
    const held = out.get(r.recordId);
    if (!held || r.state === 'locked' || held.state !== 'locked') out.set(r.recordId, r);
  }
  return out;
}

const signaturesOf = (r: RecordVersion): SignatureEvidence[] =>
  r.signatures.map((s) => ({ userId: s.userId, name: s.displayName, at: s.at })).sort((x, y) => x.at.localeCompare(y.at));

/**
 * The last day an ended arrangement owes sessions for (undefined while it is active): its end date. An
 * arrangement ended before end dates were kept has none, so the London day of its last session held or booked
 * (not cancelled) stands for it, or its start date when it has no such session: supervision demonstrably ran
 * that long, and nothing recorded says it ran longer. This may require a window too few (it ended later than
 * its last session) but never shows a supervisee as not met for windows after the arrangement was over.
 */
export function endedOn(a: Arrangement, sessions: readonly Session[]): IsoDate | undefined {
  if (a.status !== 'ended') return undefined;
  if (a.endDate !== undefined) return a.endDate;
  let last = a.startDate;
  for (const s of sessions) {
    if (s.arrangementId !== a.id || s.status === 'cancelled') continue;
    const day = londonDate(s.start);
    if (day > last) last = day;
  }
  return last;
}

/**
 * The evidence pack for an inspection or audit: per supervisee, sessions required by their policy and held
 * in [from, to]; each held session's record and who signed it when; contracts; actions; decision records
 * and whether each was confirmed on the child's case record in time. Case detail (answers, children's
 * references, concerns, action text) only when `caseDetail` is given. Pure: everything is passed in.
 */
export function buildEvidencePack(input: EvidenceInput): EvidencePack {
  const { range } = input;
  const settings = complianceSettings(input.settings);
  const nowMs = instantMs(input.now);
  const today = londonDate(input.now);
  const schoolOf = input.schoolOf ?? (() => 'school');
  const withDetail = input.caseDetail !== undefined;
  const inRange = (d: IsoDate) => d >= range.from && d <= range.to;

  const arrangements = input.arrangements
    .filter((a) => a.startDate <= range.to && (input.scope.schoolId === undefined || schoolOf(a) === input.scope.schoolId))
    .sort((x, y) => x.supervisor.displayName.localeCompare(y.supervisor.displayName, 'en-GB') || x.id.localeCompare(y.id));
  const standing = standingVersions(input.records);

  const supervisees: SuperviseeEvidence[] = [];
  const sessions: SessionEvidence[] = [];
  const contracts: ContractEvidence[] = [];
  const decisions: DecisionEvidence[] = [];
  const actions: ActionEvidence[] = [];

  for (const a of arrangements) {
    const schoolId = schoolOf(a);
    const names = a.supervisees.map((s) => s.displayName);
    const held = input.sessions.filter((s) => s.arrangementId === a.id && isHeld(s, input.now) && inRange(londonDate(s.start))).sort((x, y) => x.start.localeCompare(y.start));
    const records = [...standing.values()].filter((r) => r.arrangementId === a.id);

    // Required: the cadence's windows overlapping the range that had begun by today and that the arrangement
    // began by the middle of (as the cadence rule), and, once it has ended, that began on or before the day it
    // ended; met when a session counts for the window (the dashboard's tally, limited to the range).
    let required = 0;
    let met = 0;
    if (a.cadence.kind !== 'as-required') {
      const facts = arrangementFacts(a, input.sessions, input.now);
      const counted = sessionWindows(input.calendar, facts, settings.postponementWorkingDays, today);
      const ended = endedOn(a, input.sessions);
      for (const w of counted.windows) {
        if (w.start > today || !windowApplies(w, a.startDate) || w.end < range.from || w.start > range.to) continue;
        if (ended !== undefined && w.start > ended) continue;
        required += 1;
        if (counted.held.has(w.id)) met += 1;
      }
    }

    let locked = 0;
    let awaiting = 0;
    for (const s of held) {
      const record = records.find((r) => r.sessionId === s.id && SESSION_KINDS.includes(r.kind));
      if (record?.state === 'locked') locked += 1;
      else if (record) awaiting += 1;
      const start = instantToLondon(s.start);
      sessions.push({
        arrangementId: a.id,
        sessionId: s.id,
        schoolId,
        date: start.date,
        time: start.time,
        supervisorName: a.supervisor.displayName,
        superviseeNames: names,
        recordId: record?.recordId,
        recordKind: record?.kind,
        recordVersion: record?.version,
        recordState: record?.state ?? 'none',
        lockedAt: record?.lockedAt,
        signatoryNames: record?.signatories.map((p) => p.displayName) ?? [],
        signatures: record ? signaturesOf(record) : [],
        ...(withDetail && record ? { answers: { ...record.content.answers } } : {}),
      });
    }

    const contract = records.find((r) => r.kind === 'contract');
    // Under review (a newer version not yet signed): the last signed version is still in force.
    const signedAt = contract && lastSignedAt(contract);
    const reviewDue = signedAt ? addMonths(londonDate(signedAt), settings.contractReviewMonths) : undefined;
    if (contract)
      contracts.push({
        arrangementId: a.id,
        schoolId,
        recordId: contract.recordId,
        supervisorName: a.supervisor.displayName,
        superviseeNames: names,
        version: contract.version,
        state: contract.state,
        signedAt,
        reviewDue,
        signatures: signaturesOf(contract),
      });

    // Actions agreed in sessions in the range, each once (they carry forward from record to record until done):
    // the latest record's word on each stands.
    const heldIds = new Set(held.map((s) => s.id));
    const agreed = new Map<string, ActionEvidence>();
    const sessionRecords = records.filter((r) => SESSION_KINDS.includes(r.kind) && r.sessionId !== undefined && heldIds.has(r.sessionId));
    for (const r of sessionRecords.sort((x, y) => (x.sessionStart ?? '').localeCompare(y.sessionStart ?? '')))
      for (const x of r.content.actions)
        agreed.set(x.id, {
          arrangementId: a.id,
          id: x.id,
          dueDate: x.dueDate,
          done: x.done,
          overdue: !x.done && x.dueDate < (today < range.to ? today : range.to),
          ...(withDetail ? { text: x.text } : {}),
        });
    actions.push(...agreed.values());

    const mine = input.decisions.filter((d) => d.arrangementId === a.id && inRange(londonDate(d.decidedAt))).sort((x, y) => x.decidedAt.localeCompare(y.decidedAt));
    for (const d of mine) {
      const dueBy = decisionDueBy(d.decidedAt, settings, input.calendar);
      const confirmedAt = d.enteredOnCaseSystem?.at;
      const status: DecisionEvidence['status'] = confirmedAt
        ? instantMs(confirmedAt) <= instantMs(dueBy)
          ? 'on-time'
          : 'late'
        : nowMs > instantMs(dueBy)
          ? 'overdue'
          : 'awaiting';
      decisions.push({
        id: d.id,
        arrangementId: a.id,
        schoolId,
        sessionId: d.sessionId,
        supervisorName: a.supervisor.displayName,
        decidedAt: d.decidedAt,
        dueBy,
        confirmedAt,
        caseSystem: d.caseSystem,
        status,
        ...(withDetail
          ? { childReference: d.childReference, concerns: d.concerns, caseSystemReference: d.enteredOnCaseSystem?.reference, actions: d.actions.map((x) => ({ ...x })) }
          : {}),
      });
    }

    const agreedList = [...agreed.values()];
    for (const s of a.supervisees)
      supervisees.push({
        arrangementId: a.id,
        schoolId,
        superviseeId: s.id,
        superviseeName: s.displayName,
        superviseeRole: s.role,
        supervisorName: a.supervisor.displayName,
        cadence: describeCadence(a.cadence),
        arrangementStatus: a.status,
        arrangementEndedOn: a.status === 'ended' ? a.endDate : undefined,
        sessionsRequired: required,
        requiredWindowsMet: met,
        sessionsHeld: held.length,
        recordsLocked: locked,
        recordsAwaitingSignature: awaiting,
        contractSignedAt: signedAt,
        contractReviewDue: reviewDue,
        actionsAgreed: agreedList.length,
        actionsDone: agreedList.filter((x) => x.done).length,
        actionsOverdue: agreedList.filter((x) => x.overdue).length,
        decisions: mine.length,
        decisionsConfirmedInTime: decisions.filter((d) => d.arrangementId === a.id && d.status === 'on-time').length,
      });
  }
  supervisees.sort((x, y) => x.superviseeName.localeCompare(y.superviseeName, 'en-GB') || x.arrangementId.localeCompare(y.arrangementId));

  // Per arrangement, not per supervisee: a group's session is one session, however many attend.
  const perArrangement = new Map(supervisees.map((s) => [s.arrangementId, s]));
  const sum = (f: (s: SuperviseeEvidence) => number) => [...perArrangement.values()].reduce((n, s) => n + f(s), 0);
  const summary: EvidenceSummary = {
    supervisees: supervisees.length,
    sessionsRequired: sum((s) => s.sessionsRequired),
    requiredWindowsMet: sum((s) => s.requiredWindowsMet),
    sessionsHeld: sessions.length,
    recordsLocked: sum((s) => s.recordsLocked),
    recordsAwaitingSignature: sum((s) => s.recordsAwaitingSignature),
    contractsSigned: contracts.filter((c) => c.signedAt !== undefined).length,
    actionsAgreed: actions.length,
    actionsDone: actions.filter((x) => x.done).length,
    actionsOverdue: actions.filter((x) => x.overdue).length,
    decisions: decisions.length,
    decisionsConfirmedInTime: decisions.filter((d) => d.status === 'on-time').length,
    decisionsConfirmedLate: decisions.filter((d) => d.status === 'late').length,
    decisionsNotConfirmed: decisions.filter((d) => d.status === 'awaiting' || d.status === 'overdue').length,
  };

  return {
    range,
    generatedAt: input.now,
    scope: { ...input.scope },
    caseDetail: input.caseDetail ? { included: true, reason: input.caseDetail.reason } : { included: false },
    decisionRecordHours: settings.decisionRecordHours,
    summary,
    supervisees,
    sessions,
    contracts,
    decisions,
    actions,
  };
}
