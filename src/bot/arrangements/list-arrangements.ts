import type { Caller } from '../../shared/access/app-roles.js';
import { canSeeEveryone, isParty } from '../../shared/access/authorise.js';
import type { Arrangement } from '../../shared/arrangements/arrangement.js';
import type { AppPorts } from '../ports.js';
import { done, type Outcome } from '../use-case.js';

/** Every arrangement for the admin, the DSL and oversight; one's own for everybody else. */
export async function listArrangements(deps: Pick<AppPorts, 'arrangements'>, input: { caller: Caller }): Promise<Outcome<Arrangement[]>> {
  const all = (await deps.arrangements.list()).map((s) => s.value);
  const visible = canSeeEveryone(input.caller) ? all : all.filter((a) => isParty(input.caller.id, a));
  return done(visible.sort((a, b) => a.supervisor.displayName.localeCompare(b.supervisor.displayName, 'en-GB') || (a.id < b.id ? -1 : 1)));
}
