// Compliance: getComplianceDashboard, listMySuperviseesStatus (src/bot/http/routes/compliance.ts).
// The shapes are src/shared/compliance/dashboard.ts's DashboardRow and WindowTally; the tab keeps its
// own zod/mini copies (the shared module brings luxon and zod with it) and the compiler checks they match.
import * as z from 'zod/mini';
import type { DashboardRow as ServerRow, WindowTally as ServerTally } from '../../../shared/compliance/dashboard.js';
import type { Api } from '../authorised.js';

export const ROW_STATUSES = ['overdue', 'due-soon', 'on-track'] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

export const CONTRACT_STATES = ['signed', 'not-signed', 'overdue', 'review-due', 'review-overdue'] as const;
export type ContractState = (typeof CONTRACT_STATES)[number];

const findingSchema = z.object({
  rule: z.string(),
  status: z.enum(['due-soon', 'overdue']),
  arrangementId: z.string(),
  subjectId: z.string(),
  /** An instant for time-of-day deadlines, otherwise a plain date. */
  dueBy: z.string(),
  message: z.string(),
  escalateTo: z.optional(z.string()),
});
export type Finding = z.infer<typeof findingSchema>;

const rowSchema = z.object({
  arrangementId: z.string(),
  schoolId: z.string(),
  superviseeId: z.string(),
  superviseeName: z.string(),
  superviseeRole: z.string(),
  supervisorId: z.string(),
  supervisorName: z.string(),
  format: z.enum(['individual', 'group']),
  lastSession: z.optional(z.string()),
  nextSession: z.optional(z.string()),
  status: z.enum(ROW_STATUSES),
  findings: z.array(findingSchema),
  unsignedRecords: z.number(),
  contract: z.enum(CONTRACT_STATES),
  openActions: z.number(),
  overdueActions: z.number(),
  decisionsAwaiting: z.number(),
  decisionsOverdue: z.number(),
  unreachable: z.boolean(),
});
export type DashboardRow = z.infer<typeof rowSchema>;

const tallySchema = z.object({ schoolId: z.string(), windowId: z.string(), label: z.string(), due: z.number(), held: z.number() });
export type WindowTally = z.infer<typeof tallySchema>;

const dashboardSchema = z.object({
  generatedAt: z.string(),
  rows: z.array(rowSchema),
  windows: z.array(tallySchema),
  schools: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type ComplianceDashboard = z.infer<typeof dashboardSchema>;

// The server's rows and tallies fit the tab's schemas (statuses, contract states and numbers the same).
const sameRow: readonly DashboardRow[] = [] as ServerRow[];
const sameTally: readonly WindowTally[] = [] as ServerTally[];
void sameRow;
void sameTally;

/** The filters the server applies (each optional). */
export interface DashboardFilter {
  status?: RowStatus | undefined;
  supervisorId?: string | undefined;
  role?: string | undefined;
  schoolId?: string | undefined;
}

/** '?status=overdue&schoolId=…' for the filters that are set, '' when none is. */
export function dashboardQuery(filter: DashboardFilter): string {
  const params = new URLSearchParams();
  for (const key of ['status', 'supervisorId', 'role', 'schoolId'] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The whole school's (or trust's) compliance: admin, DSL and deputies, oversight; 403 for others. */
export const getComplianceDashboard = (api: Api, filter: DashboardFilter = {}, signal?: AbortSignal) =>
  api.get(`/api/compliance/dashboard${dashboardQuery(filter)}`, dashboardSchema, signal);

/** Where each of the caller's own supervisees stands (empty for someone who supervises no one). */
export const listMySuperviseesStatus = async (api: Api, signal?: AbortSignal) =>
  (await api.get('/api/compliance/my-supervisees', z.object({ rows: z.array(rowSchema) }), signal)).rows;

// The evidence pack: exportEvidencePack (src/bot/http/routes/evidence.ts), a file rather than JSON.

export const EVIDENCE_FORMATS = ['pdf', 'csv'] as const;
export type EvidenceFormat = (typeof EVIDENCE_FORMATS)[number];

/** What to export: London dates (both days included), one school or the whole trust, and case detail for the DSL with a reason. */
export interface EvidencePackRequest {
  readonly from: string;
  readonly to: string;
  readonly format: EvidenceFormat;
  /** One school; undefined for the whole trust. */
  readonly schoolId?: string | undefined;
  /** Only the DSL may ask, and only with a reason (5–200 characters), which the server audits. */
  readonly caseDetail?: { readonly reason: string } | undefined;
}

/** '?from=…&to=…&format=csv[&schoolId=…][&includeCaseDetail=true&reason=…]'. */
export function evidencePackQuery(request: EvidencePackRequest): string {
  const params = new URLSearchParams({ from: request.from, to: request.to, format: request.format });
  if (request.schoolId) params.set('schoolId', request.schoolId);
  if (request.caseDetail) {
    params.set('includeCaseDetail', 'true');
    params.set('reason', request.caseDetail.reason);
  }
  return `?${params.toString()}`;
}

/** The evidence pack as a file (the DSL and oversight; 403 for others, 400 with the reason for a bad range). */
export const downloadEvidencePack = (api: Api, request: EvidencePackRequest, signal?: AbortSignal) =>
  api.download(`/api/compliance/evidence-pack${evidencePackQuery(request)}`, signal);
