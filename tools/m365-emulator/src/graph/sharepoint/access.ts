import type { EmulatorContext } from '../../context.js';
import { graphError, type EmuRequest, type EmuResponse } from '../../http/types.js';
import type { SiteRecord } from '../../store/records.js';
import { DEMO_SP_HOST } from '../../seed/demo-sites.js';

export type SiteNeed = 'read' | 'write';

/**
 * Tenant-wide Sites.* roles reach every site; Sites.Selected reaches only sites with a grant for
 * this app (https://learn.microsoft.com/graph/permissions-selected-overview). Others get 403.
 */
export function resolveSite(ctx: EmulatorContext, req: EmuRequest, siteId: string, need: SiteNeed): SiteRecord | EmuResponse {
  const p = req.principal;
  if (!p) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
  const tenantWide = p.kind === 'app' ? p.roles : p.scopes;
  const canWriteAll = tenantWide.some((r) => ['Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All'].includes(r));
  const canReadAll = canWriteAll || tenantWide.includes('Sites.Read.All');
  const selected = tenantWide.includes('Sites.Selected');
  if (!canReadAll && !selected) return accessDenied();
  const site = ctx.state.sites.get(siteId);
  if (!site) {
    // With only Sites.Selected, Graph cannot tell "missing" from "not granted": both are 403.
    return canReadAll ? graphError(404, 'itemNotFound', 'Requested site could not be found') : accessDenied();
  }
  if (need === 'read' ? canReadAll : canWriteAll) return site;
  const grant = site.grants.find((g) => g.appId === p.appId);
  if (!grant || (need === 'write' && !grant.roles.includes('write'))) return accessDenied();
  return site;
}

export const accessDenied = (): EmuResponse => graphError(403, 'accessDenied', 'Access denied');

export function siteJson(site: SiteRecord): Record<string, unknown> {
  return {
    id: site.id,
    name: site.name,
    displayName: site.displayName,
    webUrl: `https://${DEMO_SP_HOST}${site.path}`,
    createdDateTime: site.createdDateTime,
    lastModifiedDateTime: site.createdDateTime,
    siteCollection: { hostname: DEMO_SP_HOST },
  };
}
