/*
 * The subset of JSON Schema the contract's runtime schemas use, and the TypeScript type a schema describes. The
 * schemas are plain `as const` objects (no library): docs/asyncapi.yaml must contain exactly them (a test), and
 * `SchemaType` of each must have the same shape as the contract's TypeScript type (a compile error otherwise).
 */

export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'array' | 'object';

export interface JsonSchema {
  readonly type?: JsonType | readonly JsonType[];
  readonly const?: string;
  readonly enum?: readonly (string | null)[];
  readonly properties?: { readonly [name: string]: JsonSchema };
  readonly required?: readonly string[];
  readonly additionalProperties?: JsonSchema;
  readonly items?: JsonSchema;
  readonly allOf?: readonly JsonSchema[];
  readonly format?: 'uuid' | 'date-time' | 'date' | 'email';
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
}

type Flatten<T> = T extends object ? { [K in keyof T]: T[K] } : T;
type RequiredOf<S> = S extends { readonly required: readonly (infer R)[] } ? R : never;

type ObjectOf<S> = S extends { readonly properties: infer P }
  ? Flatten<
      { readonly [K in keyof P as K extends RequiredOf<S> ? K : never]: SchemaType<P[K]> } & {
        readonly [K in keyof P as K extends RequiredOf<S> ? never : K]?: SchemaType<P[K]>;
      }
    >
  : S extends { readonly additionalProperties: infer V }
    ? { readonly [key: string]: SchemaType<V> }
    : object;

type TypeOf<T, S> = T extends 'string'
  ? string
  : T extends 'integer' | 'number'
    ? number
    : T extends 'boolean'
      ? boolean
      : T extends 'null'
        ? null
        : T extends 'array'
          ? readonly SchemaType<S extends { readonly items: infer I } ? I : unknown>[]
          : T extends 'object'
            ? ObjectOf<S>
            : never;

type AllOf<All> = All extends readonly [infer First, ...infer Rest] ? SchemaType<First> & AllOf<Rest> : unknown;

/** The TypeScript type of the values a schema accepts (`{}` accepts anything: unknown). */
export type SchemaType<S> = S extends { readonly allOf: infer All }
  ? Flatten<AllOf<All>>
  : S extends { readonly const: infer C }
    ? C
    : S extends { readonly enum: readonly (infer E)[] }
      ? E
      : S extends { readonly type: infer T }
        ? TypeOf<T extends readonly (infer U)[] ? U : T, S>
        : unknown;

const FORMATS: Record<NonNullable<JsonSchema['format']>, (value: string) => boolean> = {
  uuid: (value) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value),
  'date-time': (value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)),
  date: (value) => {
    const day = new Date(`${value}T00:00:00Z`);
    // A day that does not exist (30 February) rolls over into another; Date does not refuse it.
    return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
  },
  email: (value) => /^[^\s@]+@[^\s@]+$/.test(value),
};

const typeOfValue = (value: unknown): JsonType => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
};

const matchesType = (type: JsonType, value: unknown): boolean => {
  const actual = typeOfValue(value);
  return actual === type || (type === 'number' && actual === 'integer');
};

/** The properties an object schema declares, through `allOf` too. */
const declaredProperties = (schema: JsonSchema): string[] => [...Object.keys(schema.properties ?? {}), ...(schema.allOf ?? []).flatMap(declaredProperties)];
const isClosed = (schema: JsonSchema): boolean => schema.properties !== undefined || (schema.allOf ?? []).some(isClosed);

const violations = (schema: JsonSchema, value: unknown, path: string, closed: boolean): string[] => {
  const found: string[] = [];
  if (schema.allOf) {
    found.push(...schema.allOf.flatMap((part) => violations(part, value, path, false)));
  }
  const types = schema.type === undefined ? [] : typeof schema.type === 'string' ? [schema.type] : schema.type;
  if (types.length > 0 && !types.some((type) => matchesType(type, value))) return [...found, `${path} is ${typeOfValue(value)}, not ${types.join(' or ')}`];
  if (schema.const !== undefined && value !== schema.const) found.push(`${path} is not ${schema.const}`);
  if (schema.enum && !schema.enum.includes(value as string | null)) found.push(`${path} is not one of ${schema.enum.map(String).join(', ')}`);
  if (typeof value === 'string') {
    if (schema.format && !FORMATS[schema.format](value)) found.push(`${path} is not a ${schema.format}`);
    if (schema.minLength !== undefined && value.length < schema.minLength) found.push(`${path} is shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) found.push(`${path} is longer than ${schema.maxLength}`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) found.push(`${path} is below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) found.push(`${path} is above ${schema.maximum}`);
  }
  if (Array.isArray(value) && schema.items) {
    const items = schema.items;
    value.forEach((item, i) => found.push(...violations(items, item, `${path}[${i}]`, true)));
  }
  if (typeOfValue(value) === 'object') {
    const record = value as Record<string, unknown>;
    for (const name of schema.required ?? []) if (!(name in record)) found.push(`${path}.${name} is missing`);
    for (const [name, property] of Object.entries(schema.properties ?? {})) if (name in record) found.push(...violations(property, record[name], `${path}.${name}`, true));
    const additional = schema.additionalProperties;
    if (additional) for (const [name, item] of Object.entries(record)) found.push(...violations(additional, item, `${path}.${name}`, true));
    else if (closed && isClosed(schema)) {
      const declared = new Set(declaredProperties(schema));
      for (const name of Object.keys(record)) if (!declared.has(name)) found.push(`${path}.${name} is not in the contract`);
    }
  }
  return found;
};

/**
 * What is wrong with a JSON value for a schema of this subset, one sentence per problem (none: it conforms). Stricter
 * than JSON Schema in one way, on purpose: an object schema that lists its properties is closed, so a field the
 * contract does not name is a violation (a publisher's test proves it sends nothing beyond the contract).
 */
export const schemaViolations = (schema: JsonSchema, value: unknown, path = 'value'): string[] => violations(schema, value, path, true);
