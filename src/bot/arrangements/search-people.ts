import type { Caller } from '../../shared/access/app-roles.js';
import { canManageSchedule } from '../../shared/access/authorise.js';
import { auditedIfRefused } from '../audit/audited.js';
import type { AppPorts, DirectoryUser } from '../ports.js';
import { done, refuse, type Outcome } from '../use-case.js';

/** Staff whose name or address starts with the text typed, for choosing a supervisor or supervisee. */
export async function searchPeople(deps: Pick<AppPorts, 'directory' | 'audit'>, input: { caller: Caller; query: string }): Promise<Outcome<DirectoryUser[]>> {
  const allowed = canManageSchedule(input.caller);
  if (!allowed.ok) return auditedIfRefused(deps.audit, input.caller, 'people.search', '-', refuse('forbidden', 'forbidden', allowed.reason));
  const q = input.query.trim();
  const people = q ? await deps.directory.searchPeople(q, 20) : (await deps.directory.listUsers()).slice(0, 200);
  return done(people);
}
