import fc from 'fast-check';

/** The part of JSON Schema (2020-12, as zod-openapi writes it) that the API's request schemas use. */
export interface JsonSchema {
  type?: string | string[];
  $ref?: string;
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
}

// Dates that look right and are not (30 February, hour 24), and ones at the edges of the school year.
const TRICKY_DATES = ['2027-02-30', '2027-02-29', '2028-02-29', '2026-13-01', '2026-00-10', '2026-09-01', '2027-07-31', '0000-01-01', '9999-12-31'];
const TRICKY_TIMES = ['T09:00:00Z', 'T24:00:00Z', 'T23:59:60Z', 'T09:00:00+01:00', 'T09:00:00', 'T09:00:00.000Z'];
// Text a person might paste, or an attacker might try: quotes for OData, paths, markup, control characters.
const TRICKY_TEXT = ["O'Brien", "' or 1 eq 1 or '", '../../sites', '%2e%2e%2f', '<script>alert(1)</script>', '\u0000', '\u202e', '😀', ' ', '$filter=x', 'a/b?c#d'];

const date = fc.oneof(
  fc.constantFrom(...TRICKY_DATES),
  fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2029-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);
const dateTime = fc.oneof(
  fc.tuple(date, fc.constantFrom(...TRICKY_TIMES)).map(([d, t]) => d + t),
  fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2029-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
);

/** A whole minute in the school year 2026/27, as the API writes instants ('2027-02-12T09:00:00Z'). */
export const schoolYearInstant: fc.Arbitrary<string> = fc
  .date({ min: new Date('2026-09-01T00:00:00Z'), max: new Date('2027-07-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => `${d.toISOString().slice(0, 11)}${['08:00', '09:00', '10:30', '13:15', '15:45', '17:00'][d.getUTCMinutes() % 6]}:00Z`);
/** A time of day, mostly real ('09:30'), sometimes not ('24:00', '9:5'). */
export const timeOfDay: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('24:00', '9:5', '12:60', '') },
);
export { date as calendarDate };

/** Any JSON value: what a forged or broken request might carry in a field's place. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(...TRICKY_TEXT),
  fc.string({ maxLength: 20 }),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

interface Context {
  root: { components?: { schemas?: Record<string, JsonSchema> } };
  /** Values for fields by name, where the schema cannot say what makes sense (a real id, a time of day). */
  hints: Record<string, fc.Arbitrary<unknown>>;
  noise: boolean;
}

/**
 * Values for a schema: half of them of the schema's shape throughout (so a request reaches the rules
 * behind the validation), the rest with, here and there, something else in a field's place (so the
 * validation itself is tried).
 */
export function fromSchema(schema: JsonSchema, root: Context['root'], hints: Context['hints'] = {}): fc.Arbitrary<unknown> {
  return fc.oneof(shaped(schema, { root, hints, noise: false }, 0), shaped(schema, { root, hints, noise: true }, 0));
}

/** What the schema asks for; with `noise`, each value may instead be any JSON at all. */
function shaped(schema: JsonSchema, ctx: Context, depth: number, name?: string): fc.Arbitrary<unknown> {
  const hint = name !== undefined ? ctx.hints[name] : undefined;
  const exact = hint ? fc.oneof({ weight: 3, arbitrary: hint }, { weight: 1, arbitrary: exactly(schema, ctx, depth) }) : exactly(schema, ctx, depth);
  return ctx.noise ? fc.oneof({ weight: 6, arbitrary: exact }, { weight: 1, arbitrary: anyJson }) : exact;
}

function exactly(schema: JsonSchema, ctx: Context, depth: number): fc.Arbitrary<unknown> {
  const field = (s: JsonSchema, name?: string) => (depth > 3 ? anyJson : shaped(s, ctx, depth + 1, name));
  if (schema.$ref) {
    const target = ctx.root.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')];
    if (!target) throw new Error(`no schema ${schema.$ref}`);
    return exactly(target, ctx, depth);
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.oneOf ?? schema.anyOf;
  if (choices) return fc.oneof(...choices.map((c) => exactly(c, ctx, depth)));
  if (schema.allOf) return exactly(Object.assign({}, ...schema.allOf) as JsonSchema, ctx, depth);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return text(schema, ctx.noise);
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1000);
      return type === 'integer' ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(field(schema.items ?? {}), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 4, (schema.minItems ?? 0) + 4) });
    case 'object': {
      const props = Object.entries(schema.properties ?? {});
      if (props.length === 0) {
        const keys = schema.propertyNames?.enum ? fc.constantFrom(...(schema.propertyNames.enum as string[])) : fc.string({ minLength: 1, maxLength: 8 });
        return fc.dictionary(keys, typeof schema.additionalProperties === 'object' ? field(schema.additionalProperties) : anyJson, { maxKeys: 4 });
      }
      const required = new Set(schema.required ?? []);
      return fc.record(Object.fromEntries(props.map(([k, s]) => [k, field(s, k)])), { requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)) });
    }
    default:
      return anyJson;
  }
}

function text(schema: JsonSchema, noise: boolean): fc.Arbitrary<string> {
  if (schema.format === 'date') return date;
  if (schema.format === 'date-time') return dateTime;
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
  const minLength = schema.minLength ?? 0;
  const maxLength = schema.maxLength ?? 60;
  const fits = (a: fc.Arbitrary<string>) => a.filter((v) => v.length >= minLength && v.length <= maxLength);
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength, maxLength: Math.min(maxLength, minLength + 40) }) },
    { weight: 1, arbitrary: fits(fc.constantFrom(...TRICKY_TEXT, 'x')) },
    // Many fields are dates or times without saying so in the schema.
    { weight: 2, arbitrary: fits(fc.oneof(date, dateTime)) },
    // Longer than allowed by one: the limit is checked, not trusted.
    { weight: noise ? 1 : 0, arbitrary: fc.constant('x'.repeat(Math.min(maxLength + 1, 100_001))) },
  );
}
