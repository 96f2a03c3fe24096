// The server's REST contract as the tab sees it. Every response is validated before use: the tab
// never trusts a shape it has not checked. `zod/mini` is zod v4's tree-shakable form, kept for the
// bundle size; the schemas mean the same as their `zod` equivalents.

import * as z from 'zod/mini';

const nonEmpty = () => z.string().check(z.minLength(1));
/** Graph returns `null` for an unset optional property; the contract says "absent". Accept both. */
const optionalText = () => z.optional(z.nullable(z.string()));

export const serverModeSchema = z.enum(['local', 'production']);
export type ServerMode = z.infer<typeof serverModeSchema>;

export const tabConfigSchema = z.object({
  mode: serverModeSchema,
  tenantId: z.string(),
  clientId: z.string(),
  apiScope: z.string(),
  authorityHost: z.string(),
});
export type TabConfig = z.infer<typeof tabConfigSchema>;

export const devUserSchema = z.object({
  id: nonEmpty(),
  displayName: nonEmpty(),
  jobTitle: optionalText(),
});
export type DevUser = z.infer<typeof devUserSchema>;

export const devUsersSchema = z.object({ users: z.array(devUserSchema) });

export const devSignInSchema = z.object({
  accessToken: nonEmpty(),
  expiresOn: z.string(),
});
export type DevSignIn = z.infer<typeof devSignInSchema>;

export const meSchema = z.object({
  id: nonEmpty(),
  displayName: nonEmpty(),
  jobTitle: optionalText(),
  mail: optionalText(),
  department: optionalText(),
  /** Entra app roles ('Safeguarding.Admin', …); unknown ones are kept and ignored by the navigation. */
  roles: z.optional(z.array(z.string())),
});
export type Me = z.infer<typeof meSchema>;

/** The server's error body: `{ error: 'code', message: 'plain words' }` (field names the fix when relevant). */
export const apiErrorBodySchema = z.object({
  error: z.string(),
  message: z.string(),
  field: z.optional(z.string()),
  issues: z.optional(z.array(z.object({ field: z.string(), message: z.string() }))),
});
