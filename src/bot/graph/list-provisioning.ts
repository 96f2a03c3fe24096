import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { graphStatus, SiteAccessDeniedError } from './graph-errors.js';
import { columnDefinition, type ColumnKind, type ListSpec } from './list-schema.js';

const graphColumn = z.object({
  id: z.string(),
  name: z.string(),
  indexed: z.boolean().nullish(),
  enforceUniqueValues: z.boolean().nullish(),
  text: z.object({ allowMultipleLines: z.boolean().nullish() }).loose().nullish(),
  number: z.object({}).loose().nullish(),
  dateTime: z.object({}).loose().nullish(),
  boolean: z.object({}).loose().nullish(),
});
const graphList = z.object({ id: z.string(), columns: z.array(graphColumn).optional() });
type GraphColumn = z.infer<typeof graphColumn>;

/** The column type from its facet (columnDefinition: https://learn.microsoft.com/graph/api/resources/columndefinition). */
function kindOf(c: GraphColumn): ColumnKind | undefined {
  if (c.text) return c.text.allowMultipleLines ? 'note' : 'text';
  if (c.number) return 'number';
  if (c.dateTime) return 'dateTime';
  if (c.boolean) return 'boolean';
  return undefined;
}

/** An existing list does not match what the app needs, and provisioning cannot fix it safely. */
export class ListSchemaError extends Error {
  constructor(
    readonly list: string,
    readonly column: string,
    problem: string,
  ) {
    super(`SharePoint list '${list}', column '${column}': ${problem}`);
    this.name = 'ListSchemaError';
  }
}

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
      } else {
        const kind = kindOf(found);
        if (kind !== undefined && kind !== column.kind) {
          throw new ListSchemaError(spec.name, column.name, `it is a ${kind} column; the app needs ${column.kind}. Rename or remove the column, then restart.`);
        }
        // Any list column property but id can be updated (https://learn.microsoft.com/graph/api/columndefinition-update).
        const patch = {
          ...((column.indexed || column.unique) && !found.indexed ? { indexed: true } : {}),
          ...(column.unique && !found.enforceUniqueValues ? { indexed: true, enforceUniqueValues: true } : {}),
        };
        if (Object.keys(patch).length > 0) {
          try {
            await guard(siteId, () => client.api(`${site}/lists/${list.id}/columns/${found.id}`).patch(patch));
          } catch (error) {
            if (error instanceof SiteAccessDeniedError || !column.unique) throw error;
            // E.g. the column already holds duplicate values: creates would no longer be idempotent.
            throw new ListSchemaError(
              spec.name,
              column.name,
              `it must enforce unique values and could not be changed to (${error instanceof Error ? error.message : 'unknown error'}). Remove duplicate values, set "Enforce unique values" on the column, then restart.`,
            );
          }
        }
      }
    }
  }
  return ids;
}

async function getOrCreateList(client: Client, site: string, siteId: string, spec: ListSpec): Promise<z.infer<typeof graphList>> {
  // A list can be addressed by its title in place of its id.
  const get = () =>
    guard(siteId, async () =>
      graphList.parse(
        await client
          .api(`${site}/lists/${encodeURIComponent(spec.name)}`)
          .expand('columns')
          .get(),
      ),
    );
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
