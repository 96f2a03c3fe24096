import type { EmulatorContext } from '../context.js';
import { verifyToken } from '../identity/issuer.js';
import { isGraphAudience } from '../identity/routes.js';
import { graphError, type EmuRequest, type EmuResponse, type Principal } from '../http/types.js';
import { GRAPH_AUDIENCE } from '../config.js';

/** Graph rejects a missing or invalid bearer token with 401 InvalidAuthenticationToken. */
export async function authenticate(ctx: EmulatorContext, req: EmuRequest): Promise<Principal | EmuResponse> {
  const header = req.headers['authorization'];
  if (!header?.startsWith('Bearer ')) {
    return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
  }
  const result = await verifyToken(ctx.issuer, header.slice(7).trim(), GRAPH_AUDIENCE);
  if (!result.ok) {
    return graphError(401, 'InvalidAuthenticationToken', result.reason);
  }
  const c = result.claims;
  if (typeof c.aud !== 'string' || !isGraphAudience(c.aud)) return graphError(401, 'InvalidAuthenticationToken', 'Invalid audience.');
  const appId = typeof c['appid'] === 'string' ? c['appid'] : typeof c['azp'] === 'string' ? c['azp'] : '';
  const roles = Array.isArray(c['roles']) ? c['roles'].filter((r): r is string => typeof r === 'string') : [];
  const scopes = typeof c['scp'] === 'string' ? c['scp'].split(' ').filter(Boolean) : [];
  if (c['idtyp'] === 'app' || scopes.length === 0) return { kind: 'app', appId, roles, scopes: [] };
  return { kind: 'user', appId, userId: typeof c['oid'] === 'string' ? c['oid'] : '', roles: [], scopes };
}

export function hasPermission(p: Principal | undefined, delegated: readonly string[], application: readonly string[]): boolean {
  if (!p) return false;
  return p.kind === 'app' ? p.roles.some((r) => application.includes(r)) : p.scopes.some((s) => delegated.includes(s));
}

export const insufficientPrivileges = (): EmuResponse => graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
