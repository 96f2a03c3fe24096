import { z } from 'zod';
import type { EmulatorContext } from '../../context.js';
import type { Router } from '../../http/router.js';
import { graphError, json, type EmuRequest, type EmuResponse } from '../../http/types.js';
import type { ColumnRecord, ListRecord } from '../../store/records.js';
import { DEMO_SP_HOST } from '../../seed/demo-sites.js';
import { newGuid } from '../ids.js';
import { page, readTop } from '../paging.js';
import { resolveSite, siteJson, type SiteNeed } from './access.js';
import { BUILT_IN_COLUMNS, columnInput, columnJson, toColumnRecord } from './columns.js';

const listInput = z.object({
  displayName: z.string().min(1).max(255),
  description: z.string().optional(),
  columns: z.array(columnInput).max(200).optional(),
  list: z.object({ template: z.string().optional() }).loose().optional(),
});

const invalid = (message: string) => graphError(400, 'invalidRequest', message);

export function findList(ctx: EmulatorContext, siteId: string, idOrTitle: string): ListRecord | undefined {
  const byId = ctx.state.lists.get(idOrTitle);
  if (byId && byId.siteId === siteId) return byId;
  const title = idOrTitle.toLowerCase();
  for (const l of ctx.state.lists.values()) if (l.siteId === siteId && l.displayName.toLowerCase() === title) return l;
  return undefined;
}

export function listJson(l: ListRecord, siteWebUrl: string, withColumns: boolean): Record<string, unknown> {
  return {
    '@odata.etag': `"${l.id},${l.columns.length}"`,
    id: l.id,
    name: l.name,
    displayName: l.displayName,
    description: l.description,
    createdDateTime: l.createdDateTime,
    lastModifiedDateTime: l.lastModifiedDateTime,
    webUrl: `${siteWebUrl}/Lists/${encodeURIComponent(l.name)}`,
    list: { contentTypesEnabled: false, hidden: false, template: l.template },
    parentReference: { siteId: l.siteId },
    ...(withColumns ? { columns: [...BUILT_IN_COLUMNS, ...l.columns].map(columnJson) } : {}),
  };
}

export type ListLookup = { list: ListRecord; siteWebUrl: string };

export function resolveList(ctx: EmulatorContext, req: EmuRequest, siteId: string, listId: string, need: SiteNeed): ListLookup | EmuResponse {
  const site = resolveSite(ctx, req, siteId, need);
  if ('status' in site) return site;
  const list = findList(ctx, site.id, listId);
  if (!list) return graphError(404, 'itemNotFound', 'The requested list could not be found.');
  return { list, siteWebUrl: `https://${DEMO_SP_HOST}${site.path}` };
}

export function registerListRoutes(router: Router, ctx: EmulatorContext, graphRoot: string): void {
  const expandsColumns = (req: EmuRequest) => (req.query.get('$expand') ?? '').split(',').some((s) => s.trim().startsWith('columns'));

  router.add('GET', '/sites/:site', (req, { site = '' }) => {
    const s = resolveSite(ctx, req, site, 'read');
    return 'status' in s ? s : json(200, { '@odata.context': `${graphRoot}$metadata#sites/$entity`, ...siteJson(s) });
  });

  // Site by path: GET /sites/{hostname}:/sites/{name} (https://learn.microsoft.com/graph/api/site-getbypath).
  router.add('GET', '/sites/:host/sites/:name', (req, { host = '', name = '' }) => {
    const path = `/sites/${name.replace(/:$/, '')}`.toLowerCase();
    const match = host.replace(/:$/, '').toLowerCase() === DEMO_SP_HOST ? [...ctx.state.sites.values()].find((x) => x.path.toLowerCase() === path) : undefined;
    if (!match) return graphError(404, 'itemNotFound', 'Requested site could not be found');
    const s = resolveSite(ctx, req, match.id, 'read');
    return 'status' in s ? s : json(200, { '@odata.context': `${graphRoot}$metadata#sites/$entity`, ...siteJson(s) });
  });

  router.add('GET', '/sites/:site/lists', (req, { site = '' }) => {
    const s = resolveSite(ctx, req, site, 'read');
    if ('status' in s) return s;
    const top = readTop(req, 200, 5000);
    if (top === 'invalid') return invalid("Invalid value for '$top'.");
    const webUrl = `https://${DEMO_SP_HOST}${s.path}`;
    const lists = [...ctx.state.lists.values()].filter((l) => l.siteId === s.id).sort((a, b) => a.createdDateTime.localeCompare(b.createdDateTime) || a.id.localeCompare(b.id));
    return json(200, {
      '@odata.context': `${graphRoot}$metadata#sites('${s.id}')/lists`,
      ...page(
        lists.map((l) => listJson(l, webUrl, expandsColumns(req))),
        req,
        graphRoot,
        top,
      ),
    });
  });

  router.add('POST', '/sites/:site/lists', (req, { site = '' }) => {
    const s = resolveSite(ctx, req, site, 'write');
    if ('status' in s) return s;
    const parsed = listInput.safeParse(req.body);
    if (!parsed.success) return invalid(`Invalid list: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim());
    if (findList(ctx, s.id, parsed.data.displayName)) {
      return graphError(
        409,
        'nameAlreadyExists',
        'A list, survey, discussion board, or document library with the specified title already exists in this Web site.  Please choose another title.',
      );
    }
    const columns: ColumnRecord[] = [];
    for (const c of parsed.data.columns ?? []) {
      const record = toColumnRecord(c);
      if (typeof record === 'string') return invalid(record);
      if (columns.some((x) => x.name.toLowerCase() === record.name.toLowerCase())) return invalid(`Column '${record.name}' is given twice.`);
      columns.push(record);
    }
    const stamp = new Date().toISOString();
    const list: ListRecord = {
      id: newGuid(),
      siteId: s.id,
      name: parsed.data.displayName.replace(/[^A-Za-z0-9]/g, ''),
      displayName: parsed.data.displayName,
      description: parsed.data.description ?? '',
      template: parsed.data.list?.template ?? 'genericList',
      createdDateTime: stamp,
      lastModifiedDateTime: stamp,
      columns,
      items: [],
      nextItemId: 1,
    };
    ctx.state.lists.set(list.id, list);
    return json(201, { '@odata.context': `${graphRoot}$metadata#sites('${s.id}')/lists/$entity`, ...listJson(list, `https://${DEMO_SP_HOST}${s.path}`, true) });
  });

  router.add('GET', '/sites/:site/lists/:list', (req, { site = '', list = '' }) => {
    const found = resolveList(ctx, req, site, list, 'read');
    return 'status' in found ? found : json(200, listJson(found.list, found.siteWebUrl, expandsColumns(req)));
  });

  router.add('GET', '/sites/:site/lists/:list/columns', (req, { site = '', list = '' }) => {
    const found = resolveList(ctx, req, site, list, 'read');
    return 'status' in found ? found : json(200, { value: [...BUILT_IN_COLUMNS, ...found.list.columns].map(columnJson) });
  });

  router.add('POST', '/sites/:site/lists/:list/columns', (req, { site = '', list = '' }) => {
    const found = resolveList(ctx, req, site, list, 'write');
    if ('status' in found) return found;
    const parsed = columnInput.safeParse(req.body);
    if (!parsed.success) return invalid(`Invalid column: ${parsed.error.issues[0]?.message ?? ''}`);
    const record = toColumnRecord(parsed.data);
    if (typeof record === 'string') return invalid(record);
    const all = [...BUILT_IN_COLUMNS, ...found.list.columns];
    if (all.some((c) => c.name.toLowerCase() === record.name.toLowerCase())) {
      return graphError(409, 'nameAlreadyExists', `A duplicate field name "${record.name}" was found.`);
    }
    found.list.columns.push(record);
    found.list.lastModifiedDateTime = new Date().toISOString();
    ctx.state.lists.touch();
    return json(201, columnJson(record));
  });

  router.add('PATCH', '/sites/:site/lists/:list/columns/:column', (req, { site = '', list = '', column = '' }) => {
    const found = resolveList(ctx, req, site, list, 'write');
    if ('status' in found) return found;
    const col = found.list.columns.find((c) => c.id === column || c.name === column);
    if (!col) return graphError(404, 'itemNotFound', 'The requested column could not be found.');
    const parsed = z
      .object({ indexed: z.boolean().optional(), enforceUniqueValues: z.boolean().optional(), displayName: z.string().optional(), required: z.boolean().optional() })
      .safeParse(req.body);
    if (!parsed.success) return invalid('Invalid column update.');
    const next = { ...col, ...Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) };
    if (next.enforceUniqueValues && !next.indexed) return invalid('enforceUniqueValues requires the column to be indexed.');
    if (next.type === 'note' && next.indexed) return invalid('Multiple lines of text cannot be indexed.');
    if (next.enforceUniqueValues && !col.enforceUniqueValues) {
      const seen = new Set<string>();
      for (const item of found.list.items) {
        const v = item.fields[col.name];
        if (v === undefined || v === null) continue;
        const k = String(v).toLowerCase();
        if (seen.has(k)) return invalid('This field contains duplicate values. Remove all duplicate values and try the operation again.');
        seen.add(k);
      }
    }
    Object.assign(col, next);
    ctx.state.lists.touch();
    return json(200, columnJson(col));
  });
}
