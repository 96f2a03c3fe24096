export type ColumnKind = 'text' | 'note' | 'number' | 'dateTime' | 'boolean';

export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  /** Needed to `$filter` on the column (SharePoint refuses non-indexed filters on big lists). */
  indexed?: boolean;
  /** enforceUniqueValues (requires indexed). */
  unique?: boolean;
  required?: boolean;
}

export interface ListSpec {
  /** The list's display name, e.g. "Sessions". */
  name: string;
  columns: readonly ColumnSpec[];
}

export type FieldValue = string | number | boolean | null;
export type Fields = Record<string, FieldValue>;

/** Every list gets this column: a unique, indexed key that makes creates idempotent. */
export const IDEMPOTENCY_KEY = 'IdempotencyKey';

export function withIdempotencyKey(spec: ListSpec): ListSpec {
  if (spec.columns.some((c) => c.name === IDEMPOTENCY_KEY)) return spec;
  return { ...spec, columns: [...spec.columns, { name: IDEMPOTENCY_KEY, kind: 'text', indexed: true, unique: true }] };
}

/** A columnDefinition for Graph (https://learn.microsoft.com/graph/api/resources/columndefinition). */
export function columnDefinition(c: ColumnSpec): Record<string, unknown> {
  const facet: Record<ColumnKind, Record<string, unknown>> = {
    text: { text: {} },
    note: { text: { allowMultipleLines: true } },
    number: { number: {} },
    dateTime: { dateTime: {} },
    boolean: { boolean: {} },
  };
  return {
    name: c.name,
    ...facet[c.kind],
    ...(c.indexed || c.unique ? { indexed: true } : {}),
    ...(c.unique ? { enforceUniqueValues: true } : {}),
    ...(c.required ? { required: true } : {}),
  };
}
