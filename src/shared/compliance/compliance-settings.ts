import { z } from 'zod';

export const complianceSettingsSchema = z.object({
  /** Warn this many days before a frequency deadline. */
  dueSoonDays: z.number().int().min(0).max(60).default(14),
  // seed 000 "Supervision Agreement": contract signed by the end of the THIRD session.
  contractBySession: z.number().int().min(1).max(10).default(3),
  // seed 001 "Roles and responsibilities", seed 003 §B: contract reviewed annually.
  contractReviewMonths: z.number().int().min(1).max(36).default(12),
  contractReviewDueSoonDays: z.number().int().min(0).max(90).default(30),
  /** Not set by any seed: the product's default for "signed by both" (seed 000 "Recording"). */
  recordSignOffWorkingDays: z.number().int().min(1).max(30).default(5),
  // seed 000 "Frequency of Safeguarding Supervision": a postponed session re-held within one working week
  // (as working days, like the scheduling setting of the same name) still counts for its own window.
  postponementWorkingDays: z.number().int().min(1).max(20).default(5),
  // seed 002 §4.1 d): plan changes on the child's CPOMS record within 24 hours.
  decisionRecordHours: z.number().int().min(1).max(168).default(24),
  /**
   * How those hours are counted. 'elapsed' (the default, seed 002's "within 24 hours"): every hour counts,
   * weekends, holidays and clock changes included (Friday 15:00 → Saturday 15:00). 'working-days': only
   * hours on working days count, by the London clock (Friday 15:00 → Monday 15:00).
   */
  decisionRecordClock: z.enum(['elapsed', 'working-days']).default('elapsed'),
});
export type ComplianceSettings = z.infer<typeof complianceSettingsSchema>;

export const DEFAULT_COMPLIANCE_SETTINGS: ComplianceSettings = complianceSettingsSchema.parse({});

/** The defaults with the keys given; a key given as `undefined` keeps its default. */
export function complianceSettings(partial?: Partial<ComplianceSettings>): ComplianceSettings {
  const merged: Record<string, unknown> = { ...DEFAULT_COMPLIANCE_SETTINGS };
  for (const [key, value] of Object.entries(partial ?? {})) if (value !== undefined) merged[key] = value;
  return merged as ComplianceSettings;
}
