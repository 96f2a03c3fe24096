import { z } from 'zod';
import type { ColumnRecord, ColumnType } from '../../store/records.js';
import { newGuid } from '../ids.js';

// columnDefinition (https://learn.microsoft.com/graph/api/resources/columndefinition): the type is
// the one facet present (text, number, dateTime, boolean, choice).
export const columnInput = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'Column names are letters, digits and _'),
  displayName: z.string().optional(),
  description: z.string().optional(),
  indexed: z.boolean().optional(),
  enforceUniqueValues: z.boolean().optional(),
  required: z.boolean().optional(),
  text: z.object({ allowMultipleLines: z.boolean().optional(), maxLength: z.number().optional() }).optional(),
  number: z.object({}).loose().optional(),
  dateTime: z.object({}).loose().optional(),
  boolean: z.object({}).loose().optional(),
  choice: z
    .object({ choices: z.array(z.string()) })
    .loose()
    .optional(),
});
export type ColumnInput = z.infer<typeof columnInput>;

export const BUILT_IN_COLUMNS: readonly ColumnRecord[] = [
  { id: 'fa564e0f-0c70-4ab9-b863-0177e6ddd247', name: 'Title', displayName: 'Title', type: 'text', indexed: false, enforceUniqueValues: false, required: false, readOnly: false },
  { id: '1d22ea11-1e32-424e-89ab-9fedbadb6ce1', name: 'ID', displayName: 'ID', type: 'number', indexed: true, enforceUniqueValues: true, required: false, readOnly: true },
  {
    id: '28cf69c5-fa48-462a-b5cd-27b6f9d2bd5f',
    name: 'Modified',
    displayName: 'Modified',
    type: 'dateTime',
    indexed: true,
    enforceUniqueValues: false,
    required: false,
    readOnly: true,
  },
  {
    id: '8c06beca-0777-48f7-91c7-6da68bc07b69',
    name: 'Created',
    displayName: 'Created',
    type: 'dateTime',
    indexed: true,
    enforceUniqueValues: false,
    required: false,
    readOnly: true,
  },
];

export function toColumnRecord(input: ColumnInput): ColumnRecord | string {
  const facets: ColumnType[] = [];
  if (input.text) facets.push(input.text.allowMultipleLines ? 'note' : 'text');
  if (input.number) facets.push('number');
  if (input.dateTime) facets.push('dateTime');
  if (input.boolean) facets.push('boolean');
  if (input.choice) facets.push('choice');
  if (facets.length !== 1) return 'A column needs exactly one type facet (text, number, dateTime, boolean or choice).';
  if (input.enforceUniqueValues && !input.indexed) return 'enforceUniqueValues requires the column to be indexed.';
  const type = facets[0] as ColumnType;
  if (type === 'note' && input.indexed) return 'Multiple lines of text cannot be indexed.';
  return {
    id: newGuid(),
    name: input.name,
    displayName: input.displayName ?? input.name,
    type,
    indexed: input.indexed ?? false,
    enforceUniqueValues: input.enforceUniqueValues ?? false,
    required: input.required ?? false,
    readOnly: false,
    ...(input.choice ? { choices: input.choice.choices } : {}),
  };
}

export function columnJson(c: ColumnRecord): Record<string, unknown> {
  const facet: Record<ColumnType, Record<string, unknown>> = {
    text: { text: { allowMultipleLines: false, maxLength: 255 } },
    note: { text: { allowMultipleLines: true } },
    number: { number: {} },
    dateTime: { dateTime: { format: 'dateTime' } },
    boolean: { boolean: {} },
    choice: { choice: { choices: c.choices ?? [] } },
  };
  return {
    id: c.id,
    name: c.name,
    displayName: c.displayName,
    columnGroup: 'Custom Columns',
    description: '',
    enforceUniqueValues: c.enforceUniqueValues,
    hidden: false,
    indexed: c.indexed,
    readOnly: c.readOnly,
    required: c.required,
    ...facet[c.type],
  };
}

/** Checks one field value against its column; returns a reason when it does not fit. */
export function checkValue(c: ColumnRecord, value: unknown): string | undefined {
  if (value === null) return c.required ? `Field '${c.name}' is required.` : undefined;
  switch (c.type) {
    case 'text':
      return typeof value === 'string' && value.length <= 255 ? undefined : `Field '${c.name}' takes text of at most 255 characters.`;
    case 'note':
      return typeof value === 'string' ? undefined : `Field '${c.name}' takes text.`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `Field '${c.name}' takes a number.`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `Field '${c.name}' takes true or false.`;
    case 'dateTime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? undefined : `Field '${c.name}' takes an ISO 8601 date and time.`;
    case 'choice':
      return typeof value === 'string' && (c.choices ?? []).includes(value) ? undefined : `Field '${c.name}' takes one of its choices.`;
  }
}
