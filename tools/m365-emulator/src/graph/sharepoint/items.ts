import { z } from 'zod';
import type { EmulatorContext } from '../../context.js';
import type { Router } from '../../http/router.js';
import { graphError, json, type EmuRequest, type EmuResponse } from '../../http/types.js';
import type { ItemRecord, ListRecord } from '../../store/records.js';
import { newGuid } from '../ids.js';
import { evaluateFilter, filterPaths, FilterSyntaxError, parseFilter, type FilterNode } from '../odata-filter.js';
import { readTop } from '../paging.js';
import { BUILT_IN_COLUMNS, checkValue } from './columns.js';
import { resolveList } from './lists.js';

const invalid = (message: string) => graphError(400, 'invalidRequest', message);
const itemNotFound = () => graphError(404, 'itemNotFound', 'The requested item could not be found.');
const fieldValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
const NON_INDEXED_OPT_IN = 'honornonindexedquerieswarningmayfailrandomly';

const itemIndexes = new WeakMap<ListRecord, Map<string, ItemRecord>>();
function itemsById(list: ListRecord): Map<string, ItemRecord> {
  let index = itemIndexes.get(list);
  if (!index) {
    index = new Map(list.items.map((i) => [i.id, i]));
    itemIndexes.set(list, index);
  }
  return index;
}

export const itemETag = (item: ItemRecord): string => `"${item.uniqueId},${item.version}"`;

/** If-Match: `*`, or the item's eTag with or without quotes / a weak prefix. */
function matchesETag(ifMatch: string | undefined, item: ItemRecord): boolean {
  if (ifMatch === undefined) return true;
  const tag = ifMatch.trim();
  return tag === '*' || normaliseETag(tag) === normaliseETag(itemETag(item));
}
const normaliseETag = (t: string) => t.replace(/^W\//, '').replace(/"/g, '').trim().toLowerCase();

export function fieldsJson(item: ItemRecord, select?: Set<string>): Record<string, unknown> {
  const all: Record<string, unknown> = {
    '@odata.etag': itemETag(item),
    ...item.fields,
    id: item.id,
    ContentType: 'Item',
    Modified: item.lastModifiedDateTime,
    Created: item.createdDateTime,
    AuthorLookupId: '1073741823',
    EditorLookupId: '1073741823',
    _UIVersionString: `${item.version}.0`,
    Attachments: false,
  };
  if (!select) return all;
  return Object.fromEntries(Object.entries(all).filter(([k]) => k === '@odata.etag' || k === 'id' || select.has(k)));
}

function itemJson(item: ItemRecord, list: ListRecord, webUrl: string, expand: { fields: boolean; select?: Set<string> }): Record<string, unknown> {
  const app = { application: { id: item.createdByAppId, displayName: 'app' } };
  return {
    '@odata.etag': itemETag(item),
    createdDateTime: item.createdDateTime,
    eTag: itemETag(item),
    id: item.id,
    lastModifiedDateTime: item.lastModifiedDateTime,
    webUrl: `${webUrl}/Lists/${list.name}/${item.id}_.000`,
    createdBy: { ...app },
    lastModifiedBy: { ...app },
    parentReference: { id: list.id, siteId: list.siteId },
    contentType: { id: '0x0100', name: 'Item' },
    ...(expand.fields ? { fields: fieldsJson(item, expand.select) } : {}),
  };
}

/** `$expand=fields` or `$expand=fields($select=A,B)`. */
function readExpand(req: EmuRequest): { fields: boolean; select?: Set<string> } {
  const raw = req.query.get('$expand') ?? req.query.get('expand') ?? '';
  const m = /(?:^|,)\s*fields(?:\(\s*\$?select=([^)]*)\))?/i.exec(raw);
  if (!m) return { fields: false };
  return m[1] ? { fields: true, select: new Set(m[1].split(',').map((s) => s.trim())) } : { fields: true };
}

function validateFields(list: ListRecord, values: Record<string, unknown>, creating: boolean): string | undefined {
  const columns = [...BUILT_IN_COLUMNS, ...list.columns];
  for (const [name, value] of Object.entries(values)) {
    if (name === '@odata.etag') continue;
    const col = columns.find((c) => c.name === name);
    if (!col) return `Field '${name}' is not recognized`;
    if (col.readOnly) return `Field '${name}' is read-only.`;
    const problem = checkValue(col, value);
    if (problem) return problem;
  }
  if (creating) for (const c of list.columns) if (c.required && (values[c.name] === undefined || values[c.name] === null)) return `Field '${c.name}' is required.`;
  return undefined;
}

/** enforceUniqueValues: SharePoint refuses a second item with the same value. */
function uniqueViolation(list: ListRecord, values: Record<string, unknown>, selfId?: string): boolean {
  for (const col of list.columns) {
    if (!col.enforceUniqueValues || values[col.name] === undefined || values[col.name] === null) continue;
    const v = values[col.name];
    for (const item of list.items) if (item.id !== selfId && item.fields[col.name] === v) return true;
  }
  return false;
}
const duplicate = () => graphError(409, 'nameAlreadyExists', 'The list item could not be added or updated because duplicate values were found in one or more fields in the list.');

export function insertItem(ctx: EmulatorContext, list: ListRecord, fields: Record<string, unknown>, appId: string): ItemRecord {
  const stamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const item: ItemRecord = {
    id: String(list.nextItemId++),
    uniqueId: newGuid(),
    version: 1,
    createdDateTime: stamp,
    lastModifiedDateTime: stamp,
    createdByAppId: appId,
    fields: { ...fields },
  };
  list.items.push(item);
  itemsById(list).set(item.id, item);
  list.lastModifiedDateTime = stamp;
  ctx.state.lists.touch();
  return item;
}

export function registerItemRoutes(router: Router, ctx: EmulatorContext, graphRoot: string): void {
  const base = '/sites/:site/lists/:list/items';

  router.add('GET', base, (req, p) => {
    const found = resolveList(ctx, req, p['site'] ?? '', p['list'] ?? '', 'read');
    if ('status' in found) return found;
    const { list } = found;
    const top = readTop(req, 200, 5000);
    if (top === 'invalid') return invalid("Invalid value for '$top'.");
    let filter: FilterNode | undefined;
    const rawFilter = req.query.get('$filter') ?? req.query.get('filter');
    if (rawFilter) {
      try {
        filter = parseFilter(rawFilter);
      } catch (error) {
        if (error instanceof FilterSyntaxError) return invalid(error.message);
        throw error;
      }
      const optIn = (req.headers['prefer'] ?? '').toLowerCase().includes(NON_INDEXED_OPT_IN);
      for (const path of filterPaths(filter)) {
        const name = path.replace(/^fields\//, '');
        const col = [...BUILT_IN_COLUMNS, ...list.columns].find((c) => c.name === name);
        if (!col) return invalid(`Field '${name}' is not recognized`);
        // Graph refuses filters on non-indexed columns unless the caller opts in.
        if (!col.indexed && !optIn) {
          return invalid(
            `Field '${name}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.`,
          );
        }
      }
    }
    // $skiptoken is keyset paging on the item id, like SharePoint's "Paged=TRUE&p_ID=n".
    const token = req.query.get('$skiptoken');
    const afterId = token ? Number(/p_ID=(\d+)/.exec(Buffer.from(token, 'base64').toString('utf8'))?.[1] ?? 0) : 0;
    const value: ItemRecord[] = [];
    let more = false;
    for (const item of list.items) {
      if (Number(item.id) <= afterId) continue;
      if (filter && !evaluateFilter(filter, (path) => resolveField(item, path))) continue;
      if (value.length === top) {
        more = true;
        break;
      }
      value.push(item);
    }
    const expand = readExpand(req);
    const body: Record<string, unknown> = {
      '@odata.context': `${graphRoot}$metadata#sites('${list.siteId}')/lists('${list.id}')/items`,
      value: value.map((i) => itemJson(i, list, found.siteWebUrl, expand)),
    };
    if (more) {
      const last = value[value.length - 1] as ItemRecord;
      const query = new URLSearchParams(req.query);
      query.set('$top', String(top));
      query.set('$skiptoken', Buffer.from(`Paged=TRUE&p_ID=${last.id}`).toString('base64'));
      body['@odata.nextLink'] = `${graphRoot}${req.path.replace(/^\//, '')}?${query.toString()}`;
    }
    return json(200, body);
  });

  router.add('POST', base, (req, p) => {
    const found = resolveList(ctx, req, p['site'] ?? '', p['list'] ?? '', 'write');
    if ('status' in found) return found;
    const parsed = z.object({ fields: fieldValues }).safeParse(req.body);
    if (!parsed.success) return invalid('The body is { "fields": { "<column>": value, ... } }.');
    const problem = validateFields(found.list, parsed.data.fields, true);
    if (problem) return invalid(problem);
    if (uniqueViolation(found.list, parsed.data.fields)) return duplicate();
    const item = insertItem(ctx, found.list, parsed.data.fields, req.principal?.appId ?? '');
    ctx.stats.itemsCreated++;
    return json(201, itemJson(item, found.list, found.siteWebUrl, { fields: true }));
  });

  const withItem = (req: EmuRequest, p: Record<string, string>, need: 'read' | 'write'): { list: ListRecord; item: ItemRecord; webUrl: string } | EmuResponse => {
    const found = resolveList(ctx, req, p['site'] ?? '', p['list'] ?? '', need);
    if ('status' in found) return found;
    const item = itemsById(found.list).get(p['item'] ?? '');
    return item ? { list: found.list, item, webUrl: found.siteWebUrl } : itemNotFound();
  };

  router.add('GET', `${base}/:item`, (req, p) => {
    const r = withItem(req, p, 'read');
    return 'status' in r ? r : json(200, itemJson(r.item, r.list, r.webUrl, readExpand(req)));
  });
  router.add('GET', `${base}/:item/fields`, (req, p) => {
    const r = withItem(req, p, 'read');
    return 'status' in r ? r : json(200, fieldsJson(r.item));
  });

  const update = (req: EmuRequest, p: Record<string, string>, values: unknown): { r: { list: ListRecord; item: ItemRecord; webUrl: string } } | EmuResponse => {
    const r = withItem(req, p, 'write');
    if ('status' in r) return r;
    const parsed = fieldValues.safeParse(values);
    if (!parsed.success) return invalid('The body is a fieldValueSet: { "<column>": value, ... }.');
    // "If the eTag provided does not match the current eTag on the item, a 412 Precondition
    // Failed response is returned and the item will not be updated." (listitem-update)
    if (!matchesETag(req.headers['if-match'], r.item)) {
      ctx.stats.preconditionFailed++;
      return graphError(412, 'preconditionFailed', "The request ETag value does not match the object's ETag value.");
    }
    const { '@odata.etag': _ignored, ...changes } = parsed.data;
    const problem = validateFields(r.list, changes, false);
    if (problem) return invalid(problem);
    if (uniqueViolation(r.list, changes, r.item.id)) return duplicate();
    Object.assign(r.item.fields, changes);
    r.item.version += 1;
    r.item.lastModifiedDateTime = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    ctx.state.lists.touch();
    return { r };
  };

  router.add('PATCH', `${base}/:item/fields`, (req, p) => {
    const u = update(req, p, req.body);
    return 'status' in u ? u : json(200, fieldsJson(u.r.item));
  });
  router.add('PATCH', `${base}/:item`, (req, p) => {
    const body = z.object({ fields: z.unknown() }).safeParse(req.body);
    if (!body.success) return invalid('The body is { "fields": { ... } }.');
    const u = update(req, p, body.data.fields);
    return 'status' in u ? u : json(200, itemJson(u.r.item, u.r.list, u.r.webUrl, { fields: true }));
  });
  router.add('DELETE', `${base}/:item`, (req, p) => {
    const r = withItem(req, p, 'write');
    if ('status' in r) return r;
    if (!matchesETag(req.headers['if-match'], r.item)) return graphError(412, 'preconditionFailed', "The request ETag value does not match the object's ETag value.");
    r.list.items = r.list.items.filter((i) => i !== r.item);
    itemsById(r.list).delete(r.item.id);
    ctx.state.lists.touch();
    return { status: 204 };
  });
}

function resolveField(item: ItemRecord, path: string): unknown {
  const name = path.replace(/^fields\//, '');
  if (name === 'ID' || name === 'id') return Number(item.id);
  if (name === 'Created') return item.createdDateTime;
  if (name === 'Modified') return item.lastModifiedDateTime;
  return item.fields[name];
}
