import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { graphStatus, SiteAccessDeniedError } from './graph-errors.js';
import { columnDefinition, type ListSpec } from './list-schema.js';

const graphList = z.object({
  id: z.string(),
  columns: z.array(z.object({ id: z.string(), name: z.string(), indexed: z.boolean().nullish() })).optional(),
});

/**
 * Creates missing lists, columns and indexes; leaves existing ones alone. Safe to run at every start
 * and from two instances at once (a 409 on create means the other one won).
 * Returns list ids by name.
 */
export async function provisionLists(client: Client, siteId: string, specs: readonly ListSpec[]): Promise<Map<string, string>> {
  const site = `/sites/${encodeURIComponent(siteId)}`;
  const ids = new Map<string, string>();
  for (const spec of specs) {
    const list = await getOrCreateList(client, site, siteId, spec);
    ids.set(spec.name, list.id);
    const existing = new Map((list.columns ?? []).map((c) => [c.name, c]));
    for (const column of spec.columns) {
      const found = existing.get(column.name);
      if (!found) {
        await guard(siteId, async () => {
          try {
            await client.api(`${site}/lists/${list.id}/columns`).post(columnDefinition(column));
          } catch (error) {
            if (graphStatus(error) !== 409) throw error;
          }
        });
      } else if ((column.indexed || column.unique) && !found.indexed) {
        await guard(siteId, () => client.api(`${site}/lists/${list.id}/columns/${found.id}`).patch({ indexed: true }));
      }
    }
  }
  return ids;
}

async function getOrCreateList(client: Client, site: string, siteId: string, spec: ListSpec): Promise<z.infer<typeof graphList>> {
  // A list can be addressed by its title in place of its id.
  const get = () => guard(siteId, async () => graphList.parse(await client.api(`${site}/lists/${encodeURIComponent(spec.name)}`).expand('columns').get()));
  try {
    return await get();
  } catch (error) {
    if (graphStatus(error) !== 404) throw error;
  }
  try {
    return await guard(siteId, async () =>
      graphList.parse(await client.api(`${site}/lists`).post({ displayName: spec.name, columns: spec.columns.map(columnDefinition), list: { template: 'genericList' } })),
    );
  } catch (error) {
    if (graphStatus(error) === 409) return get();
    throw error;
  }
}

/** Turns Graph's 403 into an error that says what to do about Sites.Selected. */
export async function guard<T>(siteId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (graphStatus(error) === 403) throw new SiteAccessDeniedError(siteId);
    throw error;
  }
}
