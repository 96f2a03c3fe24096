import type { z } from 'zod';
import type { Fields } from '../graph/list-schema.js';
import type { RecordStorePort, StoredItem } from '../graph/record-store.js';
import type { Stored } from '../ports.js';

/** The note column that holds the whole value as JSON; the other columns are copies for filtering. */
export const VALUE_COLUMN = 'ValueJson';

/** A stored item that no longer matches its schema: reported, never silently dropped or half-read. */
export class CorruptItemError extends Error {
  constructor(list: string, itemId: string) {
    super(`Item ${itemId} in ${list} does not have the expected shape; it was left untouched.`);
    this.name = 'CorruptItemError';
  }
}

/**
 * Maps one domain type to a SharePoint list: the value as JSON in `ValueJson` (read back through its
 * zod schema), its key in the list's unique IdempotencyKey, and indexed columns derived from it.
 */
export function jsonItems<T>(store: RecordStorePort, list: string, schema: z.ZodType<T>, columns: (value: T) => Fields) {
  const toFields = (value: T): Fields => ({ ...columns(value), [VALUE_COLUMN]: JSON.stringify(value) });
  const read = (item: StoredItem): Stored<T> => {
    const text = item.fields[VALUE_COLUMN];
    let raw: unknown;
    try {
      raw = typeof text === 'string' ? JSON.parse(text) : undefined;
    } catch {
      throw new CorruptItemError(list, item.id);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new CorruptItemError(list, item.id);
    return { value: parsed.data, version: JSON.stringify({ id: item.id, eTag: item.eTag, fields: item.fields }) };
  };
  /** The version is the stored item itself (id, eTag, fields), so an update can send If-Match and merge on 412. */
  const base = (version: string): StoredItem => JSON.parse(version) as StoredItem;

  return {
    read,
    async create(key: string, value: T): Promise<Stored<T>> {
      return read(await store.create(list, { idempotencyKey: key, fields: toFields(value) }));
    },
    async createMany(items: readonly { key: string; value: T }[]): Promise<(Stored<T> | Error)[]> {
      const results = await store.createMany(
        list,
        items.map((i) => ({ idempotencyKey: i.key, fields: toFields(i.value) })),
      );
      return results.map((r) => (r instanceof Error ? r : read(r)));
    },
    async byKey(key: string): Promise<Stored<T> | undefined> {
      const item = await store.findByKey(list, key);
      return item ? read(item) : undefined;
    },
    async where(filter: Fields): Promise<Stored<T>[]> {
      return (await store.query(list, filter)).map(read);
    },
    async update(stored: Stored<T>, next: T): Promise<Stored<T>> {
      return read(await store.update(list, base(stored.version), toFields(next)));
    },
  };
}
