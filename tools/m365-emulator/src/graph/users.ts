import type { User } from '@microsoft/microsoft-graph-types';
import type { EmulatorContext } from '../context.js';
import type { Router } from '../http/router.js';
import { graphError, json, type EmuRequest, type EmuResponse } from '../http/types.js';
import type { UserRecord } from '../store/state.js';
import { hasPermission, insufficientPrivileges } from './auth-gate.js';
import { evaluateFilter, FilterSyntaxError, parseFilter } from './odata-filter.js';
import { applySelect, page, readTop } from './paging.js';

const READ_ALL_DELEGATED = ['User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All'];
const READ_ALL_APP = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All'];

/** Graph's default user properties; `department` and others only come back when `$select`ed. */
export function toGraphUser(u: UserRecord, req: EmuRequest): Partial<User> {
  const selected =
    req.query
      .get('$select')
      ?.split(',')
      .map((s) => s.trim()) ?? [];
  const full: User & { id: string } = {
    id: u.id,
    businessPhones: [],
    displayName: u.displayName,
    givenName: u.givenName,
    jobTitle: u.jobTitle,
    mail: u.mail,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: 'en-GB',
    surname: u.surname,
    userPrincipalName: u.userPrincipalName,
  };
  if (selected.includes('department')) full.department = u.department;
  return applySelect(full, req);
}

export function findUser(ctx: EmulatorContext, idOrUpn: string): UserRecord | undefined {
  const direct = ctx.state.users.get(idOrUpn);
  if (direct) return direct;
  const upn = idOrUpn.toLowerCase();
  for (const u of ctx.state.users.values()) if (u.userPrincipalName.toLowerCase() === upn) return u;
  return undefined;
}

export const userNotFound = (id: string): EmuResponse =>
  graphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);

export function registerUserRoutes(router: Router, ctx: EmulatorContext, graphRoot: string): void {
  const context = (suffix: string) => `${graphRoot}$metadata#${suffix}`;

  const getUser = (req: EmuRequest, id: string): EmuResponse => {
    const isSelf = req.principal?.kind === 'user' && req.principal.userId === findUser(ctx, id)?.id;
    if (!isSelf && !hasPermission(req.principal, READ_ALL_DELEGATED, READ_ALL_APP)) return insufficientPrivileges();
    const u = findUser(ctx, id);
    if (!u) return userNotFound(id);
    return json(200, { '@odata.context': context('users/$entity'), ...toGraphUser(u, req) });
  };

  const getManager = (req: EmuRequest, id: string): EmuResponse => {
    if (!hasPermission(req.principal, READ_ALL_DELEGATED, READ_ALL_APP) && !(req.principal?.kind === 'user' && req.principal.userId === id)) {
      return insufficientPrivileges();
    }
    const u = findUser(ctx, id);
    if (!u) return userNotFound(id);
    const manager = u.managerId ? ctx.state.users.get(u.managerId) : undefined;
    if (!manager) return userNotFound('manager');
    return json(200, { '@odata.context': context('directoryObjects/$entity'), '@odata.type': '#microsoft.graph.user', ...toGraphUser(manager, req) });
  };

  const meId = (req: EmuRequest): string | EmuResponse =>
    req.principal?.kind === 'user' && req.principal.userId ? req.principal.userId : graphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');

  router.add('GET', '/users', (req) => {
    if (!hasPermission(req.principal, READ_ALL_DELEGATED, READ_ALL_APP)) return insufficientPrivileges();
    const top = readTop(req, 100, 999);
    if (top === 'invalid') return graphError(400, 'Request_UnsupportedQuery', "Invalid value for '$top'.");
    let users = [...ctx.state.users.values()].sort((a, b) => a.id.localeCompare(b.id));
    const filter = req.query.get('$filter');
    if (filter) {
      try {
        const node = parseFilter(filter);
        users = users.filter((u) => evaluateFilter(node, (path) => (u as unknown as Record<string, unknown>)[path]));
      } catch (error) {
        if (error instanceof FilterSyntaxError) return graphError(400, 'Request_UnsupportedQuery', error.message);
        throw error;
      }
    }
    const result = page(
      users.map((u) => toGraphUser(u, req)),
      req,
      graphRoot,
      top,
    );
    return json(200, { '@odata.context': context('users'), ...result });
  });
  router.add('GET', '/users/:id', (req, { id = '' }) => getUser(req, id));
  router.add('GET', '/users/:id/manager', (req, { id = '' }) => getManager(req, id));
  router.add('GET', '/me', (req) => {
    const id = meId(req);
    return typeof id === 'string' ? getUser(req, id) : id;
  });
  router.add('GET', '/me/manager', (req) => {
    const id = meId(req);
    return typeof id === 'string' ? getManager(req, id) : id;
  });
}
