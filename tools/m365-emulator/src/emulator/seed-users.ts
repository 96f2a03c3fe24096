import { z } from 'zod';
import type { EmulatorContext } from '../context.js';
import type { Router } from '../http/router.js';
import { json } from '../http/types.js';
import type { UserRecord } from '../store/state.js';

/** Entra object ids are GUIDs. */
const objectId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID (an Entra object id)');
const text = z.string().trim().min(1).max(256);

const seededUser = z
  .object({
    id: objectId,
    displayName: text,
    givenName: text,
    surname: text,
    jobTitle: text,
    department: text,
    mail: z.email(),
    userPrincipalName: z.email(),
    managerId: objectId.optional(),
    appRoles: z
      .array(z.enum(['Safeguarding.Admin', 'Safeguarding.Lead', 'Safeguarding.Oversight', 'Safeguarding.Auditor']))
      .max(4)
      .optional(),
  })
  // A misspelt property (say `userPrincipleName`) is refused, not silently dropped.
  .strict();

export const MAX_SEEDED_USERS = 20_000;
const seedUsersBody = z.object({ users: z.array(seededUser).min(1).max(MAX_SEEDED_USERS) }).strict();

export type SeededUser = z.infer<typeof seededUser>;

/**
 * `POST /_emulator/users` — bulk seed of directory users (what an admin's user import does), so
 * tests and the bench can use a whole trust's staff without a Graph request per user. Idempotent by
 * id: a user already there is replaced. All or nothing: one bad user refuses the whole request.
 */
export function registerUserSeedRoute(router: Router, ctx: EmulatorContext): void {
  const bad = (field: string, message: string) => json(400, { error: 'invalid_request', field, message });

  router.add('POST', '/_emulator/users', (req) => {
    const parsed = seedUsersBody.safeParse(req.body);
    if (!parsed.success) {
      // A misspelt property also leaves the right one missing: name the misspelling first.
      const issue = parsed.error.issues.find((i) => i.code === 'unrecognized_keys') ?? parsed.error.issues[0];
      const field = issue?.path.join('.') ?? '';
      const reason =
        issue?.code === 'unrecognized_keys'
          ? `Unrecognized property ${issue.keys.map((k) => `'${k}'`).join(', ')}`
          : issue?.code === 'invalid_type' && /received undefined/.test(issue.message)
            ? `Missing '${String(issue.path.at(-1) ?? 'users')}'`
            : `'${String(issue?.path.at(-1) ?? 'body')}': ${issue?.message ?? 'invalid'}`;
      return bad(
        field,
        `${reason}. Send { "users": [ { id, displayName, givenName, surname, jobTitle, department, mail, userPrincipalName, managerId? } ] } (1 to ${MAX_SEEDED_USERS.toLocaleString('en-GB')}).`,
      );
    }
    const users = parsed.data.users;

    // Ids, UPNs and mail addresses are unique in a directory; the payload may replace its own ids.
    const incoming = new Map<string, number>();
    for (const [i, u] of users.entries()) {
      if (incoming.has(u.id)) return bad(`users.${i}.id`, `User id ${u.id} appears twice in the request (first at users.${incoming.get(u.id) ?? 0}).`);
      incoming.set(u.id, i);
    }
    const owners = { userPrincipalName: new Map<string, string>(), mail: new Map<string, string>() };
    for (const existing of ctx.state.users.values()) {
      if (incoming.has(existing.id)) continue;
      owners.userPrincipalName.set(existing.userPrincipalName.toLowerCase(), existing.id);
      owners.mail.set(existing.mail.toLowerCase(), existing.id);
    }
    for (const [i, u] of users.entries()) {
      for (const field of ['userPrincipalName', 'mail'] as const) {
        const value = u[field].toLowerCase();
        const owner = owners[field].get(value);
        if (owner !== undefined && owner !== u.id) return bad(`users.${i}.${field}`, `${u[field]} already belongs to user ${owner}.`);
        owners[field].set(value, u.id);
      }
    }
    for (const [i, u] of users.entries()) {
      if (u.managerId === undefined) continue;
      if (u.managerId === u.id) return bad(`users.${i}.managerId`, 'A user cannot be their own manager.');
      if (!incoming.has(u.managerId) && !ctx.state.users.has(u.managerId)) return bad(`users.${i}.managerId`, `No user ${u.managerId} in the directory or in this request.`);
    }

    let created = 0;
    let updated = 0;
    for (const u of users) {
      if (ctx.state.users.has(u.id)) updated++;
      else created++;
      const record: UserRecord = {
        id: u.id,
        displayName: u.displayName,
        givenName: u.givenName,
        surname: u.surname,
        jobTitle: u.jobTitle,
        department: u.department,
        mail: u.mail,
        userPrincipalName: u.userPrincipalName,
        ...(u.managerId !== undefined ? { managerId: u.managerId } : {}),
        ...(u.appRoles !== undefined ? { appRoles: u.appRoles } : {}),
      };
      ctx.state.users.set(u.id, record);
    }
    return json(created > 0 ? 201 : 200, { created, updated, count: ctx.state.users.size });
  });
}
