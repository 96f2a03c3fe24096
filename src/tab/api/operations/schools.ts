// The trust's schools: listSchools, saveSchools (src/bot/http/routes/schools.ts).
import * as z from 'zod/mini';
import type { Api } from '../authorised.js';

export const schoolSchema = z.object({ id: z.string(), name: z.string() });
export type School = z.infer<typeof schoolSchema>;

const trustSchoolsSchema = z.object({
  /** In order; empty while the trust has none (every arrangement is then in `defaultSchool`). */
  schools: z.array(z.extend(schoolSchema, { arrangements: z.number() })),
  source: z.enum(['default', 'saved']),
  defaultSchool: schoolSchema,
  version: z.string(),
});
export type TrustSchools = z.infer<typeof trustSchoolsSchema>;

/** One school as saved: a new one has no id (the server makes one from its name). */
export interface SchoolInput {
  id?: string;
  name: string;
}

export const listSchools = (api: Api, signal?: AbortSignal) => api.get('/api/schools', trustSchoolsSchema, signal);

export const saveSchools = (api: Api, schools: readonly SchoolInput[], version: string) => api.send('PUT', '/api/schools', { schools, version }, trustSchoolsSchema);
