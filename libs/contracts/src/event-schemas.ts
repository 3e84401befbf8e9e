/*
 * What every topic's runtime schemas share: the envelope, the helpers that check a schema against the TypeScript type
 * it describes at compile time, and the primitive schemas the event files are built from. The index exports only the
 * envelope and the helpers; the primitives are building blocks of this package.
 */
import type { IntegrationEvent } from './integration-event';
import type { JsonSchema, SchemaType } from './json-schema';
import type { Differences, ShapeDiff, WithoutDrift } from './shape';

type SchemaEvents<S> = { [T in keyof S & string]: { readonly type: T; readonly data: SchemaType<S[T]> } }[keyof S & string];
type Sides = readonly ['schema', 'TypeScript type'];

/** `schemaOf<T>()(schema)` returns the schema, and compiles only when it describes exactly T. */
export const schemaOf =
  <T>() =>
  <const S extends JsonSchema>(schema: S & Differences<ShapeDiff<SchemaType<S>, T, 'value', Sides>>): S =>
    schema;

/** `eventDataSchemas<E>()(schemas)`: one data schema per event type of E, and no other; compiles only when each describes that event's data. */
export const eventDataSchemas =
  <E extends IntegrationEvent>() =>
  <const S extends { readonly [T in E['type']]: JsonSchema }>(schemas: S & WithoutDrift<SchemaEvents<S>, E, Sides>): S =>
    schemas;

export const uuid = { type: 'string', format: 'uuid' } as const;
export const dateTime = { type: 'string', format: 'date-time' } as const;
/** A calendar date, YYYY-MM-DD. */
export const date = { type: 'string', format: 'date' } as const;
export const string = { type: 'string' } as const;
export const strings = { type: 'array', items: string } as const;

/** `components.schemas.Envelope`. */
export const ENVELOPE_SCHEMA = schemaOf<IntegrationEvent>()({
  type: 'object',
  required: ['eventId', 'type', 'schemaVersion', 'streamId', 'streamVersion', 'tenantId', 'occurredAt', 'correlationId', 'causationId', 'actorId', 'data'],
  properties: {
    eventId: uuid,
    type: string,
    schemaVersion: { type: 'integer', minimum: 1 },
    streamId: string,
    streamVersion: { type: 'integer', minimum: 0 },
    tenantId: string,
    occurredAt: dateTime,
    correlationId: string,
    causationId: string,
    actorId: string,
    data: { type: 'object' },
  },
});
