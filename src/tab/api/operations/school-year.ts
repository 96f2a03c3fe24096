// School year: getSchoolYear, putSchoolYear, importSchoolYearIcs.
import * as z from 'zod/mini';
import type { Api } from '../authorised.js';

export const halfTermSchema = z.object({ id: z.string(), start: z.string(), end: z.string() });

/** Loose objects: a save sends back everything the server sent, including fields this tab does not show. */
export const academicYearSchema = z.looseObject({
  label: z.string(),
  halfTerms: z.array(halfTermSchema),
  closureDays: z.array(z.object({ date: z.string(), reason: z.string() })),
  insetDays: z.array(z.object({ date: z.string(), note: z.optional(z.string()) })),
});
export type AcademicYear = z.infer<typeof academicYearSchema>;

export const schoolCalendarSchema = z.looseObject({
  division: z.string(),
  years: z.array(academicYearSchema),
});
export type SchoolCalendar = z.infer<typeof schoolCalendarSchema>;

const schoolYearSchema = z.object({
  calendar: schoolCalendarSchema,
  source: z.enum(['default', 'saved']),
  version: z.string(),
  warnings: z.array(z.string()),
});
export type SchoolYear = z.infer<typeof schoolYearSchema>;

const issueSchema = z.object({ field: z.string(), message: z.string() });

const icsPreviewSchema = z.object({ year: academicYearSchema, notes: z.array(z.string()), issues: z.array(issueSchema) });
export type IcsPreview = z.infer<typeof icsPreviewSchema>;

export const getSchoolYear = (api: Api, signal?: AbortSignal) => api.get('/api/school-year', schoolYearSchema, signal);

export const putSchoolYear = (api: Api, calendar: SchoolCalendar, version: string) => api.send('PUT', '/api/school-year', { calendar, version }, schoolYearSchema);

export const importSchoolYearIcs = (api: Api, ics: string, label?: string) =>
  api.send('POST', '/api/school-year/import-ics', { ics, ...(label ? { label } : {}) }, icsPreviewSchema);
