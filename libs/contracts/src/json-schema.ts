/*
 * The subset of JSON Schema the contract's runtime schemas use, and the TypeScript type a schema describes. The
 * schemas are plain `as const` objects (no library): docs/asyncapi.yaml must contain exactly them (a test), and
 * `SchemaType` of each must have the same shape as the contract's TypeScript type (a compile error otherwise).
 */

export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'array' | 'object';

export interface JsonSchema {
  readonly type?: JsonType | readonly JsonType[];
  readonly const?: string;
  readonly enum?: readonly string[];
  readonly properties?: { readonly [name: string]: JsonSchema };
  readonly required?: readonly string[];
  readonly additionalProperties?: JsonSchema;
  readonly items?: JsonSchema;
  readonly allOf?: readonly JsonSchema[];
  readonly format?: 'uuid' | 'date-time';
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
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
