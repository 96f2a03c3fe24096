import { z } from 'zod';
import { isSchoolId, SCHOOL_NAME_MAX, type SchoolEntry } from './schools.js';

export const schoolSchema = z.object({
  id: z.string().refine(isSchoolId, { message: 'a short slug (a-z, 0-9, hyphens) or a uuid' }),
  name: z.string().min(1).max(SCHOOL_NAME_MAX),
});

/** A school as the Schools list stores it (SchoolEntry). */
export const schoolEntrySchema: z.ZodType<SchoolEntry> = schoolSchema.extend({
  position: z.number().int().min(0),
  removed: z.boolean(),
});
