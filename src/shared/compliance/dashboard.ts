import type { Arrangement } from '../arrangements/arrangement.js';
import { addDays, type IsoDate } from '../calendar/dates.js';
import { instantMs, instantToLondon, londonToInstant, toIsoInstant, type IsoInstant } from '../calendar/london-time.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { DecisionRecord } from '../records/decision-record.js';
import { lastSignedAt, type RecordVersion } from '../records/record.js';
import type { Session } from '../sessions/session.js';
import { sessionFacts } from '../sessions/session-facts.js';
import { complianceSettings, type ComplianceSettings } from './compliance-settings.js';
import { decisionDueBy } from './records-and-actions.js';
import { runComplianceChecks } from './run-compliance-checks.js';
import { sessionWindows, windowApplies } from './session-windows.js';
import { DEFAULT_SCHOOL } from '../schools/schools.js';
import type { ActionFacts, ArrangementFacts, ComplianceFinding, DecisionFacts, RecordFacts } from './types.js';

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

/** What the dashboard reads of a record's latest version (a whole RecordVersion fits). */
export type DashboardRecord = Pick<
  RecordVersion,
  'recordId' | 'arrangementId' | 'sessionId' | 'sessionStart' | 'kind' | 'state' | 'signatories' | 'signatures' | 'lockedAt' | 'previousLockedAt'
> & {
  content: Pick<RecordVersion['content'], 'actions'>;
};

export interface DashboardInput {
  calendar: WorkingCalendar;
  now: IsoInstant;
  arrangements: readonly Arrangement[];
  sessions: readonly Session[];
  /** The latest version of each record. */
  records: readonly DashboardRecord[];
  decisions: readonly DecisionRecord[];
  /** People the bot cannot reach. */
  unreachableIds: ReadonlySet<string>;
  /** The school each arrangement belongs to (absent: the one implicit school, 'school'); see schoolOfArrangement in src/shared/schools. */
  schoolOf?: (arrangement: Arrangement) => string;
  settings?: Partial<ComplianceSettings>;
}

const SESSION_RECORD_KINDS: readonly RecordVersion['kind'][] = ['individual', 'group'];

const RANK = { overdue: 2, 'due-soon': 1 } as const;

/** One active arrangement's rows (one per supervisee) and its share of the window tallies. */
export interface ArrangementStanding {
  rows: DashboardRow[];
  windows: WindowTally[];
  /**
   * Until when this standing holds if nothing about the arrangement changes: the next London midnight
   * (date rules), the next session end (held, contract by the third session), the next decision deadline.
   */
  validUntil: IsoInstant;
}

export interface StandingInput {
  calendar: WorkingCalendar;
  now: IsoInstant;
  arrangement: Arrangement;
  /** This arrangement's sessions, latest record versions and decision records. */
  sessions: readonly Session[];
  records: readonly DashboardRecord[];
  decisions: readonly DecisionRecord[];
  unreachableIds: ReadonlySet<string>;
  schoolId: string;
  settings?: Partial<ComplianceSettings>;
}

/** The next midnight in London after `now`, for the date-based rules (kept for the last day asked). */
let midnight: { today: string; next: IsoInstant } | undefined;
function nextLondonMidnight(today: IsoDate): IsoInstant {
  if (midnight?.today !== today) midnight = { today, next: londonToInstant(addDays(today, 1), '00:00') };
  return midnight.next;
}

/** Where one active arrangement's supervisees stand (see buildDashboard). Pure: everything is passed in. */
export function arrangementStanding(input: StandingInput): ArrangementStanding {
  const { arrangement: a, now } = input;
  const nowMs = instantMs(now);
  const settings = complianceSettings(input.settings);
  const schoolId = input.schoolId;
  const today = instantToLondon(now).date;
  const sessions = input.sessions.map((s) => sessionFacts(s, now));
  const records = input.records;
  const contract = records.find((r) => r.kind === 'contract');
  // A contract being reviewed (a newer version not yet signed) stands as signed when the last version was.
  const contractSignedAt = contract && lastSignedAt(contract);
  const facts: ArrangementFacts = {
    id: a.id,
    cadence: a.cadence,
    maxGapMonths: a.maxGapMonths,
    startDate: a.startDate,
    sessions,
    ...(contractSignedAt ? { contract: { signedAt: contractSignedAt } } : {}),
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
  let latest: DashboardRecord | undefined;
  for (const r of records) if (SESSION_RECORD_KINDS.includes(r.kind) && (!latest || (r.sessionStart ?? '') >= (latest.sessionStart ?? ''))) latest = r;
  const actionFacts: ActionFacts[] = (latest?.content.actions ?? []).map((x) => ({ id: `${latest?.recordId}:${x.id}`, arrangementId: a.id, dueDate: x.dueDate, done: x.done }));
  const decisions = input.decisions.filter((d) => !d.enteredOnCaseSystem);
  const decisionFacts: DecisionFacts[] = decisions.map((d) => ({ id: d.id, arrangementId: a.id, decidedAt: d.decidedAt }));
  const findings = runComplianceChecks({
    calendar: input.calendar,
    arrangements: [facts],
    records: recordFacts,
    decisions: decisionFacts,
    actions: actionFacts,
    settings,
    now,
  });

  const held = sessions
    .filter((s) => s.status === 'held')
    .map((s) => s.start)
    .sort();
  const upcoming = sessions
    .filter((s) => s.status === 'planned')
    .map((s) => s.start)
    .sort();
  const worst = findings.reduce<0 | 1 | 2>((m, f) => Math.max(m, RANK[f.status]) as 0 | 1 | 2, 0);
  const contractFinding = (rule: ComplianceFinding['rule']) => findings.find((f) => f.rule === rule);
  const signedBy3rd = contractFinding('contract-by-third-session');
  const review = contractFinding('contract-review');
  const contractState: DashboardRow['contract'] =
    signedBy3rd?.status === 'overdue' ? 'overdue' : review ? (review.status === 'overdue' ? 'review-overdue' : 'review-due') : contractSignedAt ? 'signed' : 'not-signed';
  const rows: DashboardRow[] = a.supervisees.map((s) => ({
    arrangementId: a.id,
    schoolId,
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
  }));

  // Held against due per window: a window that has ended (or is under way) is due once per arrangement;
  // held when a session counts for it, as the cadence rule counts (a postponed one for its own window).
  const windows: WindowTally[] = [];
  if (a.cadence.kind !== 'as-required') {
    const counted = sessionWindows(input.calendar, facts, settings.postponementWorkingDays, today);
    for (const w of counted.windows) {
      if (w.start > today || !windowApplies(w, a.startDate)) continue;
      windows.push({ schoolId, windowId: w.id, label: `${w.label} ${w.year}`, due: 1, held: counted.held.has(w.id) ? 1 : 0 });
    }
  }

  // The first moment anything above could read differently with the same data.
  let until = instantMs(nextLondonMidnight(today));
  for (const s of input.sessions) {
    const end = instantMs(s.end);
    if (end > nowMs && end < until) until = end;
  }
  for (const d of decisions) {
    const due = instantMs(decisionDueBy(d.decidedAt, settings, input.calendar));
    if (due > nowMs && due < until) until = due;
  }
  return { rows, windows, validUntil: toIsoInstant(until) };
}

/** Rows of every standing, overdue first then by name; windows summed per school and window. */
export function combineStandings(standings: Iterable<ArrangementStanding>): Dashboard {
  const rows: DashboardRow[] = [];
  const windows = new Map<string, WindowTally>();
  for (const st of standings) {
    rows.push(...st.rows);
    for (const w of st.windows) {
      const key = `${w.schoolId}|${w.windowId}`;
      const tally = windows.get(key);
      if (tally) {
        tally.due += w.due;
        tally.held += w.held;
      } else windows.set(key, { ...w });
    }
  }
  rows.sort((x, y) => RANK_ORDER[y.status] - RANK_ORDER[x.status] || byName.compare(x.superviseeName, y.superviseeName));
  return { rows, windows: [...windows.values()].sort((x, y) => x.windowId.localeCompare(y.windowId) || x.schoolId.localeCompare(y.schoolId)) };
}

const byName = new Intl.Collator('en-GB');

/**
 * The compliance dashboard: for every supervisee of every active arrangement, where they stand against
 * their policy (seed 000 "Entitlement", seed 003 §C and §F), with records, contract, actions and decisions;
 * and, per school and half term, sessions held against sessions due. Pure: everything is passed in.
 */
export function buildDashboard(input: DashboardInput): Dashboard {
  const schoolOf = input.schoolOf ?? (() => DEFAULT_SCHOOL.id);
  const sessionsOf = groupBy(input.sessions, (s) => s.arrangementId);
  const recordsOf = groupBy(input.records, (r) => r.arrangementId);
  const decisionsOf = groupBy(input.decisions, (d) => d.arrangementId);
  return combineStandings(
    input.arrangements
      .filter((a) => a.status === 'active')
      .map((a) =>
        arrangementStanding({
          calendar: input.calendar,
          now: input.now,
          arrangement: a,
          sessions: sessionsOf.get(a.id) ?? [],
          records: recordsOf.get(a.id) ?? [],
          decisions: decisionsOf.get(a.id) ?? [],
          unreachableIds: input.unreachableIds,
          schoolId: schoolOf(a),
          ...(input.settings ? { settings: input.settings } : {}),
        }),
      ),
  );
}

const RANK_ORDER = { overdue: 2, 'due-soon': 1, 'on-track': 0 } as const;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
