import type { Arrangement } from '../arrangements/arrangement.js';
import { instantMs, instantToLondon, type IsoInstant } from '../calendar/london-time.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { DecisionRecord } from '../records/decision-record.js';
import type { RecordVersion } from '../records/record.js';
import { targetWindows } from '../scheduling/target-windows.js';
import type { Session } from '../sessions/session.js';
import { complianceSettings, type ComplianceSettings } from './compliance-settings.js';
import { runComplianceChecks } from './run-compliance-checks.js';
import type { ActionFacts, ArrangementFacts, ComplianceFinding, DecisionFacts, RecordFacts, SessionFacts } from './types.js';

/** Where one supervisee stands, in one arrangement: what the dashboard shows as a row. */
export interface DashboardRow {
  arrangementId: string;
  schoolId: string;
  superviseeId: string;
  superviseeName: string;
  superviseeRole: string;
  supervisorId: string;
  supervisorName: string;
  format: Arrangement['format'];
  lastSession?: IsoInstant | undefined;
  nextSession?: IsoInstant | undefined;
  /** The worst finding's status: overdue, due soon, or on track. */
  status: 'on-track' | 'due-soon' | 'overdue';
  /** Every finding for this supervisee's arrangement, overdue first (plain words, no case detail). */
  findings: ComplianceFinding[];
  unsignedRecords: number;
  contract: 'signed' | 'not-signed' | 'overdue' | 'review-due' | 'review-overdue';
  openActions: number;
  overdueActions: number;
  decisionsAwaiting: number;
  decisionsOverdue: number;
  /** The bot cannot reach them (the app is not installed for them). */
  unreachable: boolean;
}

/** Sessions held against sessions due in one planning window (a half term), for one school. */
export interface WindowTally {
  schoolId: string;
  windowId: string;
  label: string;
  due: number;
  held: number;
}

export interface Dashboard {
  rows: DashboardRow[];
  windows: WindowTally[];
}

export interface DashboardInput {
  calendar: WorkingCalendar;
  now: IsoInstant;
  arrangements: readonly Arrangement[];
  sessions: readonly Session[];
  /** The latest version of each record. */
  records: readonly RecordVersion[];
  decisions: readonly DecisionRecord[];
  /** People the bot cannot reach. */
  unreachableIds: ReadonlySet<string>;
  /** The school each arrangement belongs to (absent: the one school, 'school'). */
  schoolOf?: (arrangement: Arrangement) => string;
  settings?: Partial<ComplianceSettings>;
}

const SESSION_RECORD_KINDS: readonly RecordVersion['kind'][] = ['individual', 'group'];

/** A session as the compliance rules see it: one that has ended and was not cancelled is held. */
function sessionFacts(s: Session, nowMs: number): SessionFacts {
  if (s.status === 'cancelled') return { id: s.id, start: s.start, end: s.end, status: 'cancelled' };
  const held = s.status === 'held' || instantMs(s.end) <= nowMs;
  return { id: s.id, start: s.start, end: s.end, status: held ? 'held' : 'planned' };
}

const RANK = { overdue: 2, 'due-soon': 1 } as const;

/**
 * The compliance dashboard: for every supervisee of every active arrangement, where they stand against
 * their policy (seed 000 "Entitlement", seed 003 §C and §F), with records, contract, actions and decisions;
 * and, per school and half term, sessions held against sessions due. Pure: everything is passed in.
 */
export function buildDashboard(input: DashboardInput): Dashboard {
  const nowMs = instantMs(input.now);
  const settings = complianceSettings(input.settings);
  const schoolOf = input.schoolOf ?? (() => 'school');
  const active = input.arrangements.filter((a) => a.status === 'active');
  const sessionsOf = new Map<string, Session[]>();
  for (const s of input.sessions) sessionsOf.set(s.arrangementId, [...(sessionsOf.get(s.arrangementId) ?? []), s]);
  const recordsOf = new Map<string, RecordVersion[]>();
  for (const r of input.records) recordsOf.set(r.arrangementId, [...(recordsOf.get(r.arrangementId) ?? []), r]);

  const rows: DashboardRow[] = [];
  const windows = new Map<string, WindowTally>();
  for (const a of active) {
    const sessions = (sessionsOf.get(a.id) ?? []).map((s) => sessionFacts(s, nowMs));
    const records = recordsOf.get(a.id) ?? [];
    const contract = records.find((r) => r.kind === 'contract');
    const facts: ArrangementFacts = {
      id: a.id,
      cadence: a.cadence,
      maxGapMonths: a.maxGapMonths,
      startDate: a.startDate,
      sessions,
      ...(contract?.lockedAt ? { contract: { signedAt: contract.lockedAt } } : {}),
    };
    const recordFacts: RecordFacts[] = records
      .filter((r) => SESSION_RECORD_KINDS.includes(r.kind) && r.sessionStart !== undefined)
      .map((r) => ({
        id: r.recordId,
        arrangementId: a.id,
        sessionId: r.sessionId ?? '',
        sessionDate: instantToLondon(r.sessionStart as IsoInstant).date,
        signatories: r.state === 'draft' ? [a.supervisor.id] : r.signatories.map((s) => s.id),
        signedBy: r.state === 'locked' ? r.signatories.map((s) => s.id) : r.signatures.map((s) => s.userId),
      }));
    // The latest session record holds the actions still open (they carry forward until done).
    const latest = records.filter((r) => SESSION_RECORD_KINDS.includes(r.kind)).sort((x, y) => (x.sessionStart ?? '').localeCompare(y.sessionStart ?? '')).at(-1);
    const actionFacts: ActionFacts[] = (latest?.content.actions ?? []).map((x) => ({ id: `${latest?.recordId}:${x.id}`, arrangementId: a.id, dueDate: x.dueDate, done: x.done }));
    const decisions = input.decisions.filter((d) => d.arrangementId === a.id && !d.enteredOnCaseSystem);
    const decisionFacts: DecisionFacts[] = decisions.map((d) => ({ id: d.id, arrangementId: a.id, decidedAt: d.decidedAt }));
    const findings = runComplianceChecks({ calendar: input.calendar, arrangements: [facts], records: recordFacts, decisions: decisionFacts, actions: actionFacts, settings, now: input.now });

    const held = sessions.filter((s) => s.status === 'held').map((s) => s.start).sort();
    const upcoming = sessions.filter((s) => s.status === 'planned').map((s) => s.start).sort();
    const worst = findings.reduce<0 | 1 | 2>((m, f) => Math.max(m, RANK[f.status]) as 0 | 1 | 2, 0);
    const contractFinding = (rule: ComplianceFinding['rule']) => findings.find((f) => f.rule === rule);
    const signedBy3rd = contractFinding('contract-by-third-session');
    const review = contractFinding('contract-review');
    const contractState: DashboardRow['contract'] =
      signedBy3rd?.status === 'overdue'
        ? 'overdue'
        : review
          ? review.status === 'overdue'
            ? 'review-overdue'
            : 'review-due'
          : contract?.lockedAt
            ? 'signed'
            : 'not-signed';
    for (const s of a.supervisees) {
      rows.push({
        arrangementId: a.id,
        schoolId: schoolOf(a),
        superviseeId: s.id,
        superviseeName: s.displayName,
        superviseeRole: s.role,
        supervisorId: a.supervisor.id,
        supervisorName: a.supervisor.displayName,
        format: a.format,
        lastSession: held.at(-1),
        nextSession: upcoming[0],
        status: worst === 2 ? 'overdue' : worst === 1 ? 'due-soon' : 'on-track',
        findings,
        unsignedRecords: records.filter((r) => SESSION_RECORD_KINDS.includes(r.kind) && r.state !== 'locked').length,
        contract: contractState,
        openActions: actionFacts.filter((x) => !x.done).length,
        overdueActions: findings.filter((f) => f.rule === 'action-past-due').length,
        decisionsAwaiting: decisions.length,
        decisionsOverdue: findings.filter((f) => f.rule === 'decision-not-on-case-system' && f.status === 'overdue').length,
        unreachable: input.unreachableIds.has(s.id),
      });
    }

    // Held against due per window: a window that has ended (or is under way) is due once per arrangement.
    const today = instantToLondon(input.now).date;
    for (const y of input.calendar.calendar.years) {
      if (a.cadence.kind === 'as-required') continue;
      for (const w of targetWindows(input.calendar, y.label, a.cadence)) {
        if (w.start > today || w.end < a.startDate) continue;
        const windowId = `${y.label}:${w.id}`;
        const key = `${schoolOf(a)}|${windowId}`;
        const tally = windows.get(key) ?? { schoolId: schoolOf(a), windowId, label: `${w.label} ${y.label}`, due: 0, held: 0 };
        tally.due += 1;
        if (sessions.some((s) => s.status === 'held' && instantToLondon(s.start).date >= w.start && instantToLondon(s.start).date <= w.end)) tally.held += 1;
        windows.set(key, tally);
      }
    }
  }
  rows.sort((x, y) => RANK_ORDER[y.status] - RANK_ORDER[x.status] || x.superviseeName.localeCompare(y.superviseeName, 'en-GB'));
  return { rows, windows: [...windows.values()].sort((x, y) => x.windowId.localeCompare(y.windowId) || x.schoolId.localeCompare(y.schoolId)) };
}

const RANK_ORDER = { overdue: 2, 'due-soon': 1, 'on-track': 0 } as const;
