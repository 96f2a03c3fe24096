import type { AppRole, Caller } from '../../shared/access/app-roles.js';
import type { AppPorts, DirectoryUser } from '../ports.js';
import { done, refuse, type Outcome } from '../use-case.js';

export interface MeView extends DirectoryUser {
  roles: AppRole[];
}

/** The signed-in person as the directory knows them, with their app roles (what the tab shows them). */
export async function getMe(deps: Pick<AppPorts, 'directory'>, input: { caller: Caller }): Promise<Outcome<MeView>> {
  const user = await deps.directory.getUser(input.caller.id);
  if (!user) return refuse('not-found', 'user_not_found', 'Your account was not found in the directory. Ask your IT team to check it.');
  return done({ ...user, roles: [...input.caller.roles] });
}
