import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { createBatchRunner, type BatchRunnerOptions } from './batch.js';
import { ConcurrentUpdateError, GraphAdapterError, graphStatus, isNotFound, odataString, SiteAccessDeniedError } from './graph-errors.js';
import { guard, provisionLists } from './list-provisioning.js';
import { IDEMPOTENCY_KEY, withIdempotencyKey, type FieldValue, type Fields, type ListSpec } from './list-schema.js';
import { collectAllPages } from './paging.js';

export interface StoredItem {
  id: string;
  /** Pass back unchanged to `update`: it is the If-Match precondition. */
  eTag: string;
  fields: Fields;
}

export interface NewItem {
  /** Unique per list; a repeated create with the same key returns the first item. */
  idempotencyKey: string;
  fields: Fields;
}

export interface RecordStorePort {
  /** Creates missing lists, columns and indexes. Idempotent; call at start. */
  provision(): Promise<void>;
  create(list: string, item: NewItem): Promise<StoredItem>;
  /** Many creates through `$batch`; results in input order (an Error where one failed for good). */
  createMany(list: string, items: readonly NewItem[]): Promise<(StoredItem | Error)[]>;
  get(list: string, id: string): Promise<StoredItem | undefined>;
  findByKey(list: string, idempotencyKey: string): Promise<StoredItem | undefined>;
  /** Items whose fields equal every value in `where`; only indexed columns may be used. All pages. */
  query(list: string, where: Fields, pageSize?: number): Promise<StoredItem[]>;
  /**
   * Writes `changes` over `base` with If-Match. If someone else changed the item meanwhile (412),
   * re-reads it and reapplies the changes when they touch different fields; throws
   * ConcurrentUpdateError when both changed the same field differently.
   */
  update(list: string, base: StoredItem, changes: Fields): Promise<StoredItem>;
  /**
   * Every item of the list (no `since`), or those changed at or after `since` (SharePoint's Modified,
   * an indexed built-in column), each with its Modified time: for read models that catch up.
   */
  changedSince(list: string, since?: string, pageSize?: number): Promise<ChangedItem[]>;
}

/** An item with the time SharePoint last changed it. */
export interface ChangedItem extends StoredItem {
  modified: string;
}

export interface SharePointStoreOptions {
  siteId: string;
  lists: readonly ListSpec[];
  batch?: BatchRunnerOptions;
}

const fieldValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const graphItem = z.object({
  id: z.string(),
  eTag: z.string().optional(),
  lastModifiedDateTime: z.string().optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
});

export function createSharePointStore(client: Client, options: SharePointStoreOptions): RecordStorePort {
  const specs = options.lists.map(withIdempotencyKey);
  const site = `/sites/${encodeURIComponent(options.siteId)}`;
  const batch = createBatchRunner(client, options.batch ?? {});
  // One provisioning at a time: concurrent first calls share it; a failed one is tried again next call.
  let listIds: Promise<Map<string, string>> | undefined;
  const provisioned = (): Promise<Map<string, string>> => {
    const run = (listIds ??= provisionLists(client, options.siteId, specs));
    run.catch(() => {
      if (listIds === run) listIds = undefined;
    });
    return run;
  };

  const spec = (list: string): ListSpec => {
    const s = specs.find((x) => x.name === list);
    if (!s) throw new Error(`Unknown list '${list}': add it to the store's list specs.`);
    return s;
  };
  const itemsPath = async (list: string) => {
    spec(list);
    const id = (await provisioned()).get(list);
    if (!id) throw new Error(`List '${list}' was not provisioned.`);
    return `${site}/lists/${id}/items`;
  };
  /** Only the columns we own: SharePoint adds system fields (ContentType, Modified, …). */
  const toItem = (list: string, raw: unknown): StoredItem => {
    const item = graphItem.parse(raw);
    const rawFields = item.fields ?? {};
    const fields: Fields = {};
    for (const c of spec(list).columns) {
      const v = fieldValue.safeParse(rawFields[c.name]);
      fields[c.name] = v.success ? v.data : null;
    }
    if (typeof rawFields['Title'] === 'string') fields['Title'] = rawFields['Title'];
    const eTag = item.eTag ?? (typeof rawFields['@odata.etag'] === 'string' ? rawFields['@odata.etag'] : '');
    return { id: item.id, eTag, fields };
  };
  const filterFor = (list: string, where: Fields): string => {
    const s = spec(list);
    return Object.entries(where)
      .map(([name, value]) => {
        const column = s.columns.find((c) => c.name === name);
        if (!column?.indexed && !column?.unique) throw new Error(`Column '${name}' of ${list} is not indexed; queries may only filter on indexed columns.`);
        return `fields/${name} eq ${literal(value)}`;
      })
      .join(' and ');
  };

  const store: RecordStorePort = {
    provision: async () => {
      await provisioned();
    },

    create: async (list, item) => {
      const path = await itemsPath(list);
      try {
        return toItem(list, await guard(options.siteId, () => client.api(path).post({ fields: { ...item.fields, [IDEMPOTENCY_KEY]: item.idempotencyKey } })));
      } catch (error) {
        // 409: the unique key exists, i.e. an earlier attempt (whose response was lost) succeeded.
        // 504 after the SDK's retries: the outcome is unknown, so look.
        const status = graphStatus(error);
        if (status !== 409 && status !== 504) throw error;
        const existing = await store.findByKey(list, item.idempotencyKey);
        if (!existing) throw error;
        return existing;
      }
    },

    createMany: async (list, items) => {
      const path = await itemsPath(list);
      // Idempotent: the unique IdempotencyKey column refuses a second item with the same key.
      const responses = await batch.run(
        items.map((i) => ({ method: 'POST', url: path, body: { fields: { ...i.fields, [IDEMPOTENCY_KEY]: i.idempotencyKey } }, idempotent: true })),
      );
      const results: (StoredItem | Error)[] = [];
      for (const [index, r] of responses.entries()) {
        const item = items[index] as NewItem;
        if (r.status === 201) results.push(toItem(list, r.body));
        else if (r.status === 409 || r.outcomeUnknown)
          results.push((await store.findByKey(list, item.idempotencyKey)) ?? new GraphAdapterError(r.status, GraphAdapterError.messageOf(r.body)));
        else if (r.status === 403) results.push(new SiteAccessDeniedError(options.siteId));
        else results.push(new GraphAdapterError(r.status, GraphAdapterError.messageOf(r.body)));
      }
      return results;
    },

    get: async (list, id) => {
      const path = await itemsPath(list);
      try {
        return toItem(
          list,
          await guard(options.siteId, () =>
            client
              .api(`${path}/${encodeURIComponent(id)}`)
              .expand('fields')
              .get(),
          ),
        );
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    findByKey: async (list, key) => (await store.query(list, { [IDEMPOTENCY_KEY]: key }, 2))[0],

    query: async (list, where, pageSize = 1000) => {
      const path = await itemsPath(list);
      const filter = encodeURIComponent(filterFor(list, where));
      const first = `${path}?$expand=fields&$top=${pageSize}${filter ? `&$filter=${filter}` : ''}`;
      const raw = await guard(options.siteId, () => collectAllPages(client, first, z.unknown()));
      return raw.map((r) => toItem(list, r));
    },

    changedSince: async (list, since, pageSize = 1000) => {
      const path = await itemsPath(list);
      const filter = since ? `&$filter=${encodeURIComponent(`fields/Modified ge ${odataString(since)}`)}` : '';
      const raw = await guard(options.siteId, () => collectAllPages(client, `${path}?$expand=fields&$top=${pageSize}${filter}`, z.unknown()));
      return raw.map((r) => ({ ...toItem(list, r), modified: graphItem.parse(r).lastModifiedDateTime ?? '' }));
    },

    update: async (list, base, changes) => {
      const path = await itemsPath(list);
      let current = base;
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          const raw = await guard(options.siteId, () =>
            client
              .api(`${path}/${encodeURIComponent(current.id)}/fields`)
              .header('If-Match', current.eTag)
              .patch(changes),
          );
          const fields = z.record(z.string(), z.unknown()).parse(raw);
          return toItem(list, { id: current.id, eTag: fields['@odata.etag'], fields });
        } catch (error) {
          if (graphStatus(error) !== 412) throw error;
        }
        // 412: someone else wrote first. Keep both changes when they touch different fields.
        const latest = await store.get(list, base.id);
        if (!latest) throw new GraphAdapterError(404, `Item ${base.id} in ${list} no longer exists.`);
        const theirs = Object.keys(latest.fields).filter((k) => latest.fields[k] !== base.fields[k]);
        const clash = Object.keys(changes).filter((k) => theirs.includes(k) && latest.fields[k] !== changes[k]);
        if (clash.length > 0) throw new ConcurrentUpdateError(list, base.id, clash);
        current = latest;
      }
      throw new GraphAdapterError(412, `Item ${base.id} in ${list} kept changing; gave up after 5 attempts.`);
    },
  };
  return store;
}

function literal(value: FieldValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return odataString(value);
  return String(value);
}
