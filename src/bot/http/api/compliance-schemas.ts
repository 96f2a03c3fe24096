import { z } from 'zod';
import { COMPLIANCE_RULES } from '../../../shared/compliance/types.js';

export const ROW_STATUSES = ['overdue', 'due-soon', 'on-track'] as const;

const finding = z
  .object({
    rule: z.enum(COMPLIANCE_RULES),
    status: z.enum(['due-soon', 'overdue']),
    arrangementId: z.string(),
    subjectId: z.string().meta({ description: 'The session, record, decision or action the finding is about (the arrangement for frequency rules).' }),
    dueBy: z.string().meta({ description: 'An instant (UTC) for time-of-day deadlines, otherwise a date.' }),
    message: z.string().meta({ description: 'Plain words, no case detail.' }),
    escalateTo: z.enum(['supervisor-manager']).optional(),
  })
  .meta({ id: 'ComplianceFinding' });

const row = z
  .object({
    arrangementId: z.string(),
    schoolId: z.string(),
    superviseeId: z.string(),
    superviseeName: z.string(),
    superviseeRole: z.string(),
    supervisorId: z.string(),
    supervisorName: z.string(),
    format: z.enum(['individual', 'group']),
    lastSession: z.string().optional(),
    nextSession: z.string().optional(),
    status: z.enum(ROW_STATUSES).meta({ description: "The worst finding's status." }),
    findings: z.array(finding),
    unsignedRecords: z.number().int(),
    contract: z.enum(['signed', 'not-signed', 'overdue', 'review-due', 'review-overdue']),
    openActions: z.number().int(),
    overdueActions: z.number().int(),
    decisionsAwaiting: z.number().int().meta({ description: "Decisions not yet confirmed on the child's case record." }),
    decisionsOverdue: z.number().int(),
    unreachable: z.boolean().meta({ description: 'The bot cannot reach the supervisee (the app is not installed for them).' }),
  })
  .meta({ id: 'DashboardRow' });

const windowTally = z
  .object({ schoolId: z.string(), windowId: z.string(), label: z.string(), due: z.number().int(), held: z.number().int() })
  .meta({ id: 'WindowTally', description: 'Sessions held against sessions due in one half term (or other cadence window), for one school.' });

export const complianceDashboardResponse = z
  .object({
    generatedAt: z.string(),
    rows: z.array(row),
    windows: z.array(windowTally),
    schools: z.array(z.object({ id: z.string(), name: z.string() })),
  })
  .meta({ id: 'ComplianceDashboard' });

export const mySuperviseesStatusResponse = z.object({ rows: z.array(row) }).meta({ id: 'MySuperviseesStatus' });
