// The pure parts of the Compliance screen and of "My supervisees": words and colours for statuses,
// the summary counts, filtering, sorting and the held-against-due tallies. No React, no clock reads.
import type { ComplianceDashboard, ContractState, DashboardRow, RowStatus, WindowTally } from '../../api/operations/compliance.js';
import { formatDate } from '../../time/london.js';
import { formatDue } from '../records/record-text.js';
import type { BadgeColor } from '../sessions/session-text.js';

export const STATUS_TEXT: Record<RowStatus, string> = { overdue: 'Overdue', 'due-soon': 'Due soon', 'on-track': 'On track' };
export const STATUS_COLOR: Record<RowStatus, BadgeColor> = { overdue: 'danger', 'due-soon': 'warning', 'on-track': 'success' };

export const CONTRACT_TEXT: Record<ContractState, string> = {
  signed: 'Signed',
  'not-signed': 'Not signed yet',
  overdue: 'Not signed, overdue',
  'review-due': 'Review due',
  'review-overdue': 'Review overdue',
};
export const CONTRACT_COLOR: Record<ContractState, BadgeColor> = {
  signed: 'success',
  'not-signed': 'informative',
  overdue: 'danger',
  'review-due': 'warning',
  'review-overdue': 'danger',
};

/** The first (worst) finding in words with its due date, or what "on track" means. */
export function statusDetail(row: Pick<DashboardRow, 'findings'>): string {
  const first = row.findings[0];
  if (!first) return 'Nothing due or overdue.';
  return `${first.message} Due by ${formatDue(first.dueBy)}.`;
}

/** A session instant as a date, or a dash for none. */
export function sessionDate(instant: string | undefined, none: string): string {
  return instant ? formatDate(instant) : none;
}

export interface Summary {
  overdue: number;
  dueSoon: number;
  onTrack: number;
  /** Session records not yet signed by everyone (counted once per arrangement). */
  awaitingSignature: number;
  /** Decisions about children not yet confirmed on the case system (once per arrangement). */
  decisionsAwaiting: number;
  /** Arrangements without a signed contract. */
  contractsMissing: number;
  /** People the bot cannot reach. */
  unreachable: number;
}

/**
 * The counts above the table. Statuses count supervisees; records, decisions and contracts belong to an
 * arrangement, so a group's are counted once however many supervisees it has.
 */
export function summarise(rows: readonly DashboardRow[]): Summary {
  const arrangements = new Map<string, DashboardRow>();
  for (const row of rows) if (!arrangements.has(row.arrangementId)) arrangements.set(row.arrangementId, row);
  const perArrangement = [...arrangements.values()];
  const sum = (f: (r: DashboardRow) => number) => perArrangement.reduce((n, r) => n + f(r), 0);
  return {
    overdue: rows.filter((r) => r.status === 'overdue').length,
    dueSoon: rows.filter((r) => r.status === 'due-soon').length,
    onTrack: rows.filter((r) => r.status === 'on-track').length,
    awaitingSignature: sum((r) => r.unsignedRecords),
    decisionsAwaiting: sum((r) => r.decisionsAwaiting),
    contractsMissing: perArrangement.filter((r) => r.contract === 'not-signed' || r.contract === 'overdue').length,
    unreachable: new Set(rows.filter((r) => r.unreachable).map((r) => r.superviseeId)).size,
  };
}

/** The filters on the screen; '' is "all". */
export interface Filters {
  readonly schoolId: string;
  readonly role: string;
  readonly supervisorId: string;
  readonly status: '' | RowStatus;
}
export const NO_FILTERS: Filters = { schoolId: '', role: '', supervisorId: '', status: '' };

export function filterRows(rows: readonly DashboardRow[], filters: Filters): DashboardRow[] {
  return rows.filter(
    (r) =>
      (!filters.schoolId || r.schoolId === filters.schoolId) &&
      (!filters.role || r.superviseeRole === filters.role) &&
      (!filters.supervisorId || r.supervisorId === filters.supervisorId) &&
      (!filters.status || r.status === filters.status),
  );
}

/** The choices for the supervisor and role filters, from the rows, in name order. */
export function filterChoices(rows: readonly DashboardRow[], roleLabel: (role: string) => string) {
  const supervisors = new Map<string, string>();
  const roles = new Map<string, string>();
  for (const r of rows) {
    supervisors.set(r.supervisorId, r.supervisorName);
    roles.set(r.superviseeRole, roleLabel(r.superviseeRole));
  }
  const byName = (a: [string, string], b: [string, string]) => a[1].localeCompare(b[1], 'en-GB');
  return {
    supervisors: [...supervisors].sort(byName).map(([id, name]) => ({ id, name })),
    roles: [...roles].sort(byName).map(([id, name]) => ({ id, name })),
  };
}

export const SORT_KEYS = ['supervisee', 'role', 'supervisor', 'last', 'next', 'status', 'records', 'actions', 'decisions'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface Sort {
  readonly key: SortKey;
  readonly direction: 'ascending' | 'descending';
}

const STATUS_RANK: Record<RowStatus, number> = { 'on-track': 0, 'due-soon': 1, overdue: 2 };

/** A row's value for a column: text compares in British English order, the rest as numbers. */
function sortValue(row: DashboardRow, key: SortKey, roleLabel: (role: string) => string): string | number {
  switch (key) {
    case 'supervisee':
      return row.superviseeName;
    case 'role':
      return roleLabel(row.superviseeRole);
    case 'supervisor':
      return row.supervisorName;
    // No session sorts before every date (ascending).
    case 'last':
      return row.lastSession ? Date.parse(row.lastSession) : Number.NEGATIVE_INFINITY;
    case 'next':
      return row.nextSession ? Date.parse(row.nextSession) : Number.POSITIVE_INFINITY;
    case 'status':
      return STATUS_RANK[row.status];
    case 'records':
      return row.unsignedRecords;
    case 'actions':
      return row.overdueActions * 1000 + row.openActions;
    case 'decisions':
      return row.decisionsOverdue * 1000 + row.decisionsAwaiting;
  }
}

/** The rows in a column's order; ties keep the supervisee's name order. Does not change `rows`. */
export function sortRows(rows: readonly DashboardRow[], sort: Sort, roleLabel: (role: string) => string): DashboardRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const compare = (a: string | number, b: string | number) => (typeof a === 'string' && typeof b === 'string' ? a.localeCompare(b, 'en-GB') : a < b ? -1 : a > b ? 1 : 0);
  return [...rows].sort(
    (x, y) => sign * compare(sortValue(x, sort.key, roleLabel), sortValue(y, sort.key, roleLabel)) || x.superviseeName.localeCompare(y.superviseeName, 'en-GB'),
  );
}

/** Clicking a column: the same column turns its order round; another starts in its natural order. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  // Status, counts and the last session read best worst-first (descending); names A to Z.
  const descendingFirst: readonly SortKey[] = ['status', 'records', 'actions', 'decisions'];
  return { key, direction: descendingFirst.includes(key) ? 'descending' : 'ascending' };
}

/** One held-against-due chart: its title and its half terms. */
export interface ChartGroup {
  readonly key: string;
  readonly title: string;
  readonly windows: readonly WindowTally[];
}

/** The title of the chart that adds up every school's half terms. */
export const ALL_SCHOOLS_TITLE = 'All schools';

/**
 * The held-against-due charts to draw. One school: one chart, 'All supervision'. Several schools and no
 * school chosen: all schools together (each half term's tallies added up), then every school in the trust's
 * order (one with nothing due yet says so). A school chosen: that school's only.
 */
export function chartGroups(dashboard: Pick<ComplianceDashboard, 'windows' | 'schools'>, schoolId: string): ChartGroup[] {
  const several = dashboard.schools.length > 1;
  if (!several) return dashboard.windows.length > 0 ? [{ key: 'all', title: 'All supervision', windows: dashboard.windows }] : [];
  if (schoolId) {
    const windows = dashboard.windows.filter((w) => w.schoolId === schoolId);
    const name = dashboard.schools.find((s) => s.id === schoolId)?.name ?? schoolId;
    return windows.length > 0 ? [{ key: schoolId, title: name, windows }] : [];
  }
  if (dashboard.windows.length === 0) return [];
  const total = new Map<string, WindowTally>();
  for (const w of dashboard.windows) {
    const sum = total.get(w.windowId);
    total.set(w.windowId, sum ? { ...sum, due: sum.due + w.due, held: sum.held + w.held } : { ...w, schoolId: '' });
  }
  const listed = new Set(dashboard.schools.map((s) => s.id));
  // A tally for a school no longer listed (the server counts such arrangements in the first school) still shows.
  const unlisted = [...new Set(dashboard.windows.map((w) => w.schoolId).filter((id) => !listed.has(id)))].map((id) => ({ id, name: id }));
  return [
    { key: '', title: ALL_SCHOOLS_TITLE, windows: [...total.values()] },
    ...[...dashboard.schools, ...unlisted].map((s) => ({ key: s.id, title: s.name, windows: dashboard.windows.filter((w) => w.schoolId === s.id) })),
  ];
}

/** One sentence for a chart's description: 'Autumn 1 2026/27: 3 held of 4 due. …'. */
export function tallySentence(windows: readonly WindowTally[]): string {
  if (windows.length === 0) return 'No sessions were due yet.';
  return windows.map((w) => `${w.label}: ${w.held} held of ${w.due} due.`).join(' ');
}

/** '1 record', '2 records'. */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
